"""No hand-typed measured figure in the maintainer guides (issue #24).

A time, a size or a share that a script measures goes stale the day it is typed: the guides link to
the generated `dev/results/*.md` or name the command that measures it. This test flags every
measured-looking figure (a time in s/ms, a size in B/KB/kB/MB/KiB/MiB/GB, a percentage) in
`dev/*.md` (not `dev/results/`, generated; not `dev/decisions/`, dated records of why a choice was
made), `CONTRIBUTING.md` and `deploy/README.md`, unless the line matches the small allow-list of
rules, limits and configured values below.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A number, then a unit of time, size or share. "1.6 Mbit/s" and "3 sections" do not match; a number
# right after a Chinese character does ("耗时3.5 s").
FIGURE = re.compile(
    r"(?<![A-Za-z0-9_.])\d+(?:[.,]\d+)*\s?(?:ms|s|B|KB|kB|MB|GB|KiB|MiB|%)(?![\w/])"
)

# Each entry: a pattern around a figure that is not a measurement, and why. Keep it small.
ALLOWED: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"(?:under|≤|≥|most|least) \d+(?:\.\d+)? ?(?:kB|MB|ms|s|%)"),
        "a limit a test or a setting enforces (section table size, user cache cap, eval floors)",
    ),
    (re.compile(r"\d+ MiB quota"), "the storage quota a browser test grants an origin"),
    (
        re.compile(r"\d+ ms (?:round trips?|each way|network)"),
        "the emulated phone link's latency, set in bench/phone_link.py and the bench",
    ),
    (
        re.compile(r"\d+ ms debounce|within \d+ ms of the last|waits for \d+ ms"),
        "the input debounce, a constant of widget.js / search.js",
    ),
    (
        re.compile(r"silent for \d+ s|reports every \d+ ms|ignored after \d+ s"),
        "widget.js constants: STALL_MS, the progress interval, CARRY_MS",
    ),
    (
        re.compile(r"probes served after \d+ s"),
        "the slowloris test's assertion in tests/deploy/test_nginx_hardening.py",
    ),
    (
        # Written without a space, as readers and contracts write them; measured shares have one.
        re.compile(r"(?:如 ?|e\.g\. |[\"`]|利率|interest |rate |daily_rate: )\d+(?:\.\d+)?%|\d+%–\d+%"),
        "an interest rate given as an example input, a contract range or a reader's query",
    ),
    (
        re.compile(r"\d+(?:\.\d+)? ?% (?:annual|interest|check|level|a day)|from \d+ % to \d+ %"),
        "a rate the law sets (the 24 % level, delay interest a day) or the input check's hint range",
    ),
)

GUIDES = sorted((ROOT / "dev").glob("*.md")) + [ROOT / "CONTRIBUTING.md", ROOT / "deploy" / "README.md"]


def measured_figures(text: str) -> list[tuple[int, str]]:
    """(line number, figure) for each measured-looking figure outside the allow-list."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        allowed = [m.span() for pattern, _ in ALLOWED for m in pattern.finditer(line)]
        for match in FIGURE.finditer(line):
            start, end = match.span()
            if not any(a <= start and end <= b for a, b in allowed):
                found.append((number, match.group()))
    return found


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("the unit cases cost 36.6 → 7.4 s CPU for the file", ["7.4 s"]),
        ("its analysis fell from 10–15 ms to 2 ms", ["15 ms", "2 ms"]),
        ("zh 206 → 177 kB, brotli 49 → 44 kB", ["177 kB", "44 kB"]),
        ("the precache (≈ 1 MB) shared the line with the runtime (≈ 3.4 MB)", ["1 MB", "3.4 MB"]),
        ("dev-a en 85.7 → 87.8 % first", ["87.8 %"]),
        ("a 256 KiB band and an 8 MiB file", ["256 KiB", "8 MiB"]),
        ("首次查询耗时204 ms，占比72.2%", ["204 ms", "72.2%"]),
        ("the section table (every page once, under 300 kB)", []),
        ("the search-box budget: ≤ 300 ms", []),
        ("an 8 MiB quota broke the calculator", []),
        ("at most 128 MB (least recently used go first)", []),
        ("1.6 Mbit/s down, 75 ms each way, 3 sections, brotli 11", []),
        ("the worker silent for 40 s; while bytes arrive it reports every 250 ms", []),
        ("日利率0.05%一年是多少, \"is 24% interest cap legal\"", []),
        ("first for ≥ 90 % per language; the 24 % level; e.g. 0.05% (5 in 10,000)", []),
        ("dev-a en 77.6 / 91.8 → 83.7 / 98.0 % and 1 GB of TeX", ["98.0 %", "1 GB"]),
    ],
)
def test_fixture_lines(line: str, expected: list[str]) -> None:
    """A measured line is flagged, a rule, limit or configured value is not."""
    assert [figure for _, figure in measured_figures(line)] == expected


def test_guides_hold_no_hand_typed_figure() -> None:
    """Every guide names the command or the generated file instead of a measured figure."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {figure}"
        for path in GUIDES
        for number, figure in measured_figures(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, (
        "measured figures typed into guides (link dev/results/*.md or name the command, "
        "or add a commented rule to ALLOWED):\n" + "\n".join(offenders)
    )


def test_readme_is_a_front_door_under_8_kb() -> None:
    """Issue 24: README.md is the front door (what it is, the two commands, the map, the generated
    search block), at most 8 KB; guides and measured detail live in dev/. The search block grows a
    row per query set: bench/search_readme.short_role keeps the rows of sets tuned on short."""
    size = len((ROOT / "README.md").read_bytes())
    assert size <= 8 * 1024, f"README.md is {size} bytes: move detail to a guide in dev/"

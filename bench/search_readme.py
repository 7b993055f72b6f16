"""The README's search figures: a block between two markers, written by ``scripts/bench --only
search --markdown`` from the rows it measured (never typed by hand).

One row per query set found (tuning, blind, blind2, …) and language: the share of queries whose
wanted page the box ranks first and in its top 3; then keystroke-to-results (median) and the
first query after opening the box (median), per language; the date and commit. A set found but
not measured in this run (``--search-sets``) keeps a row that says so.
"""

from __future__ import annotations

import re
from pathlib import Path

from bench import search_eval
from bench.results import Results, Row

START = "<!-- search-figures:start -->"
END = "<!-- search-figures:end -->"
THIS_BUILD = "Pagefind + ranking + synonyms (this build)"
LANGS = ("zh", "en")


def _find(rows: list[Row], measure: str) -> Row | None:
    return next((r for r in rows if r.area == "search" and r.measure == measure), None)


def _pct(row: Row | None) -> str:
    return f"{row.value.median * row.unit.scale:.1f} %" if row else "not measured"


def _ms(row: Row | None) -> str:
    return f"{row.value.median * row.unit.scale:.0f} ms" if row else "not measured"


def short_role(name: str) -> str:
    """A set's role as the README shows it: the sets tuned on say only that (their history is in
    dev/results/search.md, whose notes give each set's whole role), so each new query set adds a
    short row and README stays a front door under 8 KB (issue 24); a held-out or blind set keeps its
    whole role, the reader's reason to trust its figures."""
    role = search_eval.set_role(name)
    return "tuned on" if "tuned on" in role else role


def block(header: dict[str, str], results: Results, sets: dict[str, Path] | None = None) -> str:
    """The block's Markdown, markers included: one row per query set found (``sets``, default
    every set of bench/search_eval.py), zh and en side by side."""
    timing = []
    for lang in LANGS:
        keys = _find(results.rows, f"{lang} keystroke to results: median")
        first = _find(results.rows, f"{lang} first query after opening the box")
        timing.append(f"{lang} {_ms(keys)} / {_ms(first)}")
    lines = [START,
             f"Wanted page first / in the top 3, per query set; keystroke to results / first query after "
             f"opening the box (medians): {', '.join(timing)}. Measured {header.get('date', '?')}, commit "
             f"{header.get('commit', '?')}, by `scripts/bench --only search --markdown` (Chromium, 127.0.0.1).",
             "",
             "| query set | zh first | zh top 3 | en first | en top 3 |", "|---|---:|---:|---:|---:|"]
    for name, path in (search_eval.SETS if sets is None else sets).items():
        if not path.is_file():
            continue
        cells = [_pct(_find(results.rows, f"{name} {lang} wanted {which}: {THIS_BUILD}"))
                 for lang in LANGS for which in ("first", "in top 3")]
        lines.append(f"| {name} (`{path.name}`; {short_role(name)}) | " + " | ".join(cells) + " |")
    gaps = [f"{name} {n}" for name, path in (search_eval.SETS if sets is None else sets).items()
            if path.is_file() and (n := search_eval.unscored(path))]
    if gaps:
        lines += ["", "Not scored: queries written as content gaps, with no wanted page (" + ", ".join(gaps) + ")."]
    lines.append(END)
    return "\n".join(lines)


def update(readme: Path, header: dict[str, str], results: Results) -> bool:
    """Replace the block in ``readme`` (only between the markers); False if it has no markers."""
    text = readme.read_text("utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        return False
    readme.write_text(pattern.sub(lambda _: block(header, results), text, count=1), "utf-8")
    return True

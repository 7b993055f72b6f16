"""Every frozen blind query set (tests/site/search_blind2.json, …3, …4, …5, …6, …7, …8, …9, …10, …11) is well formed.

Why: a blind set is an honest measure of the site search (issue #26); a typo in a page path, a
duplicated query or a query already used in another (tuned-on) set would silently distort every
figure measured with it. No build, no browser: paths are checked against the Markdown sources,
which share their paths with the built site. The other sets are read only to compare query
strings, so the author of a new set never has to look at them.

One module for all blind sets, each with what was asked of it when it was written (``BlindSet``);
a new set is one more row in ``SETS``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "tests" / "site"
EDITIONS = ("zh", "en")
FIELDS = {
    "q": str, "lang": str, "want": list, "top3": list,
    "why": str, "source": str, "gap": bool, "unlike": bool,
}
#: optional: set when a later round re-judged a gap query against the pages ("YYYY-MM-DD: ...")
OPTIONAL = {"relabelled": str}
TYPO_MARK = "typo:"


@dataclass(frozen=True)
class BlindSet:
    """One frozen set and the brief it was written to."""

    name: str
    min_queries: int
    #: written after the check against the other sets existed (blind3 on): no query of another set,
    #: and typos marked "typo:" in ``why``, at most ~12 % of the set
    distinct_and_typos_marked: bool

    @property
    def path(self) -> Path:
        return FOLDER / f"search_{self.name}.json"


SETS = (
    BlindSet("blind2", 90, False),
    BlindSet("blind3", 110, True),
    BlindSet("blind4", 110, True),
    BlindSet("blind5", 110, True),
    BlindSet("blind6", 110, True),
    BlindSet("blind7", 110, True),
    BlindSet("blind8", 130, True),
    BlindSet("blind9", 130, True),
    BlindSet("blind10", 130, True),
    BlindSet("blind11", 130, True),
)
LATER = tuple(s for s in SETS if s.distinct_and_typos_marked)


def page_source(lang: str, path: str) -> Path | None:
    """The Markdown file a built-site path ("" or "overdue/costs/") comes from, or None."""
    if path and (not path.endswith("/") or path.startswith("/") or ".." in path.split("/")):
        return None
    stem = path.rstrip("/")
    candidates = [ROOT / "docs" / lang / "index.md"] if not stem else [
        ROOT / "docs" / lang / f"{stem}.md",
        ROOT / "docs" / lang / stem / "index.md",
    ]
    return next((c for c in candidates if c.is_file()), None)


def query_strings(data: Any) -> list[str]:
    """The query texts in another set file: a {"queries": [...]} object or a bare list of entries."""
    entries = data.get("queries", []) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        return []
    found = []
    for entry in entries:
        if isinstance(entry, dict):
            text = entry.get("q", entry.get("query"))
            if isinstance(text, str):
                found.append(text)
        elif isinstance(entry, str):
            found.append(entry)
    return found


_loaded: dict[str, dict[str, Any]] = {}


def _data(spec: BlindSet) -> dict[str, Any]:
    if spec.name not in _loaded:
        _loaded[spec.name] = json.loads(spec.path.read_text("utf-8"))
    return _loaded[spec.name]


@pytest.fixture(params=SETS, ids=lambda s: s.name)
def spec(request: pytest.FixtureRequest) -> BlindSet:
    return request.param


@pytest.fixture(params=LATER, ids=lambda s: s.name)
def later(request: pytest.FixtureRequest) -> BlindSet:
    return request.param


def _queries(spec: BlindSet) -> list[dict[str, Any]]:
    return _data(spec)["queries"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [("", "index.md"), ("overdue/costs/", "overdue/costs.md"), ("letters/", "letters/index.md")],
)
def test_page_source_resolves_site_paths(path: str, expected: str) -> None:
    assert page_source("zh", path) == ROOT / "docs" / "zh" / expected


@pytest.mark.parametrize("path", ["overdue/costs", "no/such/page/", "/overdue/costs/", "../zh/"])
def test_page_source_rejects_bad_paths(path: str) -> None:
    assert page_source("zh", path) is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"queries": [{"q": "a"}, {"query": "b"}, {"x": 1}]}, ["a", "b"]),
        ([{"q": "c"}, "d"], ["c", "d"]),
        ({"other": 1}, []),
    ],
)
def test_query_strings_reads_both_shapes(data: Any, expected: list[str]) -> None:
    assert query_strings(data) == expected


def test_header(spec: BlindSet) -> None:
    blind = _data(spec)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", blind["frozen"])
    assert blind["author"].strip() and blind["note"].strip()


def test_size_and_language_mix(spec: BlindSet) -> None:
    queries = _queries(spec)
    langs = Counter(q["lang"] for q in queries)
    assert set(langs) == set(EDITIONS)
    assert len(queries) >= spec.min_queries
    assert 0.6 <= langs["zh"] / len(queries) <= 0.73, langs


def test_every_entry_has_the_fields(spec: BlindSet) -> None:
    for q in _queries(spec):
        assert set(FIELDS) <= set(q) <= set(FIELDS) | set(OPTIONAL), q
        for name, kind in (FIELDS | OPTIONAL).items():
            assert name not in q or isinstance(q[name], kind), (name, q)
        assert "relabelled" not in q or re.match(r"\d{4}-\d{2}-\d{2}: \S", q["relabelled"]), q
        assert q["q"].strip() == q["q"] and q["q"], q
        assert q["why"].strip(), q
        assert all(isinstance(p, str) for p in q["want"] + q["top3"]), q


def test_sources_are_urls(spec: BlindSet) -> None:
    for q in _queries(spec):
        assert re.fullmatch(r"https?://[^\s/]+\.[^\s/]+/\S*", q["source"]), q


def test_no_duplicate_queries(spec: BlindSet) -> None:
    dupes = [k for k, n in Counter(q["q"].casefold() for q in _queries(spec)).items() if n > 1]
    assert not dupes


def test_no_query_from_another_set(later: BlindSet) -> None:
    others = [p for p in sorted(FOLDER.glob("search_*.json")) if p != later.path]
    seen: dict[str, str] = {}
    for path in others:
        for text in query_strings(json.loads(path.read_text("utf-8"))):
            seen.setdefault(text.strip().casefold(), path.name)
    assert others and len(seen) > 0, "no other query set was read: the comparison would be vacuous"
    clashes = sorted((q["q"], seen[q["q"].casefold()]) for q in _queries(later) if q["q"].casefold() in seen)
    assert not clashes, "\n".join(f"{text} (also in {name})" for text, name in clashes)


def test_want_and_gap_agree(spec: BlindSet) -> None:
    for q in _queries(spec):
        assert bool(q["want"]) != q["gap"], q
        assert not set(q["want"]) & set(q["top3"]), q
        assert len(set(q["want"])) == len(q["want"]) and len(set(q["top3"])) == len(q["top3"]), q


def test_every_path_is_a_page_in_both_editions(spec: BlindSet) -> None:
    paths = {p for q in _queries(spec) for p in q["want"] + q["top3"]}
    missing = sorted((lang, p) for p in paths for lang in EDITIONS if page_source(lang, p) is None)
    assert not missing


def test_mix_of_kinds(spec: BlindSet) -> None:
    queries = _queries(spec)
    assert sum(q["unlike"] for q in queries) * 3 >= len(queries)
    # written with gap queries; a later relabelling may find pages for all of them ("relabelled")
    assert any(q["gap"] or "relabelled" in q for q in queries)
    short = [q for q in queries if (len(q["q"]) <= 4 if q["lang"] == "zh" else len(q["q"].split()) <= 2)]
    assert len(short) >= 5


def test_typos_are_marked_and_few(later: BlindSet) -> None:
    queries = _queries(later)
    typos = [q for q in queries if q["why"].startswith(TYPO_MARK)]
    assert 0 < len(typos) * 10 <= len(queries) * 1.2, len(typos)

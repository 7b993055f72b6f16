"""The fourth frozen blind query set (tests/site/search_blind4.json) is well formed.

Why: the set is the honest measure of the site search (issue #26); a typo in a page path, a
duplicated query or a query already used in another (tuned-on) set would silently distort every
figure measured with it. No build, no browser: paths are checked against the Markdown sources,
which share their paths with the built site. The other sets are read only to compare query
strings, so the author of this set never had to look at them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SET_FILE = ROOT / "tests" / "site" / "search_blind4.json"
EDITIONS = ("zh", "en")
FIELDS = {
    "q": str, "lang": str, "want": list, "top3": list,
    "why": str, "source": str, "gap": bool, "unlike": bool,
}
TYPO_MARK = "typo:"


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


@pytest.fixture(scope="module")
def blind() -> dict[str, Any]:
    return json.loads(SET_FILE.read_text("utf-8"))


@pytest.fixture(scope="module")
def queries(blind: dict[str, Any]) -> list[dict[str, Any]]:
    return blind["queries"]


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


def test_header(blind: dict[str, Any]) -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", blind["frozen"])
    assert blind["author"].strip() and blind["note"].strip()


def test_size_and_language_mix(queries: list[dict[str, Any]]) -> None:
    langs = Counter(q["lang"] for q in queries)
    assert set(langs) == set(EDITIONS)
    assert len(queries) >= 110
    assert 0.6 <= langs["zh"] / len(queries) <= 0.73, langs


def test_every_entry_has_the_fields(queries: list[dict[str, Any]]) -> None:
    for q in queries:
        assert set(q) == set(FIELDS), q
        for name, kind in FIELDS.items():
            assert isinstance(q[name], kind), (name, q)
        assert q["q"].strip() == q["q"] and q["q"], q
        assert q["why"].strip(), q
        assert all(isinstance(p, str) for p in q["want"] + q["top3"]), q


def test_sources_are_urls(queries: list[dict[str, Any]]) -> None:
    for q in queries:
        assert re.fullmatch(r"https?://[^\s/]+\.[^\s/]+/\S*", q["source"]), q


def test_no_duplicate_queries(queries: list[dict[str, Any]]) -> None:
    dupes = [k for k, n in Counter(q["q"].casefold() for q in queries).items() if n > 1]
    assert not dupes


def test_no_query_from_another_set(queries: list[dict[str, Any]]) -> None:
    others = [p for p in sorted(SET_FILE.parent.glob("search_*.json")) if p != SET_FILE]
    seen: dict[str, str] = {}
    for path in others:
        for text in query_strings(json.loads(path.read_text("utf-8"))):
            seen.setdefault(text.strip().casefold(), path.name)
    assert others and len(seen) > 0, "no other query set was read: the comparison would be vacuous"
    clashes = sorted((q["q"], seen[q["q"].casefold()]) for q in queries if q["q"].casefold() in seen)
    assert not clashes, "\n".join(f"{text} (also in {name})" for text, name in clashes)


def test_want_and_gap_agree(queries: list[dict[str, Any]]) -> None:
    for q in queries:
        assert bool(q["want"]) != q["gap"], q
        assert not set(q["want"]) & set(q["top3"]), q
        assert len(set(q["want"])) == len(q["want"]) and len(set(q["top3"])) == len(q["top3"]), q


def test_every_path_is_a_page_in_both_editions(queries: list[dict[str, Any]]) -> None:
    paths = {p for q in queries for p in q["want"] + q["top3"]}
    missing = sorted((lang, p) for p in paths for lang in EDITIONS if page_source(lang, p) is None)
    assert not missing


def test_mix_of_kinds(queries: list[dict[str, Any]]) -> None:
    assert sum(q["unlike"] for q in queries) * 3 >= len(queries)
    assert any(q["gap"] for q in queries)
    short = [q for q in queries if (len(q["q"]) <= 4 if q["lang"] == "zh" else len(q["q"].split()) <= 2)]
    assert len(short) >= 5
    typos = [q for q in queries if q["why"].startswith(TYPO_MARK)]
    assert 0 < len(typos) * 10 <= len(queries) * 1.2, len(typos)

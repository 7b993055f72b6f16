"""The second frozen blind query set (tests/site/search_blind2.json) is well formed.

Why: the set is the honest measure of the site search (issue #26); a typo in a page path or a
duplicated query would silently distort every figure measured with it. No build, no browser:
paths are checked against the Markdown sources, which share their paths with the built site.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SET_FILE = ROOT / "tests" / "site" / "search_blind2.json"
EDITIONS = ("zh", "en")
FIELDS = {
    "q": str, "lang": str, "want": list, "top3": list,
    "why": str, "source": str, "gap": bool, "unlike": bool,
}


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


def test_header(blind: dict[str, Any]) -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", blind["frozen"])
    assert blind["author"].strip() and blind["note"].strip()


def test_size_and_language_mix(queries: list[dict[str, Any]]) -> None:
    langs = Counter(q["lang"] for q in queries)
    assert set(langs) == set(EDITIONS)
    assert len(queries) >= 90
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

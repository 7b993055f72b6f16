"""Format of the search development set (tests/site/search_dev.json, issue #26).

The set is what the search is tuned on, so it must stay well-formed for the evaluator: it parses,
is large and mostly Chinese, and every page it names exists in both editions. No build, no browser.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_search_blind_formats import EDITIONS, page_source

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT / "tests" / "site" / "search_dev.json"
CJK = re.compile(r"[\u4e00-\u9fff]")


def anchored_file(lang: str, path: str) -> Path | None:
    """The Markdown file behind a path that may name a section ("a/b/#id"): the page's file
    (``page_source``, the blind sets' resolver) when it exists and, with an anchor, sets that id
    on a heading (``{#id}``)."""
    page, _, anchor = path.partition("#")
    md = page_source(lang, page)
    if md is None or not anchor:
        return md
    return md if re.search(r"\{#" + re.escape(anchor) + r"\}", md.read_text("utf-8")) else None


def site_path(docs: Path, md: Path) -> str:
    """The built-site path of a Markdown page, the inverse of ``page_source``."""
    rel = md.relative_to(docs).with_suffix("").as_posix()
    if rel == "index":
        return ""
    return (rel[: -len("/index")] if rel.endswith("/index") else rel) + "/"


def normalise(query: str) -> str:
    return " ".join(query.casefold().split())


@pytest.fixture(scope="module")
def dev_set() -> dict:
    return json.loads(DEV_SET.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def queries(dev_set: dict) -> list[dict]:
    return dev_set["queries"]


def test_anchored_file_checks_the_section_id() -> None:
    zh = ROOT / "docs" / "zh"
    assert anchored_file("zh", "overdue/full-repayment/#borrow-again") == zh / "overdue" / "full-repayment.md"
    assert anchored_file("zh", "overdue/costs/") == zh / "overdue" / "costs.md"
    assert anchored_file("zh", "overdue/full-repayment/#no-such-section") is None
    assert anchored_file("zh", "overdue/no-such-page/#borrow-again") is None


def test_header_fields(dev_set: dict) -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dev_set["frozen"])
    assert dev_set["author"].strip()
    assert "blind" in dev_set["note"].lower()


def test_size_and_language_mix(queries: list[dict]) -> None:
    langs = Counter(q["lang"] for q in queries)
    assert set(langs) == {"zh", "en"}
    assert len(queries) >= 150
    assert 0.60 <= langs["zh"] / len(queries) <= 0.72, langs


def test_entry_fields(queries: list[dict]) -> None:
    for q in queries:
        # "relabelled": what a label was and why it moved (the content changed after the set was written)
        assert {"q", "lang", "want", "top3", "why", "source", "gap", "unlike"} <= set(q), q
        # "also": pages answering the query as fully as the wanted one (round 6), each with its reason
        assert set(q) <= {"q", "lang", "want", "top3", "why", "source", "gap", "unlike", "relabelled", "also"}, q
        assert q.get("relabelled", "x").strip(), q
        for also in q.get("also", []):
            assert set(also) == {"page", "why"} and also["why"].strip() and "\n" not in also["why"], q
            assert also["page"] not in q["want"], q
        assert q["q"].strip() == q["q"] and q["q"], q
        assert isinstance(q["gap"], bool) and isinstance(q["unlike"], bool), q
        assert q["why"].strip(), q
        assert q["want"], q
        assert not set(q["want"]) & set(q["top3"]), q
        if q["lang"] == "zh":
            assert CJK.search(q["q"]), q
        else:
            assert not CJK.search(q["q"]), q


def test_every_entry_has_a_source_url(queries: list[dict]) -> None:
    for q in queries:
        parts = urlsplit(q["source"])
        assert parts.scheme in {"http", "https"} and parts.netloc, q


def test_no_duplicate_queries(queries: list[dict]) -> None:
    counts = Counter(normalise(q["q"]) for q in queries)
    assert [q for q, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_named_page_exists(queries: list[dict], lang: str) -> None:
    missing = sorted(
        {p for q in queries for p in q["want"] + q["top3"] + [a["page"] for a in q.get("also", [])]
         if anchored_file(lang, p) is None}
    )
    assert missing == []


def test_every_page_is_wanted_by_some_query(queries: list[dict]) -> None:
    zh = ROOT / "docs" / "zh"
    pages = {site_path(zh, md) for md in zh.rglob("*.md")}
    wanted = {p.partition("#")[0] for q in queries for p in q["want"]}
    assert sorted(pages - wanted) == []


def test_typos_gaps_and_unlike_share(queries: list[dict]) -> None:
    typos = sum(q["why"].startswith("typo:") for q in queries)
    assert 0 < typos <= 0.10 * len(queries)
    # Gaps were written; the content may answer them later (then relabelled, gap false).
    assert any(q["gap"] or "relabelled" in q for q in queries)
    assert sum(q["unlike"] for q in queries) >= len(queries) / 3


def test_also_pages_are_few_and_count_as_wanted(tmp_path: Path) -> None:
    """An "also" page (another page answering as fully) counts as first for the evaluator, and
    stays rare: a label that names a second page for most queries says nothing."""
    from bench import search_eval

    queries = json.loads(DEV_SET.read_text(encoding="utf-8"))["queries"]
    assert sum("also" in q for q in queries) <= 0.05 * len(queries)
    one = {"queries": [{"q": "x", "lang": "zh", "want": ["plan/"], "top3": [],
                        "also": [{"page": "overdue/several-debts/", "why": "answers too"}]}]}
    (tmp_path / "set.json").write_text(json.dumps(one), "utf-8")
    (case,) = search_eval.load_cases(tmp_path / "set.json")
    assert case.want == ("plan/", "overdue/several-debts/")
    ranked = search_eval.Ranked(case, ("overdue/several-debts/", "plan/"), 0.0, (), ())
    assert ranked.first and ranked.in_top3

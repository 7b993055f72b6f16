"""Search ranking on the built index: every query of the tuning set (search_queries.json) run
through the search box's own ranking (search.js ``wldSearch.rank`` over the real Pagefind
bundle), all queries of an edition in one browser page (bench/search_eval.py).

The blind set (search_blind.json) is not asserted here: it is measured and reported
(``python -m bench.search_eval --report``), never tuned on."""

from __future__ import annotations

import json

import pytest

from bench.search_eval import SETS, Ranked, load_cases, rank_cases, shares

QUERIES: list[dict] = json.loads(SETS["tuning"].read_text("utf-8"))
#: The issue's target for the blind set, held on the tuning set too.
FIRST_AT_LEAST = 0.90


@pytest.fixture(scope="module")
def ranked(browser: object, base_url: str) -> list[Ranked]:
    return rank_cases(browser, base_url, load_cases(SETS["tuning"]))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tuning_set_wanted_page_in_the_top_3(ranked: list[Ranked], lang: str) -> None:
    missed = [(r.case.query, r.case.want[0], list(r.paths[:3])) for r in ranked
              if r.case.lang == lang and not r.in_top3]
    assert not missed, f"{lang}: wanted page not in the top 3: {missed}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tuning_set_wanted_page_first(ranked: list[Ranked], lang: str) -> None:
    share = next(s for s in shares(ranked) if s.lang == lang)
    second = [(r.case.query, r.case.want[0], list(r.paths[:2])) for r in ranked if r.case.lang == lang and not r.first]
    assert share.first >= FIRST_AT_LEAST, f"{lang}: wanted page first for {share.first:.1%}; not first: {second}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tuning_set_top_3_holds_only_acceptable_pages(ranked: list[Ranked], lang: str) -> None:
    """The pages a reviewer accepted for each query (``top3``, listed from the old ranking's output)
    fill the top 3 of at least 65 % of the queries (measured: zh 90 %, en 66 %): the ranking
    brings other related pages into places 2 and 3 more often than the old one did."""
    bad = [(r.case.query, [p for p in r.paths[:3] if p not in r.case.top3]) for r in ranked if r.case.lang == lang]
    bad = [b for b in bad if b[1]]
    assert len(bad) <= 0.35 * sum(r.case.lang == lang for r in ranked), f"{lang}: {len(bad)} queries: {bad}"


def test_query_set_is_large_varied_and_mostly_first() -> None:
    kinds = {"bare", "phrase", "multi", "question", "colloquial", "partial"}
    for lang, least in (("zh", 60), ("en", 30)):
        cases = [q for q in QUERIES if q["lang"] == lang]
        assert len(cases) >= least, f"{lang}: only {len(cases)} search queries"
        assert {"bare", "question", "colloquial"} <= {q["kind"] for q in cases} <= kinds
        assert all(q["expect"] in q["top3"] for q in cases)
    assert len({(q["lang"], q["query"]) for q in QUERIES}) == len(QUERIES), "a query is listed twice"

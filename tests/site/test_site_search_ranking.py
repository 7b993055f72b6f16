"""Search ranking on the built index: every query of the tuning set (search_queries.json) ranked by
the search box's own ranking.js under node over the built wld-vocab.json and wld-sections.json
(bench/search_fit.py, with search.js's cut-off), where the ranking lives: no browser, under a
second for the whole set.

One browser test per edition checks that the dialog (search.js ``wldSearch.rank`` in Chromium)
orders a handful of queries exactly as node does, so the two cannot drift apart.

The blind sets are not asserted here: they are measured and reported (``scripts/bench --only
search``), never tuned on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.search_eval import HOMES, SETS, Case, Ranked, load_cases, shares
from bench.search_fit import rank

QUERIES: list[dict] = json.loads(SETS["tuning"].read_text("utf-8"))
#: The issue's target for the blind set, held on the tuning set too.
FIRST_AT_LEAST = 0.90


@pytest.fixture(scope="module")
def ranked(site_dir: Path) -> list[Ranked]:
    cases = load_cases(SETS["tuning"])
    top = rank(site_dir, cases, [{}])[0]
    return [Ranked(c, t, 0.0, (), ()) for c, t in zip(cases, top)]


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
    fill the top 3 of at least 55 % of the queries (measured: zh 90 %, en 66 %; after content
    round 4 and the vocab6 synonyms, with round 5's ranking and round 6's alike, zh 79 %, en
    64 %: new sections and readers' words bring other related pages into places 2 and 3; after
    content round 6, round 6's ranking zh 78 %, en 61 %, round 7's (other sections by their
    mean) zh 73 %, en 57 %: short pages — a letter, the home page — now reach places 2 and 3
    where long articles met the words in many sections; the lists were written from the old
    ranking's output)."""
    bad = [(r.case.query, [p for p in r.paths[:3] if p not in r.case.top3]) for r in ranked if r.case.lang == lang]
    bad = [b for b in bad if b[1]]
    assert len(bad) <= 0.45 * sum(r.case.lang == lang for r in ranked), f"{lang}: {len(bad)} queries: {bad}"


def handful(lang: str) -> list[Case]:
    """The first tuning query of each kind (bare, phrase, question, …) of an edition: a few
    queries through every path of the ranking (cuts, stop words, name and section scores)."""
    kinds: dict[str, str] = {}
    for q in QUERIES:
        if q["lang"] == lang:
            kinds.setdefault(q["kind"], q["query"])
    wanted = set(kinds.values())
    return [c for c in load_cases(SETS["tuning"]) if c.lang == lang and c.query in wanted]


#: Each query through the dialog's wldSearch.rank, taking the pages it draws first (ranked by the
#: section table, before Pagefind's excerpts arrive; the same order, later with excerpts).
_DIALOG_RANKS = """async (queries) => {
  const out = [];
  for (const q of queries) {
    out.push(await new Promise((done, fail) => {
      window.wldSearch.rank(q, (early) => done(early.pages.map((p) => new URL(p.url, location.href).pathname))).catch(fail);
    }));
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dialog_ranks_as_node_does(browser: Any, base_url: str, site_dir: Path, lang: str) -> None:
    cases = handful(lang)
    assert len(cases) >= 5
    page = browser.new_page(bypass_csp=True)  # an evaluated function; the site's CSP forbids eval
    try:
        page.goto(base_url + HOMES[lang], wait_until="domcontentloaded")
        paths = page.evaluate(_DIALOG_RANKS, [c.query for c in cases])
    finally:
        page.close()
    home = HOMES[lang]
    in_dialog = [[p[len(home):] for p in ps[:3]] for ps in paths]
    by_node = [list(t) for t in rank(site_dir, cases, [{}])[0]]
    assert [c.query for c in cases] and list(zip([c.query for c in cases], in_dialog)) == list(
        zip([c.query for c in cases], by_node))


def test_query_set_is_large_varied_and_mostly_first() -> None:
    kinds = {"bare", "phrase", "multi", "question", "colloquial", "partial"}
    for lang, least in (("zh", 60), ("en", 30)):
        cases = [q for q in QUERIES if q["lang"] == lang]
        assert len(cases) >= least, f"{lang}: only {len(cases)} search queries"
        assert {"bare", "question", "colloquial"} <= {q["kind"] for q in cases} <= kinds
        assert all(q["expect"] in q["top3"] for q in cases)
    assert len({(q["lang"], q["query"]) for q in QUERIES}) == len(QUERIES), "a query is listed twice"

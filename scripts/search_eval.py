"""Rank a set of search queries on the built index, in one browser page per edition.

Why one page: the ranking is the search box's own code (overrides/assets/search/search.js
``wldSearch.rank`` over the real Pagefind bundle); loading a fresh page per query only measured
page loads. The tests (tests/site/test_site_search_ranking.py) and the benchmark
(scripts/benchmark/search.py) both use this module.

Query sets: the tuning set ``tests/site/search_queries.json`` (a list of {lang, query, expect,
top3}) and the blind set ``tests/site/search_blind.json`` ({"queries": [{q, lang, want, top3}]}),
read into the same :class:`Case`.

    python -m scripts.search_eval [--set tuning|blind|PATH] [--misses]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SETS = {"tuning": ROOT / "tests" / "site" / "search_queries.json",
        "blind": ROOT / "tests" / "site" / "search_blind.json"}
HOMES = {"zh": "/", "en": "/en/"}

#: Runs every query through the box's ranking in turn (each timed with the page's clock);
#: returns [{paths, ms, terms, fixes}].
_RANK_ALL = """async (queries) => {
  await window.wldSearch.load();
  const out = [];
  for (const q of queries) {
    const t0 = performance.now();
    const r = await window.wldSearch.rank(q);
    out.push({paths: r.pages.map((p) => new URL(p.url, location.href).pathname), ms: performance.now() - t0,
              terms: r.terms, fixes: r.fixes});
  }
  return out;
}"""


@dataclass(frozen=True)
class Case:
    """One query: the pages wanted first (any of them) and those acceptable in the top 3."""

    lang: str
    query: str
    want: tuple[str, ...]
    top3: tuple[str, ...]
    known_miss: str = ""


@dataclass(frozen=True)
class Ranked:
    case: Case
    paths: tuple[str, ...]  # result page paths relative to the edition root ("" = home)
    ms: float
    terms: tuple[str, ...]
    fixes: tuple[tuple[str, str], ...]

    @property
    def first(self) -> bool:
        return bool(self.paths) and self.paths[0] in self.case.want

    @property
    def in_top3(self) -> bool:
        return any(p in self.case.want for p in self.paths[:3])


def load_cases(path: Path) -> list[Case]:
    """The cases of a tuning-format list or a blind-format {"queries": [...]} file."""
    data = json.loads(path.read_text("utf-8"))
    if isinstance(data, list):
        return [Case(c["lang"], c["query"], (c["expect"],), tuple(c["top3"]), c.get("known_miss", ""))
                for c in data]
    out = []
    for c in data["queries"]:
        want = tuple(_rel(p) for p in ([c["want"]] if isinstance(c["want"], str) else c["want"]))
        out.append(Case(c["lang"], c["q"], want, tuple(_rel(p) for p in c.get("top3", want)) + want))
    return out


def _rel(path: str) -> str:
    """A page path as the tuning set writes it: relative to the edition root, "" for home."""
    p = path.strip()
    for prefix in ("/en/", "/"):
        if p.startswith(prefix):
            p = p[len(prefix):]
            break
    return p.split("#")[0]


def _edition_rel(lang: str, path: str) -> str:
    home = HOMES[lang]
    return path[len(home):] if path.startswith(home) else path


def rank_cases(browser: Any, base_url: str, cases: list[Case]) -> list[Ranked]:
    """Every case ranked by the search box's code, one page per edition, in the cases' order."""
    out: dict[int, Ranked] = {}
    for lang, home in HOMES.items():
        mine = [(i, c) for i, c in enumerate(cases) if c.lang == lang]
        if not mine:
            continue
        page = browser.new_page(bypass_csp=True)  # an evaluated function; the site's CSP forbids eval
        try:
            page.set_default_timeout(120_000)
            page.goto(base_url + home)
            got = page.evaluate(_RANK_ALL, [c.query for _, c in mine])
        finally:
            page.close()
        for (i, c), r in zip(mine, got):
            out[i] = Ranked(c, tuple(_edition_rel(lang, p) for p in r["paths"]), r["ms"], tuple(r["terms"]),
                            tuple(tuple(f) for f in r["fixes"]))
    return [out[i] for i in sorted(out)]


@dataclass(frozen=True)
class Shares:
    lang: str
    n: int
    first: float
    top3: float
    median_ms: float
    max_ms: float


def shares(ranked: list[Ranked]) -> list[Shares]:
    """Per language: share of wanted pages first and in the top 3, median and max rank time."""
    out = []
    for lang in HOMES:
        mine = [r for r in ranked if r.case.lang == lang]
        if mine:
            ms = [r.ms for r in mine]
            out.append(Shares(lang, len(mine), sum(r.first for r in mine) / len(mine),
                              sum(r.in_top3 for r in mine) / len(mine), statistics.median(ms), max(ms)))
    return out


@contextmanager
def served(site: Path) -> Iterator[tuple[Any, str]]:
    """(a Chromium browser, the URL of ``site`` served on a free loopback port)."""
    import threading

    from playwright.sync_api import sync_playwright

    from scripts.chromium import CHROMIUM, CHROMIUM_ARGS
    from scripts.serve import make_server

    server = make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                yield browser, f"http://127.0.0.1:{server.server_address[1]}"
            finally:
                browser.close()
    finally:
        server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="tuning", help="tuning, blind or a path to a query file")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--misses", action="store_true", help="list the queries whose wanted page is not first")
    args = parser.parse_args(argv)
    path = SETS.get(args.set, Path(args.set))
    cases = load_cases(path)
    with served(args.site) as (browser, url):
        ranked = rank_cases(browser, url, cases)
    for s in shares(ranked):
        print(f"{path.name} {s.lang}: {s.n} queries, first {s.first:.1%}, top 3 {s.top3:.1%}, "
              f"rank time median {s.median_ms:.0f} ms, max {s.max_ms:.0f} ms")
    if args.misses:
        for r in ranked:
            if not r.first:
                mark = "top3" if r.in_top3 else "MISS"
                sys.stdout.write(f"  {mark} {r.case.lang} {r.case.query!r} want {r.case.want[0]!r} got "
                                 f"{list(r.paths[:3])} terms {list(r.terms)} fixes {list(r.fixes)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

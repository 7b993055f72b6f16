"""Rank a set of search queries on the built index, in one browser page per edition.

Why one page: the ranking is the search box's own code (overrides/assets/search/search.js
``wldSearch.rank`` over the real Pagefind bundle); loading a fresh page per query only measured
page loads. The tests (tests/site/test_site_search_ranking.py) and the benchmark
(bench/search.py) both use this module.

Query sets (``query_sets``): the tuning set ``tests/site/search_queries.json`` (a list of {lang,
query, expect, top3}) and every blind set ``tests/site/search_blind*.json`` ({"queries": [{q,
lang, want, top3}]}; "blind" is search_blind.json, "blind2" search_blind2.json, …), read into the
same :class:`Case`.

    python -m bench.search_eval [--set tuning|dev|blind|blind2|PATH] [--misses] [--slow N]
    python -m bench.search_eval --report FILE [--set NAME …]   # the sets (default all) + timings

Timings (``--report``) are taken in the real box: keystroke-to-results is the in-page clock from
the query's arrival in the box (committed at once, as an input method commits it) to the result
list changing, for every query of the tuning set, index loaded; the first query is a fresh page:
pointer on the search button (intent), the box opened, the query committed, to the first result.
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
QUERY_DIR = ROOT / "tests" / "site"


def query_sets(folder: Path = QUERY_DIR) -> dict[str, Path]:
    """Name → file of every query set: "tuning" (search_queries.json, tuned on), "dev"
    (search_dev.json: readers' words from a blind writer, a development set, tuned on) and one per
    ``search_blind*.json`` ("blind", "blind2", "blind3", …: written by people who had not seen
    the index; each reported apart; ``set_role`` says which are still never seen)."""
    sets = {"tuning": folder / "search_queries.json", "dev": folder / "search_dev.json"}
    def number(path: Path) -> int:  # "blind" is 1, "blind10" after "blind9"
        return int(path.stem.removeprefix("search_blind") or 1)

    for path in sorted(folder.glob("search_blind*.json"), key=number):
        sets[path.stem.removeprefix("search_")] = path
    sets.setdefault("blind", folder / "search_blind.json")
    return sets


#: The sets that are no longer blind, and what they are to the ranking now; every other
#: ``search_blind*.json`` (blind11, blind12, …) is "blind, never seen".
ROLES = {"tuning": "tuned on", "dev": "development, tuned on",
         "blind": "first blind set, development since round 2 (tuned on)",
         "blind2": "development, tuned on since round 6 (held out in rounds 3-5)",
         "blind3": "development, tuned on since round 6 (held out in round 5)",
         "blind4": "development, tuned on since round 7 (held out in round 6)",
         "blind5": "development, tuned on since round 8 (held out in round 7)",
         "blind6": "development, tuned on since round 9 (held out in round 8)",
         "blind7": "development, tuned on since round 10 (held out in round 9)",
         "blind8": "development, tuned on since round 11 (held out in round 10)",
         "blind9": "held out since round 11 (measured once at the end of round 10, relabelled gaps first)",
         "blind10": "blind, measured once at the end of round 11 (relabelled gaps first)"}


def set_role(name: str) -> str:
    """What a set is to the ranking, for the reports: the sets tuned on say so; blind2 and blind3
    were held out (aggregates only) until round 5 and are tuned on since round 6; blind4, held out
    in round 6, is tuned on since round 7; blind5, held out in round 7, is tuned on since round 8;
    blind6, held out in round 8, is tuned on since round 9; blind7, held out in round 9, is tuned
    on since round 10; blind8, held out in round 10, is tuned on since round 11; blind9, measured
    once at the end of round 10 (after its gap queries were relabelled against the pages), is held
    out since round 11 (aggregates only, a few reads a round); blind10 is measured once by the
    benchmark at the end of round 11 (after its gap queries were relabelled) and stays "blind, " so
    the fit script refuses it. Any later set (blind11, blind12, …) is never seen."""
    return ROLES.get(name, "blind, never seen")


SETS = query_sets()
HOMES = {"zh": "/", "en": "/en/"}

#: Runs every query through the box's ranking in turn (each timed with the page's clock);
#: returns [{paths, ms, terms, fixes}].
_RANK_ALL = """async (queries) => {
  await window.wldSearch.load();
  const out = [];
  for (const q of queries) {
    const t0 = performance.now();
    const r = await window.wldSearch.rank(q);
    const pages = Array.isArray(r) ? r : r.pages;  // an array: the ranking before search_eval (a comparison)
    out.push({paths: pages.map((p) => new URL(p.url, location.href).pathname), ms: performance.now() - t0,
              terms: r.terms || [], fixes: r.fixes || []});
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
    """The cases of a tuning-format list or a blind-format {"queries": [...]} file; an entry's
    ``also`` pages ({page, why}: another page answers it equally) count as wanted."""
    data = json.loads(path.read_text("utf-8"))
    if isinstance(data, list):
        return [Case(c["lang"], c["query"], (c["expect"],), tuple(c["top3"]), c.get("known_miss", ""))
                for c in data]
    out = []
    for c in data["queries"]:
        want = tuple(_rel(p) for p in ([c["want"]] if isinstance(c["want"], str) else c["want"]))
        if not want:  # a content gap when written: no page can be first, so it is not scored (see unscored)
            continue
        # "also" (development sets only, round 6): pages that answer the query as well as the
        # wanted one, each with its reason; first counts if the first page is any of them.
        want += tuple(_rel(a["page"]) for a in c.get("also", ()))
        out.append(Case(c["lang"], c["q"], want, tuple(_rel(p) for p in c.get("top3", want)) + want))
    return out


def unscored(path: Path) -> int:
    """How many queries of a set name no wanted page (written as content gaps: no page answered
    them then). load_cases leaves them out, so every share is over queries a page can answer."""
    data = json.loads(path.read_text("utf-8"))
    return 0 if isinstance(data, list) else sum(1 for c in data.get("queries", []) if not c["want"])


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

    from bench.chromium import CHROMIUM, CHROMIUM_ARGS
    from sitebuild.serve import make_server

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


#: Marks the result list's next change after a query arrives (the box's own rendering).
_ARM = """() => {
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const b = window.__wldBench ||= {start: 0, done: 0};
  if (!b.observer) {
    b.observer = new MutationObserver(() => { if (b.start && !b.done) b.done = performance.now(); });
    b.observer.observe(list, {childList: true, subtree: true});
    b.observer.observe(meta, {childList: true, characterData: true, subtree: true});
  }
  b.start = performance.now(); b.done = 0;
}"""


def _open_box(page: Any, url: str) -> Any:
    page.goto(url)
    button = page.locator("label.md-header__button[for=__search]")
    box = page.locator("input.md-search__input")
    target = button if button.is_visible() else box
    target.hover()  # the reader's intent: the index starts loading
    target.click()
    return box


def keystroke_times(browser: Any, base_url: str, cases: list[Case]) -> dict[str, list[float]]:
    """Per language: ms from each query's arrival in the box to the results shown (index loaded)."""
    out: dict[str, list[float]] = {}
    for lang, home in HOMES.items():
        page = browser.new_page(bypass_csp=True)
        try:
            page.set_default_timeout(60_000)
            box = _open_box(page, base_url + home)
            page.evaluate("() => window.wldSearch.load()")
            times = []
            for c in (c for c in cases if c.lang == lang):
                box.fill("")
                page.wait_for_timeout(50)
                page.evaluate(_ARM)
                page.keyboard.insert_text(c.query)
                page.wait_for_function("() => window.__wldBench.done > 0")
                b = page.evaluate("() => window.__wldBench")
                times.append(b["done"] - b["start"])
            out[lang] = times
        finally:
            page.close()
    return out


def first_query_times(browser: Any, base_url: str, runs: int = 3) -> dict[str, list[float]]:
    """Per language: ms from opening the box (pointer on the button first) to the first result of
    a query committed right away; a fresh browser context (empty cache) each run."""
    query = {"zh": "征信", "en": "credit report"}
    out: dict[str, list[float]] = {}
    for lang, home in HOMES.items():
        out[lang] = []
        for _ in range(runs):
            context = browser.new_context(bypass_csp=True)
            try:
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.goto(base_url + home, wait_until="networkidle")
                button = page.locator("label.md-header__button[for=__search]")
                box = page.locator("input.md-search__input")
                target = button if button.is_visible() else box
                target.hover()
                page.evaluate(_ARM)
                target.click()
                page.keyboard.insert_text(query[lang])
                page.wait_for_function("() => document.querySelectorAll('.md-search-result__list > li').length > 0")
                b = page.evaluate("() => window.__wldBench")
                out[lang].append(b["done"] - b["start"])
            finally:
                context.close()
    return out


def report(site: Path, names: list[str] | None = None) -> str:
    """Markdown: the query sets ``names`` (default: all) per language, and the timings (measured
    now, on this machine)."""
    import datetime
    import os
    import subprocess

    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    lines = [f"<!-- written by `python -m bench.search_eval --report`; do not edit by hand -->",
             "# Search: measured figures", "",
             f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, commit {commit}, "
             f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores, Chromium on 127.0.0.1.", "",
             "| query set | language | queries | wanted page first | wanted page in top 3 |",
             "|---|---|---:|---:|---:|"]
    tuning = load_cases(SETS["tuning"])
    with served(site) as (browser, url):
        for name, path in SETS.items():
            if names and name not in names:
                continue
            if not path.is_file():
                lines.append(f"| {name} (`{path.name}`) | — | — | not in this checkout | — |")
                continue
            for s in shares(rank_cases(browser, url, load_cases(path))):
                lines.append(f"| {name} (`{path.name}`) | {s.lang} | {s.n} | {s.first:.1%} | {s.top3:.1%} |")
        keys = keystroke_times(browser, url, tuning)
        first = first_query_times(browser, url)
    lines += ["", "| timing (ms) | language | median | max | runs |", "|---|---|---:|---:|---:|"]
    for lang, ms in keys.items():
        lines.append(f"| keystroke to results (tuning queries, index loaded) | {lang} | "
                     f"{statistics.median(ms):.0f} | {max(ms):.0f} | {len(ms)} |")
    for lang, ms in first.items():
        lines.append(f"| first query after opening the box (fresh cache) | {lang} | "
                     f"{statistics.median(ms):.0f} | {max(ms):.0f} | {len(ms)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", help=f"one of {', '.join(SETS)} or a path to a query file "
                        "(default tuning; --report: every set); may be given more than once")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--misses", action="store_true", help="list the queries whose wanted page is not first")
    parser.add_argument("--slow", type=int, default=0, metavar="N", help="list the N slowest queries")
    parser.add_argument("--report", type=Path, help="write both sets' figures and the timings (Markdown) here")
    args = parser.parse_args(argv)
    if args.report:
        text = report(args.site, args.set)
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text, "utf-8")
        sys.stdout.write(text)
        return 0
    ranked: list[Ranked] = []
    with served(args.site) as (browser, url):
        for name in args.set or ["tuning"]:
            path = SETS.get(name, Path(name))
            mine = rank_cases(browser, url, load_cases(path))
            for s in shares(mine):
                print(f"{path.name} {s.lang}: {s.n} queries, first {s.first:.1%}, top 3 {s.top3:.1%}, "
                      f"rank time median {s.median_ms:.0f} ms, max {s.max_ms:.0f} ms")
            ranked += mine
    for r in sorted(ranked, key=lambda r: -r.ms)[:args.slow]:
        sys.stdout.write(f"  slow {r.ms:.0f} ms {r.case.lang} {r.case.query!r} terms {list(r.terms)}\n")
    if args.misses:
        for r in ranked:
            if not r.first:
                mark = "top3" if r.in_top3 else "MISS"
                sys.stdout.write(f"  {mark} {r.case.lang} {r.case.query!r} want {r.case.want[0]!r} got "
                                 f"{list(r.paths[:3])} terms {list(r.terms)} fixes {list(r.fixes)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Area "search": does the search find what a reader means, how many bytes, how fast.

Candidates, each on every query of the tuning set (tests/site/search_queries.json) and, when the
checkout has it, of the blind set (tests/site/search_blind.json), reported apart, per language
(the share of queries whose wanted page is first, and in the top 3):

- this build: Pagefind 1.6 with the project's ranking (overrides/assets/search/search.js, the
  same ``rank()`` the search box calls) and the synonym table (i18n/search_synonyms.toml);
- Pagefind untuned: the same bundle, Pagefind's own order (``pagefind.search()`` as is);
- Material + jieba + index rewrite: the project's search before Pagefind, built from git
  (``MATERIAL_COMMIT``) and queried through Material's real search box;
- baseline, bare Material: Material's search plugin on the same docs (jieba, no user dictionary).

Bytes: what the home page downloads for search before the box is opened, and what opening it
and one query fetch. Time: in-page clock from the query's arrival in the box (inserted at once,
as an input method commits it) to the first result item, for the first query (loads the index)
and the next one (index loaded); and (bench/search_eval.py) keystroke to results for every
tuning query, and the first query after opening the box with the pointer on the button first.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench import search_eval
from bench import paths
from bench.context import Context
from bench.results import KIB, MILLISECONDS, Results, Row, Sample, Skipped, Unit

AREA = "search"
#: The last commit whose search was Material's plugin + jieba + overrides/hooks/search_segments.py.
MATERIAL_COMMIT = "935b59c"
EDITIONS = (("zh", "/"), ("en", "/en/"))
#: One timed query per language (a bare term and a question).
TIMED = {"zh": "征信", "en": "will I go to jail"}
PERCENT = Unit("%", 100.0, 1, "share")
TIMEOUT_MS = 30_000

_MATERIAL_WAIT = """(q) => document.querySelector('.md-search__input').value === q && (
    document.querySelector('.md-search-result__list').children.length > 0
    || /^(没有找到|No matching)/.test(document.querySelector('.md-search-result__meta')?.textContent.trim() || ''))"""
_INSTRUMENT = """() => {
  const list = document.querySelector('.md-search-result__list');
  const b = window.__bench = {start: null, result: null};
  new MutationObserver(() => {
    if (b.start !== null && b.result === null && list.children.length > 0) b.result = performance.now();
  }).observe(list, {childList: true, subtree: true});
}"""


def queries(name: str = "tuning") -> list[search_eval.Case]:
    """The cases of a query set ("tuning" or "blind"); [] when the checkout lacks it."""
    path = search_eval.SETS[name]
    return search_eval.load_cases(path) if path.is_file() else []


def _paths(hrefs: list[str]) -> list[str]:
    return [urlsplit(h).path for h in hrefs]


def _open_box(page: Any, url: str) -> Any:
    page.goto(url)
    button = page.locator("label.md-header__button[for=__search]")
    box = page.locator("input.md-search__input")
    (button if button.is_visible() else box).click()
    return box


def _material_results(page: Any, query: str) -> list[str]:
    """Material's box: clear it, commit ``query`` (text, then a key, as an input method does)."""
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_function("document.querySelector('.md-search-result__list').children.length === 0",
                           timeout=TIMEOUT_MS)
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # Material reads the box on keyup
    page.wait_for_function(_MATERIAL_WAIT, arg=query, timeout=TIMEOUT_MS)
    return _paths(page.locator(".md-search-result__list > li > a:first-child").evaluate_all(
        "els => els.map(e => e.href)"))


def _rank_material(ctx: Context, base: str, lang: str, home: str, cases: list[search_eval.Case]) -> list[list[str]]:
    page = ctx.browser().new_page(bypass_csp=True)  # evaluated strings; the site-wide CSP forbids them
    try:
        page.set_default_timeout(TIMEOUT_MS)
        _open_box(page, base + home)
        return [_material_results(page, c.query) for c in cases]
    finally:
        page.close()


def _rank_pagefind(ctx: Context, base: str, home: str, cases: list[search_eval.Case], tuned: bool) -> list[list[str]]:
    page = ctx.browser().new_page(bypass_csp=True)  # evaluated strings; the site-wide CSP forbids them
    try:
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(base + home)
        script = ("async (q) => (await window.wldSearch.rank(q)).pages.map(r => r.url)" if tuned else
                  "async (q) => { const pf = await window.wldSearch.load(); const r = await pf.search(q);"
                  " return Promise.all(r.results.slice(0, 5).map(async x => (await x.data()).url)); }")
        return [_paths([base + u for u in page.evaluate(script, c.query)]) for c in cases]
    finally:
        page.close()


def _shares(results: list[list[str]], home: str, cases: list[search_eval.Case]) -> tuple[float, float]:
    first = sum(bool(r) and r[0] in {home + w for w in c.want} for r, c in zip(results, cases))
    top3 = sum(any(home + w in r[:3] for w in c.want) for r, c in zip(results, cases))
    return first / len(cases), top3 / len(cases)


def _material_build(ctx: Context) -> Path:
    """Both editions of MATERIAL_COMMIT, built with this venv (MkDocs only, no PDF or Pyodide)."""
    dest = ctx.work / "material-search"
    archive = subprocess.run(["git", "-C", str(paths.ROOT), "archive", "--format=tar", MATERIAL_COMMIT],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    (dest / "node_modules").symlink_to(paths.ROOT / "node_modules")  # its calculator hook reads pyodide's
    for cfg in ("mkdocs.yml", "mkdocs.en.yml"):
        subprocess.run([str(paths.ROOT / ".venv" / "bin" / "python"), "-m", "mkdocs", "build", "-q", "-f", cfg],
                       cwd=dest, capture_output=True, check=True)
    shutil.rmtree(dest / "site" / "pyodide", ignore_errors=True)
    return dest / "site"


def _timed(ctx: Context, url: str, query: str, material: bool) -> tuple[float, float, int, int]:
    """(first query s, next query s, search bytes on page load, search bytes after the first query)."""
    # bypass_csp: the timing hooks below are evaluated strings, which the site-wide CSP forbids.
    context = ctx.browser().new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    sizes: list[tuple[str, int]] = []
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)

        def _size(response: Any) -> None:
            try:
                sizes.append((response.url, len(response.body())))
            except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                pass

        page.on("response", _size)
        page.goto(url, wait_until="networkidle")
        search_files = ("/pagefind/", "search_index.json", "/workers/search")
        on_load = sum(n for u, n in sizes if any(s in u for s in search_files))
        page.evaluate(_INSTRUMENT)
        box = page.locator("input.md-search__input")
        box.click()
        times = []
        for _ in range(2):
            box.fill("")
            if material:
                page.keyboard.press("End")
                page.wait_for_function("document.querySelector('.md-search-result__list').children.length === 0")
            page.evaluate("() => { window.__bench.start = performance.now(); window.__bench.result = null; }")
            page.keyboard.insert_text(query)
            if material:
                page.keyboard.press("End")
            page.wait_for_function("window.__bench.result !== null")
            b = page.evaluate("window.__bench")
            times.append((b["result"] - b["start"]) / 1000)
            if not times[1:]:
                page.wait_for_load_state("networkidle")
                after = sum(n for u, n in sizes if any(s in u for s in search_files))
        return times[0], times[1], on_load, after
    finally:
        context.close()


def measure(ctx: Context, results: Results) -> None:
    chosen = ctx.options.search_sets or tuple(search_eval.SETS)
    sets = {name: queries(name) for name in search_eval.SETS if name in chosen or name == "tuning"}
    site, bare = ctx.site_copy(), ctx.bare_site()
    if not (site / "pagefind" / "pagefind.js").is_file():
        results.skipped.append(Skipped(AREA, "site/pagefind/ not built (./scripts/build)"))
        return
    for name, path in search_eval.SETS.items():
        if name not in sets:
            results.skipped.append(Skipped(AREA, f"{name} set ({path.name}): not chosen (--search-sets)"))
        elif not sets[name]:
            results.skipped.append(Skipped(AREA, f"{name} set: {path.name} not in this checkout"))
    candidates: dict[str, tuple[str, bool | None]] = {}
    try:
        ctx.log(f"search: building the Material search of commit {MATERIAL_COMMIT}")
        material_site = _material_build(ctx)
        candidates["Material + jieba + rewrite"] = (ctx.stack.enter_context(paths.serve(material_site)), None)
    except Exception as exc:  # noqa: BLE001 - no git history (a tarball checkout): say so, go on
        results.skipped.append(Skipped(AREA, f"Material + jieba + rewrite ({MATERIAL_COMMIT}): "
                                             f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"))
    site_url, bare_url = ctx.site_url(), ctx.bare_url()
    for set_name, cases in sets.items():
        if not cases or (ctx.options.quick and set_name != "tuning"):
            continue  # --quick: the tuning set only
        note_q = (f"{{n}} queries of tests/site/{search_eval.SETS[set_name].name} ({set_name} set); "
                  "baseline: bare Material search on the same docs")
        for lang, home in EDITIONS:
            mine = [c for c in cases if c.lang == lang]
            ctx.log(f"search: {set_name} {lang}, {len(mine)} queries × {2 + len(candidates) + 1} candidates")
            base_first, base_top3 = _shares(_rank_material(ctx, bare_url, lang, home, mine), home, mine)
            rows = {"Pagefind + ranking + synonyms (this build)": _shares(_rank_pagefind(ctx, site_url, home, mine, True), home, mine),
                    "Pagefind untuned": _shares(_rank_pagefind(ctx, site_url, home, mine, False), home, mine)}
            for name, (url, _) in candidates.items():
                rows[name] = _shares(_rank_material(ctx, url, lang, home, mine), home, mine)
            for name, (first, top3) in rows.items():
                for which, value, base in (("wanted first", first, base_first), ("wanted in top 3", top3, base_top3)):
                    results.rows.append(Row(AREA, f"{set_name} {lang} {which}: {name}", PERCENT, Sample.of([value]),
                                            "bare Material", Sample.of([base]), False, note_q.format(n=len(mine))))
    ctx.log("search: keystroke-to-results over the tuning queries, and the first query")
    # --quick: the first 10 tuning queries of each language (the smoke test only needs a row).
    timed = ([c for lang, _ in EDITIONS for c in [c for c in sets["tuning"] if c.lang == lang][:10]]
             if ctx.options.quick else sets["tuning"])
    keys = search_eval.keystroke_times(ctx.browser(), site_url, timed)
    first = search_eval.first_query_times(ctx.browser(), site_url, ctx.options.runs)
    for lang, ms in keys.items():
        sample = Sample.of([m / 1000 for m in ms])
        note_k = f"in-page clock, query committed to result list changed, {len(ms)} tuning queries, index loaded"
        results.rows.append(Row(AREA, f"{lang} keystroke to results: median", MILLISECONDS, Sample.of([sample.median]),
                                note=note_k))
        results.rows.append(Row(AREA, f"{lang} keystroke to results: max", MILLISECONDS, Sample.of([sample.hi]),
                                note=note_k))
    for lang, ms in first.items():
        results.rows.append(Row(AREA, f"{lang} first query after opening the box", MILLISECONDS,
                                Sample.of([m / 1000 for m in ms]),
                                note="fresh browser context; pointer on the search button, box opened, query "
                                     "committed, to the first result"))
    note_t = ("in-page clock from the query's arrival in the box to the first result item; first = the first "
              "query after opening the box (loads the index), next = the same query again")
    note_b = "bytes of search files (index, worker, Pagefind) the page fetched; baseline: bare Material"
    for lang, home in EDITIONS:
        query = TIMED[lang]
        ctx.log(f"search: timing {lang} {query!r} × {ctx.options.runs}")
        proj, base = [], []
        try:
            for _ in range(ctx.options.runs):
                proj.append(_timed(ctx, site_url + home, query, material=False))
                base.append(_timed(ctx, bare_url + home, query, material=True))
        except Exception as exc:  # noqa: BLE001 - e.g. no result for the query: say so, go on
            results.skipped.append(Skipped(AREA, f"timing {lang} {query!r}: {type(exc).__name__}: "
                                                 f"{str(exc).splitlines()[0]}"))
            continue
        for i, which in enumerate(("first query", "next query")):
            results.rows.append(Row(AREA, f"{lang} {query!r}: {which}", MILLISECONDS,
                                    Sample.of([p[i] for p in proj]), "bare Material",
                                    Sample.of([b[i] for b in base]), True, note_t))
        results.rows.append(Row(AREA, f"{lang} search bytes on page load", KIB, Sample.of([proj[-1][2]]),
                                "bare Material", Sample.of([base[-1][2]]), False, note_b))
        results.rows.append(Row(AREA, f"{lang} search bytes after one query", KIB, Sample.of([proj[-1][3]]),
                                "bare Material", Sample.of([base[-1][3]]), False, note_b))
    for lang, home in EDITIONS:
        bundle = site / home.strip("/") / "pagefind"
        size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
        index = bare / home.strip("/") / "search" / "search_index.json"
        results.rows.append(Row(AREA, f"{lang} index on disk", KIB, Sample.of([size]), "bare Material",
                                Sample.of([index.stat().st_size]) if index.is_file() else None, False,
                                "whole Pagefind bundle (fetched in pieces) vs Material's one search_index.json"))

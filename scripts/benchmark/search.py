"""Area "search": keystroke-to-results time in Material's search box, and index size per language.

The query is entered the way an input method commits it: the text arrives at once (insertText),
then the committing keystroke (here End: keydown, keyup) makes Material read the box, exactly
as it reacts to a real keyup. The clock runs in the page from that keydown to the first result
item in the list. "first query" is the first search right after the page went network-idle (it
may wait for the search worker to finish building its index); "next query" is the same query
again after clearing the box. Baseline: the same query on a bare Material build of the same
Markdown.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from scripts.benchmark.browser import GZIP_LEVEL
from scripts.benchmark.calculator import wait_until  # not wait_for_function: the site's CSP forbids eval
from scripts.benchmark.context import Context
from scripts.benchmark.results import KIB, MILLISECONDS, Results, Row, Sample, Skipped

AREA = "search"
#: (label, page to search from, query): one Chinese and one English query about the same topic.
QUERIES = (("zh", "/", "罚息"), ("en", "/en/", "penalty"))
INDEXES = (("zh", "search/search_index.json"), ("en", "en/search/search_index.json"))
TIMEOUT_MS = 20_000

_INSTRUMENT = """(query) => {
  const input = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const b = window.__bench = {key: null, result: null, count: 0};
  input.addEventListener('keydown', () => {
    if (input.value === query && b.key === null) { b.key = performance.now(); b.result = null; }
  }, true);
  new MutationObserver(() => {
    if (b.key !== null && b.result === null && list.children.length > 0) {
      b.result = performance.now(); b.count = list.children.length;
    }
  }).observe(list, {childList: true, subtree: true});
}"""


def _query_once(page: object, query: str) -> float:
    """Clear the box, commit ``query``; return seconds from the committing keydown to results."""
    kb = page.keyboard  # type: ignore[attr-defined]
    kb.press("Control+A")
    kb.press("Backspace")  # its keyup makes Material clear the results
    wait_until(page, "document.querySelector('.md-search__input').value === '' && "
               "document.querySelector('.md-search-result__list').children.length === 0", TIMEOUT_MS)
    page.evaluate("() => { window.__bench.key = null; window.__bench.result = null; }")  # type: ignore[attr-defined]
    kb.insert_text(query)
    kb.press("End")
    wait_until(page, "window.__bench.result !== null", TIMEOUT_MS)
    b = page.evaluate("window.__bench")  # type: ignore[attr-defined]
    return (b["result"] - b["key"]) / 1000


def session(ctx: Context, url: str, query: str) -> tuple[float, float]:
    """One fresh visit: (first query after load, next query) in seconds."""
    context = ctx.browser().new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.evaluate(_INSTRUMENT, query)
        page.click(".md-search__input")
        first = _query_once(page, query)
        second = _query_once(page, query)
        return first, second
    finally:
        context.close()


def _size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=GZIP_LEVEL))


def measure(ctx: Context, results: Results) -> None:
    site, bare = ctx.site_copy(), ctx.bare_site()
    for lang, rel in INDEXES:
        if not (site / rel).is_file() or not (bare / rel).is_file():
            results.skipped.append(Skipped(AREA, f"index {lang}: {rel} not built"))
            continue
        raw, gz = _size(site / rel)
        braw, bgz = _size(bare / rel)
        note = ("search_index.json as built; bare Material segments Chinese with jieba too, "
                "but without the project's user dictionary, compound splitting and separator")
        results.rows.append(Row(AREA, f"index {lang}: raw", KIB, Sample.of([raw]), "bare Material",
                                Sample.of([braw]), False, note))
        results.rows.append(Row(AREA, f"index {lang}: gzip -6", KIB, Sample.of([gz]), "bare Material",
                                Sample.of([bgz]), False, note))
    runs = ctx.options.runs
    note = ("in-page clock from the committing keystroke (query text inserted at once, as an IME commits it) "
            "to the first result item; first = right after load (network idle), next = same query again")
    for lang, path, query in QUERIES:
        if not (site / path.lstrip("/") / "index.html").is_file():
            results.skipped.append(Skipped(AREA, f"query {lang}: {path} not built"))
            continue
        ctx.log(f"search: {lang} query {query!r} × {runs}")
        proj, base = [], []
        try:
            for _ in range(runs):
                proj.append(session(ctx, ctx.site_url() + path, query))
                base.append(session(ctx, ctx.bare_url() + path, query))
        except Exception as exc:  # noqa: BLE001 - e.g. no result for the query: say so, go on
            results.skipped.append(Skipped(AREA, f"query {lang} {query!r}: {type(exc).__name__}: "
                                           f"{str(exc).splitlines()[0]}"))
            continue
        for i, which in enumerate(("first query", "next query")):
            results.rows.append(Row(AREA, f"{lang} {query!r}: {which}", MILLISECONDS,
                                    Sample.of([p[i] for p in proj]), "bare Material",
                                    Sample.of([b[i] for b in base]), True, note))

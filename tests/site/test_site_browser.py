"""The built site in Debian's Chromium: search in both languages, the language switcher, no
request to any other host on any page, phone screenshots and axe-core accessibility checks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from site_html import EDITIONS

from tests.phone_look import ARTIFACTS, FIRST_SCREEN, PHONE_PAGES, home

HERE = Path(__file__).resolve().parent
AXE = HERE.parents[1] / "node_modules" / "axe-core" / "axe.min.js"


# -- search ----------------------------------------------------------------------------------
#
# Search is Pagefind driven by overrides/assets/search/search.js in Material's search dialog. The
# ranking of the query sets is tested on the built index in one page per edition
# (test_site_search_ranking.py); here, the dialog itself: typing, composing, what it says and marks.

def _open_search(page: object, base_url: str, edition: str, path: str = "") -> object:
    """Load a page of the edition and open the search box as a reader does; return the box."""
    page.set_default_timeout(60000)  # type: ignore[attr-defined]  # a loaded 2-core CI machine
    page.goto(base_url + home(edition) + path)  # type: ignore[attr-defined]
    button = page.locator("label.md-header__button[for=__search]")  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    (button if button.is_visible() else box).click()  # the phone has a button, the desktop the box
    return box


def _wait_for_query(page: object, query: str) -> list[str]:
    """Wait until the result list shows ``query``; return the result links, best first."""
    page.wait_for_function(  # type: ignore[attr-defined]
        "(q) => document.querySelector('.md-search-result__list').dataset.query === q", arg=query, timeout=60000)
    return page.locator(".md-search-result__list > li > a:first-child").evaluate_all(  # type: ignore[attr-defined]
        "els => els.map(e => e.href)")


def _results(page: object, box: object, query: str) -> list[str]:
    """Type ``query`` (committed at once, as an input method does); return result links, best first."""
    box.fill("")  # type: ignore[attr-defined]
    page.keyboard.insert_text(query)  # type: ignore[attr-defined]
    return _wait_for_query(page, query)


def _search(page: object, base_url: str, edition: str, query: str) -> list[str]:
    """The result pages' paths for ``query`` typed into the real search box, best first."""
    box = _open_search(page, base_url, edition)
    return [urlsplit(h).path for h in _results(page, box, query)]


#: Every text the status line shows, recorded from the page (a flash of "no results" included).
_RECORD_STATUS = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  window.__statuses = [];
  new MutationObserver(() => window.__statuses.push(meta.textContent.trim()))
    .observe(meta, {childList: true, characterData: true, subtree: true});
}"""


def _marks_on_opened_page(page: object) -> list[dict]:
    """Open the first result; every mark on the page with the characters either side of it."""
    page.locator(".md-search-result__list > li > a").first.click()  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    return page.evaluate("""() => [...document.querySelectorAll('article mark.wld-search-highlight')].map((m) => ({
        text: m.textContent,
        before: (m.previousSibling?.textContent || '').slice(-1),
        after: (m.nextSibling?.textContent || '').slice(0, 1)}))""")  # type: ignore[attr-defined]


def test_search_dialog_zh(reader_page: object, base_url: str) -> None:
    """Pinyin being composed is not searched (no "no results" flash); the committed mistyped
    word 崔收 is searched as the index word 催收, and the dialog says so; the opened page marks
    催收 (Chinese highlighting), never a single character."""
    page = reader_page
    box = _open_search(page, base_url, "zh")
    page.evaluate(_RECORD_STATUS)  # type: ignore[attr-defined]
    cdp = page.context.new_cdp_session(page)  # type: ignore[attr-defined]
    for typed in ("c", "cui", "cuis", "cuishou"):  # an input method composing, letter by letter
        cdp.send("Input.imeSetComposition", {"text": typed, "selectionStart": len(typed), "selectionEnd": len(typed)})
        page.wait_for_timeout(150)  # type: ignore[attr-defined]  # longer than the box's 30 ms wait
    assert page.locator(".md-search-result__list > li").count() == 0  # type: ignore[attr-defined]
    cdp.send("Input.insertText", {"text": "崔收"})  # the reader picks the (wrong) candidate
    links = _wait_for_query(page, "崔收")
    statuses = page.evaluate("() => window.__statuses")  # type: ignore[attr-defined]
    assert not [s for s in statuses if s.startswith("没有找到")], statuses
    assert urlsplit(links[0]).path == "/overdue/collection/", links[:3]
    assert "显示“催收”的结果" in page.locator(".md-search-result__meta").inner_text()  # type: ignore[attr-defined]
    assert all(parse_qs(urlsplit(h).query)["h"] == ["催收"] for h in links), links[:3]
    marks = _marks_on_opened_page(page)
    assert marks and {m["text"] for m in marks} == {"催收"}, marks[:10]
    assert not page.request_log.foreign(base_url)  # type: ignore[attr-defined]


@pytest.mark.xdist_group("site_search_dialogs")  # types into the dialog tabs test_search_dialog_accessibility reads
def test_each_language_has_its_own_index(axe_tabs: AxeTabs, base_url: str) -> None:
    """An English word finds nothing Chinese-only on / and the reverse: separate indexes."""
    page, box = search_dialog(axe_tabs, base_url, "en")
    en_results = [urlsplit(h).path for h in _results(page, box, "催收")]
    assert all(r.startswith("/en/") for r in en_results)
    page, box = search_dialog(axe_tabs, base_url, "zh")
    zh_results = [urlsplit(h).path for h in _results(page, box, "collection")]
    assert not any(r.startswith("/en/") for r in zh_results)


@pytest.mark.xdist_group("site_search_dialogs")  # types into the dialog tabs test_search_dialog_accessibility reads
def test_long_pages_show_the_sections_that_matched(axe_tabs: AxeTabs, base_url: str) -> None:
    page, box = search_dialog(axe_tabs, base_url, "zh")
    _results(page, box, "诉讼时效")
    first = page.locator(".md-search-result__list > li").first  # type: ignore[attr-defined]
    sections = first.locator("a.md-search-result__link:not(:first-child)")
    assert sections.count() >= 1
    href, title = sections.first.get_attribute("href"), sections.first.locator("h2").inner_text()
    assert "#" in href and urlsplit(href).path == "/overdue/lawsuit/", href
    assert "时效" in title, title


def test_ranked_pages_still_shown_when_pagefind_fails_to_load(browser: object, base_url: str) -> None:
    """Excerpts come from Pagefind, the ranking from the section table: when Pagefind's module
    cannot be fetched (a flaky phone network, an incomplete offline copy), the reader still gets
    the ranked pages, without excerpts, instead of "no results"."""
    # No service worker: it would answer the request before the route could fail it.
    context = browser.new_context(service_workers="block")  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.route("**/pagefind/pagefind.js*", lambda route: route.abort())
        box = _open_search(page, base_url, "zh")
        links = _results(page, box, "征信")
        assert links, "no results when only Pagefind failed"
        assert urlsplit(links[0]).path == "/credit/record/", links
    finally:
        context.close()


def test_index_loads_only_when_search_is_opened(browser: object, base_url: str) -> None:
    """A first visit (fresh context): the page asks for no search file until the box is opened.
    What is asserted is the page's own requests; the service worker's precache of the edition
    (its own requests, after the page is idle, never in the page's log) is not what this test
    reads, so the worker is blocked here and the context does not install and precache for nothing."""
    context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        urls: list[str] = []
        page.on("request", lambda r: urls.append(r.url))
        page.goto(base_url + "/", wait_until="networkidle")
        loaded = [u for u in urls if "/pagefind/" in u or "search_index" in u]
        assert not loaded, f"the home page fetched search files before the box was opened: {loaded}"
        box = page.locator("input.md-search__input")
        box.click()
        page.keyboard.insert_text("征信")
        # A function, not an expression string: the CSP forbids the eval a string predicate needs.
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__list > li').length > 0")
        fetched = [urlsplit(u).path for u in urls]
        assert "/pagefind/pagefind.js" in fetched and not any("/en/pagefind/" in u for u in fetched)
    finally:
        context.close()


def test_search_works_under_the_calculator_pages_strict_csp(reader_page: object, base_url: str) -> None:
    """The calculator page carries a Content-Security-Policy (self scripts, 'wasm-unsafe-eval', no
    eval): the search script, Pagefind's module, worker and WebAssembly must run under it."""
    page = reader_page
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    page.goto(base_url + "/calculator/")  # type: ignore[attr-defined]
    assert "Content-Security-Policy" in page.content()  # type: ignore[attr-defined]
    page.locator("input.md-search__input").click()  # type: ignore[attr-defined]
    page.keyboard.insert_text("罚息")  # type: ignore[attr-defined]
    first = page.locator(".md-search-result__list > li > a").first  # type: ignore[attr-defined]
    first.wait_for(timeout=60000)  # a locator, not wait_for_function: the CSP forbids eval
    assert urlsplit(first.get_attribute("href")).path == "/overdue/costs/"
    assert not errors, errors


@pytest.mark.parametrize("edition", EDITIONS)
def test_search_on_a_phone(reader_phone: object, base_url: str, edition: str) -> None:
    phone_page = reader_phone
    query = {"zh": "被起诉了怎么办", "en": "will I go to jail"}[edition]
    box = _open_search(phone_page, base_url, edition)
    assert box.is_visible() and box.evaluate("el => el === document.activeElement")  # type: ignore[attr-defined]
    _results(phone_page, box, query)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # The layout once the dialog has settled: for a frame or two after the first result appears
    # (Material's transition), the page can measure wider; a layout that stays too wide fails.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # collecting imports no browser

    try:
        phone_page.wait_for_function("() => document.documentElement.scrollWidth <= 375", timeout=3000)  # type: ignore[attr-defined]
    except PlaywrightTimeout:
        pass
    phone_page.screenshot(path=str(ARTIFACTS / f"phone-{edition}-search.png"))  # type: ignore[attr-defined]
    width = phone_page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= 375, f"search is {width}px wide on a 375px phone"
    phone_page.keyboard.press("Escape")  # type: ignore[attr-defined]
    assert not phone_page.evaluate("document.getElementById('__search').checked")  # type: ignore[attr-defined]


class AxeTabs:
    """Desktop tabs of the module's reader context (``ReaderContexts`` in tests/conftest.py), each
    opened once, by the ``open`` its first caller gives, with axe-core loaded. The check of each
    colour scheme runs on the same tab in turn: the scheme is an attribute the check sets, so
    loading the page again for the other scheme tested nothing more."""

    def __init__(self, readers: Any) -> None:
        self.readers = readers
        self.pages: dict[object, Any] = {}

    def page(self, key: object, open_tab: Callable[[Any], None]) -> Any:
        if key not in self.pages:
            self.pages[key] = self.readers.tab("desktop")
        page = self.pages[key]
        # New, or a test opened a search result in it (the page axe was loaded into is gone):
        # open it again.
        if not page.evaluate("() => typeof window.axe === 'object'"):
            open_tab(page)
            # Not add_script_tag: the site's CSP (header and <meta>) rightly refuses an inline
            # script; evaluate is not subject to it.
            page.evaluate(AXE.read_text(encoding="utf-8"))
        return page

    def close(self) -> None:
        for page in self.pages.values():
            self.readers.done(page)


@pytest.fixture(scope="module")
def axe_tabs(readers: Any) -> Iterator[AxeTabs]:
    tabs = AxeTabs(readers)
    yield tabs
    tabs.close()


#: The query each edition's search dialog is checked with, its results shown.
DIALOG_QUERY = {"zh": "征信", "en": "credit report"}


def search_dialog(axe_tabs: AxeTabs, base_url: str, edition: str) -> tuple[Any, Any]:
    """The edition's home page in a desktop reader tab with the search box open, axe loaded, and
    (when first opened) ``DIALOG_QUERY``'s results shown: (page, box). One tab per edition for the
    tests of the dialog (xdist group ``site_search_dialogs``): loading the page and starting
    Pagefind again for each told nothing more. A test types its own query and waits for the list
    to show it (``_results``), so what the one before typed is not what it reads."""
    def open_dialog(page: Any) -> None:
        _results(page, _open_search(page, base_url, edition), DIALOG_QUERY[edition])

    page = axe_tabs.page(("dialog", edition), open_dialog)
    return page, page.locator("input.md-search__input")


@pytest.mark.xdist_group("site_search_dialogs")  # both schemes of a dialog on the worker that opened it
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_search_dialog_accessibility(axe_tabs: AxeTabs, base_url: str, edition: str, scheme: str) -> None:
    page, box = search_dialog(axe_tabs, base_url, edition)
    if page.evaluate("document.querySelector('.md-search-result__list').dataset.query") != DIALOG_QUERY[edition]:
        _results(page, box, DIALOG_QUERY[edition])  # another test of the group typed its own query
    page.evaluate(SET_SCHEME, scheme)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    assert page.locator(".md-search-result__list > li").count() > 0, "the dialog shows no results"
    result = page.evaluate("axe.run('.md-search', {resultTypes: ['violations']})")
    bad = [f"{v['impact']}: {v['id']} — {v['help']} ({[n['target'] for n in v['nodes'][:4]]})"
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{edition} search dialog ({scheme}):\n" + "\n".join(bad)


@pytest.mark.xdist_group("site_search_dialogs")  # types into the en dialog tab, then leaves it for a result
def test_search_dialog_en(axe_tabs: AxeTabs, base_url: str) -> None:
    """Real keystrokes; a query with no stop word to split on still finds its page; a typo is
    searched as the index word and the dialog says so; the opened page marks whole words only,
    never a stop word. Last of its group in the file: it opens a result in the tab, which a later
    test would have to open again (AxeTabs does)."""
    page, box = search_dialog(axe_tabs, base_url, "en")
    box.fill("")  # type: ignore[attr-defined]
    page.keyboard.type("statue of limitations", delay=20)  # type: ignore[attr-defined]
    _wait_for_query(page, "statue of limitations")
    assert "Showing results for “statute”" in page.locator(".md-search-result__meta").inner_text()  # type: ignore[attr-defined]
    box.fill("")  # type: ignore[attr-defined]
    page.keyboard.type("harassment calls at night", delay=20)  # type: ignore[attr-defined]
    links = _wait_for_query(page, "harassment calls at night")
    assert links and urlsplit(links[0]).path == "/en/overdue/collection/", links[:3]
    marks = _marks_on_opened_page(page)
    texts = {m["text"].lower() for m in marks}
    assert texts and texts <= {"harassment", "calls", "night"}, texts  # never "at", "of", "to"
    inside = [m for m in marks if m["before"].isalnum() or m["after"].isalnum()]
    assert not inside, f"marks inside longer words: {inside[:5]}"
    assert not page.request_log.foreign(base_url)  # type: ignore[attr-defined]


# -- language switcher -----------------------------------------------------------------------

@pytest.mark.parametrize(("start", "target", "lang"), [
    ("/overdue/lawsuit/", "/en/overdue/lawsuit/", "en"),
    ("/en/credit/record/", "/credit/record/", "zh-CN"),
])
def test_language_switcher_stays_on_the_same_page(reader_page: object, base_url: str, start: str,
                                                  target: str, lang: str) -> None:
    page = reader_page
    page.goto(base_url + start)  # type: ignore[attr-defined]
    page.locator(".md-header__option .md-select").first.hover()  # type: ignore[attr-defined]
    page.locator(f".md-select__link[hreflang='{lang}']").click()  # type: ignore[attr-defined]
    page.wait_for_url(base_url + target)  # type: ignore[attr-defined]
    assert page.locator("html").get_attribute("lang") == lang  # type: ignore[attr-defined]


# -- requests --------------------------------------------------------------------------------

@pytest.mark.xdist_group("site_crawl")  # one crawl per run: keep its readers on one worker
def test_no_request_leaves_the_site(site_crawl: list, nginx_url: str) -> None:
    """Every built page of both editions (the session's one crawl, phone then desktop viewport):
    every request must go to the server the site came from."""
    origin = urlsplit(nginx_url).netloc
    foreign = [f"{visit.url}: {url}" for visit in site_crawl for url in visit.requests
               if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != origin]
    assert len(site_crawl) >= 2 * 10, f"only {len(site_crawl)} pages visited"
    assert sum(len(v.requests) for v in site_crawl) > len(site_crawl), "no requests recorded: the log does not work"
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)


# -- phone screenshots and accessibility -----------------------------------------------------

def _phone_look(site_crawl: list, edition: str, path: str) -> Any:
    """The crawl's visit of one of PHONE_PAGES, and what was looked at on it (tests/phone_look.py)."""
    visit = next(v for v in site_crawl if v.url == home(edition) + path)
    assert visit.phone_look is not None, f"the crawl did not look at {visit.url} on a phone"
    return visit, visit.phone_look


@pytest.mark.xdist_group("site_crawl")  # reads the crawl's phone visit: one crawl per run
@pytest.mark.parametrize(("edition", "path"), PHONE_PAGES)
def test_phone_screenshot(site_crawl: list, nginx_url: str, edition: str, path: str) -> None:
    """The page on a 375×812 phone (the crawl's visit through nginx): its first screen and the
    whole page are photographed (artifacts to look at), it is no wider than the phone and asks
    no other host for anything."""
    visit, look = _phone_look(site_crawl, edition, path)
    assert look.screenshots and all(p.stat().st_size > 1000 for p in look.screenshots), look.screenshots
    assert visit.phone_width <= 375, f"page is {visit.phone_width}px wide on a 375px phone: it scrolls sideways"
    origin = urlsplit(nginx_url).netloc
    assert visit.requests, "no requests recorded: the log does not work"
    assert not [u for u in visit.requests if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin]


@pytest.mark.xdist_group("site_crawl")  # reads the crawl's phone visit: one crawl per run
@pytest.mark.parametrize("edition", list(EDITIONS))
def test_home_first_phone_screen(site_crawl: list, edition: str) -> None:
    """The crisis line, the court-papers box and the first step lie inside the 375×812 viewport."""
    _, look = _phone_look(site_crawl, edition, "")
    assert look.scroll_y == 0, "the page is not at its top: it was scrolled before it was measured"
    viewport = look.viewport
    assert viewport == {"width": 375, "height": 812}, viewport
    outside = []
    for what, selector in FIRST_SCREEN.items():
        box = look.boxes[what]
        assert box is not None, f"{edition}: {what} ({selector}) is not on the home page"
        if box["y"] < 0 or box["y"] + box["height"] > viewport["height"] or box["x"] + box["width"] > viewport["width"]:
            outside.append(f"{what}: top {box['y']:.0f}, bottom {box['y'] + box['height']:.0f}")
    assert not outside, f"{edition}: below the first {viewport['height']}px screen: {outside}"
    assert look.calculator_buttons == 1, f"{edition}: no calculator button on the home page"


@pytest.mark.xdist_group("site_crawl")  # one crawl per run: keep its readers on one worker
def test_no_page_scrolls_sideways_on_a_phone(site_crawl: list) -> None:
    wide = [f"{visit.url}: {visit.phone_width}px" for visit in site_crawl if visit.phone_width > 375]
    assert len(site_crawl) >= 2 * 10, f"only {len(site_crawl)} pages visited"
    assert not wide, "pages wider than a 375px phone:\n" + "\n".join(wide)


#: Switch the colour scheme and resolve once Material's colour transitions have ended: axe must
#: measure the scheme's colours, not a blend on the way from the other one.
SET_SCHEME = """async (scheme) => {
  document.body.setAttribute('data-md-color-scheme', scheme);
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const ending = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
  await Promise.all(ending.map((a) => a.finished.catch(() => null)));
}"""


@pytest.mark.xdist_group("site_accessibility")  # both schemes of a page on the worker that opened it
@pytest.mark.parametrize(("edition", "path"), PHONE_PAGES)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_accessibility(axe_tabs: AxeTabs, base_url: str, edition: str, path: str, scheme: str) -> None:
    def open_page(page: Any) -> None:
        page.goto(base_url + home(edition) + path, wait_until="networkidle")

    page = axe_tabs.page(("page", edition, path), open_page)
    requests = page.request_log.urls  # every URL the page asked for (the reader tab logs them)
    page.evaluate(SET_SCHEME, scheme)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [f"{v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])}×: "
           f"{[n['target'] for n in v['nodes'][:6]]}; {v['nodes'][0].get('failureSummary', '')[:200]})"
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{edition} {path or 'home'} ({scheme}):\n" + "\n".join(bad)
    origin = urlsplit(base_url).netloc
    assert requests, "no requests recorded: the log does not work"
    assert not [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin]

"""The built site in Debian's Chromium: search in both languages, the language switcher, no
request to any other host on any page, phone screenshots and axe-core accessibility checks."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_html import EDITIONS, edition_pages, edition_root, url_of

HERE = Path(__file__).resolve().parent
AXE = HERE.parents[1] / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("SITE_ARTIFACTS", "/tmp/site-test-artifacts"))
QUERIES: list[dict[str, str]] = json.loads((HERE / "search_queries.json").read_text("utf-8"))
#: One article per language for the phone and accessibility checks.
ARTICLE = "overdue/costs/"


def _home(edition: str) -> str:
    folder = EDITIONS[edition][0]
    return f"/{folder}/" if folder else "/"


# -- search ----------------------------------------------------------------------------------

def _search(page: object, base_url: str, edition: str, query: str) -> list[str]:
    """Type ``query`` into the real search box; return the result article paths, best first."""
    page.set_default_timeout(60000)  # type: ignore[attr-defined]  # a loaded 2-core CI machine
    page.goto(base_url + _home(edition))  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.press_sequentially(query)
    # Chinese arrives as text input without key events (as from an input method); Material reads
    # the box on keyup, which the input method's confirming key gives a real reader.
    box.press("End")
    page.wait_for_function(  # type: ignore[attr-defined]
        """() => document.querySelector('.md-search-result__list')?.children.length > 0
                 || /^(没有找到|No matching)/.test(document.querySelector('.md-search-result__meta')?.textContent || '')""",
        timeout=60000)
    hrefs = page.locator(".md-search-result__list > li > a.md-search-result__link:first-child").evaluate_all(  # type: ignore[attr-defined]
        "els => els.map(e => e.href)")
    return [urlsplit(h).path for h in hrefs]


@pytest.mark.parametrize("case", QUERIES, ids=[f"{q['lang']}:{q['query']}" for q in QUERIES])
def test_search_first_result(page: object, base_url: str, case: dict[str, str]) -> None:
    results = _search(page, base_url, case["lang"], case["query"])
    expected = _home(case["lang"]) + case["expect"]
    assert results, f"{case['query']!r}: no result (expected {expected})"
    assert results[0] == expected, f"{case['query']!r}: first result {results[0]}, expected {expected}; all: {results[:5]}"
    assert not page.request_log.foreign(base_url)  # type: ignore[attr-defined]


def test_queries_cover_both_languages_and_hard_cases() -> None:
    for lang in ("zh", "en"):
        cases = [q for q in QUERIES if q["lang"] == lang]
        assert len(cases) >= 10, f"{lang}: only {len(cases)} search queries"
        assert any(" " in q["query"] for q in cases), f"{lang}: no multi-word query"
        assert any(q.get("kind") == "partial" for q in cases), f"{lang}: no partial-word query"


def test_each_language_has_its_own_index(page: object, base_url: str) -> None:
    """An English word finds nothing Chinese-only on / and the reverse: separate indexes."""
    en_results = _search(page, base_url, "en", "催收")
    assert all(r.startswith("/en/") for r in en_results)
    zh_results = _search(page, base_url, "zh", "collection")
    assert not any(r.startswith("/en/") for r in zh_results)


# -- language switcher -----------------------------------------------------------------------

@pytest.mark.parametrize(("start", "target", "lang"), [
    ("/overdue/lawsuit/", "/en/overdue/lawsuit/", "en"),
    ("/en/credit/record/", "/credit/record/", "zh-CN"),
])
def test_language_switcher_stays_on_the_same_page(page: object, base_url: str, start: str,
                                                  target: str, lang: str) -> None:
    page.goto(base_url + start)  # type: ignore[attr-defined]
    page.locator(".md-header__option .md-select").first.hover()  # type: ignore[attr-defined]
    page.locator(f".md-select__link[hreflang='{lang}']").click()  # type: ignore[attr-defined]
    page.wait_for_url(base_url + target)  # type: ignore[attr-defined]
    assert page.locator("html").get_attribute("lang") == lang  # type: ignore[attr-defined]


# -- requests --------------------------------------------------------------------------------

def test_no_request_leaves_the_site(browser: object, site_dir: Path, base_url: str) -> None:
    """Visit every built page of both editions; every request must go to the test server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    seen: list[tuple[str, str]] = []
    page = context.new_page()
    current = {"url": ""}
    page.on("request", lambda r: seen.append((current["url"], r.url)))
    visited = 0
    try:
        for edition in EDITIONS:
            root = edition_root(site_dir, edition)
            for rel in edition_pages(site_dir, edition):
                current["url"] = url_of(site_dir, root / rel)
                page.goto(base_url + current["url"], wait_until="networkidle")
                visited += 1
    finally:
        context.close()
    origin = urlsplit(base_url).netloc
    foreign = [f"{where}: {url}" for where, url in seen
               if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != origin]
    assert visited >= 2 * 10, f"only {visited} pages visited"
    assert len(seen) > visited, "no requests recorded: the log does not work"
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)


# -- phone screenshots and accessibility -----------------------------------------------------

PHONE_PAGES = [(e, p) for e in EDITIONS for p in ("", ARTICLE)]


@pytest.mark.parametrize(("edition", "path"), PHONE_PAGES)
def test_phone_screenshot(phone_page: object, base_url: str, edition: str, path: str) -> None:
    phone_page.goto(base_url + _home(edition) + path, wait_until="networkidle")  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = f"phone-{edition}-{path.strip('/').replace('/', '-') or 'home'}.png"
    phone_page.screenshot(path=str(ARTIFACTS / name), full_page=False)  # type: ignore[attr-defined]
    phone_page.screenshot(path=str(ARTIFACTS / name.replace(".png", "-full.png")), full_page=True)  # type: ignore[attr-defined]
    width = phone_page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= 375, f"page is {width}px wide on a 375px phone: it scrolls sideways"
    assert not phone_page.request_log.foreign(base_url)  # type: ignore[attr-defined]


#: What a frightened reader must see on the home page's first phone screen, without scrolling.
FIRST_SCREEN = {
    "crisis line": "a[href='tel:12356']",
    "first step": "#first-steps + ol > li:first-child",
    "court papers box": ".admonition.warning a[href='tel:12368']",
}


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_home_first_phone_screen(phone_page: object, base_url: str, edition: str) -> None:
    """The crisis line, the court-papers box and the first step lie inside the 375×812 viewport."""
    phone_page.goto(base_url + _home(edition), wait_until="networkidle")  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone_page.screenshot(path=str(ARTIFACTS / f"phone-{edition}-home-first-screen.png"))  # type: ignore[attr-defined]
    viewport = phone_page.viewport_size  # type: ignore[attr-defined]
    outside = []
    for what, selector in FIRST_SCREEN.items():
        box = phone_page.locator(selector).first.bounding_box()  # type: ignore[attr-defined]
        assert box is not None, f"{edition}: {what} ({selector}) is not on the home page"
        if box["y"] < 0 or box["y"] + box["height"] > viewport["height"] or box["x"] + box["width"] > viewport["width"]:
            outside.append(f"{what}: top {box['y']:.0f}, bottom {box['y'] + box['height']:.0f}")
    assert not outside, f"{edition}: below the first {viewport['height']}px screen: {outside}"
    calculator = phone_page.locator("a.md-button[href*='calculator']")  # type: ignore[attr-defined]
    assert calculator.count() == 1, f"{edition}: no calculator button on the home page"


def test_no_page_scrolls_sideways_on_a_phone(phone_page: object, site_dir: Path, base_url: str) -> None:
    wide: list[str] = []
    for edition in EDITIONS:
        root = edition_root(site_dir, edition)
        for rel in edition_pages(site_dir, edition):
            url = url_of(site_dir, root / rel)
            phone_page.goto(base_url + url)  # type: ignore[attr-defined]
            width = phone_page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
            if width > 375:
                wide.append(f"{url}: {width}px")
    assert not wide, "pages wider than a 375px phone:\n" + "\n".join(wide)


@pytest.mark.parametrize(("edition", "path"), PHONE_PAGES)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_accessibility(page: object, base_url: str, edition: str, path: str, scheme: str) -> None:
    page.goto(base_url + _home(edition) + path, wait_until="networkidle")  # type: ignore[attr-defined]
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")  # type: ignore[attr-defined]
    # Not add_script_tag: the site's CSP (header and <meta>) rightly refuses an inline script;
    # evaluate is not subject to it.
    page.evaluate(AXE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")  # type: ignore[attr-defined]
    bad = [f"{v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])}×: "
           f"{[n['target'] for n in v['nodes'][:6]]}; {v['nodes'][0].get('failureSummary', '')[:200]})"
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"{edition} {path or 'home'} ({scheme}):\n" + "\n".join(bad)
    assert not page.request_log.foreign(base_url)  # type: ignore[attr-defined]

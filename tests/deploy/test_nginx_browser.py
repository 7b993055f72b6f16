"""The built site through nginx (deploy/nginx.conf) in Debian's Chromium: the site-wide
Content-Security-Policy header breaks nothing.

Every page of both editions is opened through nginx with a listener for
``securitypolicyviolation`` events (installed before any page script runs) and for the console
messages Chromium writes for blocked content; then the calculator computes in both languages —
its module worker runs under the header's policy, which only nginx (and serve.py) send — and the
figures must equal the package's in CPython. Brotli-compressed Pyodide is what nginx serves here.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.site_crawl import CSP_WATCH
from tests.widget.test_widget_browser import PAGE, check_result, open_calculator, set_field, submit


def watched_page(browser: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    return context, page, console


@pytest.mark.xdist_group("site_crawl")  # one crawl per run: keep its readers on one worker
def test_no_csp_violation_on_any_page(site_crawl: list) -> None:
    """Every page of both editions through nginx (the session's one crawl): the header is sent,
    the status is right (404 for the not-found page) and nothing is blocked."""
    for visit in site_crawl:
        assert visit.has_csp_header, visit.url
        assert visit.status == (404 if visit.url.endswith("no-such-page/") else 200), visit.url
    found = [f"{visit.url}: {v}" for visit in site_crawl for v in visit.violations]
    assert len(site_crawl) >= 2 * 10, f"only {len(site_crawl)} pages visited"
    assert not found, "CSP violations through nginx:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_calculator_computes_under_the_header(browser: Any, nginx_url: str, lang: str) -> None:
    context, page, console = watched_page(browser)
    brotli = []
    page.on("response", lambda r: brotli.append(r.url) if r.headers.get("content-encoding") == "br" else None)
    try:
        open_calculator(page, nginx_url, lang, "calc-overdue")
        set_field(page, "calc-overdue", "principal", "12345.67")
        submit(page, "calc-overdue")
        check_result(page, "calc-overdue", lang)
        assert not page.evaluate("window.__cspViolations") and not console, console
        assert any(u.endswith("pyodide.asm.wasm") for u in brotli), "Pyodide's wasm not served as brotli"
        assert page.url.startswith(nginx_url + PAGE[lang])
    finally:
        context.close()

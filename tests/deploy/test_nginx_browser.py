"""The built site through nginx (deploy/nginx.conf) in Debian's Chromium: the site-wide
Content-Security-Policy header breaks nothing.

Every page of both editions is opened through nginx with a listener for
``securitypolicyviolation`` events (installed before any page script runs) and for the console
messages Chromium writes for blocked content; then the calculator computes in both languages —
its module worker runs under the header's policy, which only nginx (and serve.py) send — and the
figures must equal the package's in CPython. Brotli-compressed Pyodide is what nginx serves here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.site_html import EDITIONS, edition_pages, edition_root, url_of
from tests.widget.test_widget_browser import PAGE, check_result, open_calculator, set_field, submit

WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
"""


def watched_page(browser: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    return context, page, console


def test_no_csp_violation_on_any_page(browser: Any, site_dir: Path, nginx_url: str) -> None:
    context, page, console = watched_page(browser)
    found: list[str] = []
    visited = 0
    try:
        for edition in EDITIONS:
            root = edition_root(site_dir, edition)
            for rel in edition_pages(site_dir, edition):
                url = url_of(site_dir, root / rel)
                missing = rel == "404.html"  # seen as a reader does: at an address that does not exist
                if missing:
                    url = url.replace("404.html", "no-such-page/")
                response = page.goto(nginx_url + url, wait_until="load")
                assert response is not None and "content-security-policy" in response.headers, url
                assert response.status == (404 if missing else 200), url
                page.wait_for_timeout(100)  # let Material's bundle finish its first work
                found += [f"{url}: {v}" for v in page.evaluate("window.__cspViolations")]
                found += [f"{url}: {m}" for m in console]
                console.clear()
                visited += 1
    finally:
        context.close()
    assert visited >= 2 * 10, f"only {visited} pages visited"
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

"""One crawl of the built site that every per-page browser check reads (session fixture
``site_crawl`` in tests/conftest.py): requests off the origin, CSP violations and headers through
nginx, status codes, width on a phone. Opening each page once instead of once per check.

A page is done when it has loaded and none of its requests is still in flight after its queued
work has run (``settle``), not after Playwright's ``networkidle`` (500 ms of quiet, twice a page,
which made the crawl mostly waiting). tests/site/test_site_crawl.py checks on fixture pages that
this still records a request sent off the origin after the load event and a CSP violation."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.site.site_html import EDITIONS, edition_pages, edition_root, url_of

#: Installed before any page script runs: collects the page's Content-Security-Policy violations.
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
"""
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
#: Resolves once the work the page has queued so far has run: two frames (resize and media-query
#: handlers, layout, image and font fetches it starts) and a task after them (timers of 0 ms).
_NEXT_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0))))"
#: Once a page is checked: its CSP violations, and the page hidden, so that narrowing the viewport
#: for the next page does not lay this one out again at 375 px (and run Material's resize
#: handlers) only to leave it (issue 24: that step's CPU, counted as bench.cpu_time counts, fell
#: by about half). Nothing is recorded for a page after this.
_VIOLATIONS_THEN_HIDE = "() => { document.documentElement.style.display = 'none'; return window.__cspViolations; }"
#: A page whose requests have not all ended by then is reported, not waited for forever.
SETTLE_TIMEOUT = 30.0


@dataclass
class PageVisit:
    """What one built page did when a browser opened it through nginx."""

    url: str                   # the URL path asked for (the 404 page at an address that does not exist)
    status: int
    has_csp_header: bool
    phone_width: int           # document scrollWidth in a 375 px phone viewport
    requests: list[str] = field(default_factory=list)      # every URL requested, phone then desktop
    violations: list[str] = field(default_factory=list)    # CSP violations and Chromium's CSP console lines
    phone_look: Any = None     # what ``at_phone_width`` recorded on this page, if it was given one


#: Called on a page once it has settled at phone width, before anything resizes or scrolls it:
#: ``(url, page)`` -> what to keep in ``PageVisit.phone_look`` (None: nothing).
AtPhoneWidth = Callable[[str, Any], Any]


class InFlight:
    """The page's requests that have started and neither finished nor failed."""

    def __init__(self, page: Any) -> None:
        self.pending: dict[Any, str] = {}
        page.on("request", lambda r: self.pending.__setitem__(r, r.url))
        page.on("requestfinished", lambda r: self.pending.pop(r, None))
        page.on("requestfailed", lambda r: self.pending.pop(r, None))

    def settle(self, page: Any) -> None:
        """Return once the page's queued work has run and no request is in flight; again until
        both hold at once (a finished request may start another)."""
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while True:
            page.evaluate(_NEXT_FRAMES)  # Playwright delivers the request events meanwhile
            if not self.pending:
                return
            while self.pending:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"requests still in flight after {SETTLE_TIMEOUT:.0f} s: "
                                       f"{sorted(self.pending.values())[:5]}")
                page.wait_for_timeout(20)


def crawl_site(browser: Any, site_dir: Path, base_url: str,
               at_phone_width: AtPhoneWidth | None = None) -> list[PageVisit]:
    """Every page of both editions, opened once, through ``base_url`` (nginx in the tests, so with
    the deploy's headers), in a phone context (375×812, touch); after the phone checks (and
    ``at_phone_width``, a per-page check that reads the page as a phone shows it) the viewport
    widens to desktop size and whatever that loads is logged too."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    in_flight = InFlight(page)
    visits = []
    try:
        for edition in EDITIONS:
            root = edition_root(site_dir, edition)
            for rel in edition_pages(site_dir, edition):
                url = url_of(site_dir, root / rel)
                if rel == "404.html":  # seen as a reader does: at an address that does not exist
                    url = url.replace("404.html", "no-such-page/")
                requests.clear()
                console.clear()
                page.set_viewport_size(PHONE)
                response = page.goto(base_url + url, wait_until="load")
                assert response is not None, url
                in_flight.settle(page)
                width = page.evaluate("document.documentElement.scrollWidth")
                look = at_phone_width(url, page) if at_phone_width else None
                page.set_viewport_size(DESKTOP)  # media queries may fetch more; Material reacts to the resize
                in_flight.settle(page)
                visits.append(PageVisit(url, response.status, "content-security-policy" in response.headers,
                                        width, list(requests),
                                        list(page.evaluate(_VIOLATIONS_THEN_HIDE)) + list(console), look))
    finally:
        context.close()
    return visits

"""The one crawl (tests/site_crawl.py) on fixture pages (tests/site/fixtures/crawl/): what its
readers check is recorded even when a page acts after its load event, so a quicker wait cannot
make test_no_request_leaves_the_site, test_no_csp_violation_on_any_page or
test_no_page_scrolls_sideways_on_a_phone pass by not looking."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.site_crawl import PageVisit, crawl_site

PAGES = Path(__file__).resolve().parent / "fixtures" / "crawl"


#: How late the server answers /slow/: a page acting on the answer acts well after its load event.
SLOW = 0.5


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the fixture pages; /csp/ with a Content-Security-Policy header, the rest without one
    (no policy to block the off-origin request, so that the request itself is what is seen);
    /slow/ answered ``SLOW`` seconds late."""

    def do_GET(self) -> None:
        if self.path.startswith("/slow/"):
            time.sleep(SLOW)
        super().do_GET()

    def end_headers(self) -> None:
        if self.path.startswith("/csp/"):
            self.send_header("Content-Security-Policy", "script-src 'self'")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets 404.html, as the site's servers answer."""
        if code != 404:
            return super().send_error(code, message, explain)
        body = (PAGES / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="module")
def crawled(browser: object) -> Iterator[tuple[str, dict[str, PageVisit]]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(PAGES)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        yield base, {visit.url: visit for visit in crawl_site(browser, PAGES, base)}
    finally:
        server.shutdown()


def test_every_fixture_page_is_visited_with_its_status(crawled: tuple[str, dict[str, PageVisit]]) -> None:
    _, visits = crawled
    assert sorted(visits) == ["/", "/csp/", "/en/", "/later/", "/no-such-page/", "/wide/"]
    assert {url: v.status for url, v in visits.items()} == {
        "/": 200, "/csp/": 200, "/en/": 200, "/later/": 200, "/no-such-page/": 404, "/wide/": 200}
    assert [url for url, v in visits.items() if v.has_csp_header] == ["/csp/"]


def test_requests_after_the_load_event_and_at_desktop_width_are_recorded(
        crawled: tuple[str, dict[str, PageVisit]]) -> None:
    """/later/ asks its own server for a file after load (answered late), and only once that has
    come back asks another host; at desktop width a <picture> source on another host is fetched:
    the crawl waits for both and records them."""
    base, visits = crawled
    origin = urlsplit(base).netloc
    foreign = {url: sorted(r for r in v.requests if urlsplit(r).netloc not in (origin, "")) for url, v in visits.items()}
    later = ["http://localhost:9/after-load", "http://localhost:9/desktop-only.png"]
    assert foreign == {url: (later if url == "/later/" else []) for url in visits}
    assert base + "/slow/data.json" in visits["/later/"].requests


def test_a_csp_violation_after_the_load_event_is_recorded(crawled: tuple[str, dict[str, PageVisit]]) -> None:
    _, visits = crawled
    assert {url for url, v in visits.items() if v.violations} == {"/csp/"}
    assert any("script-src" in line and "eval" in line for line in visits["/csp/"].violations), visits["/csp/"].violations


def test_a_page_wider_than_the_phone_is_measured_so(crawled: tuple[str, dict[str, PageVisit]]) -> None:
    _, visits = crawled
    assert {url for url, v in visits.items() if v.phone_width > 375} == {"/wide/"}
    assert visits["/wide/"].phone_width >= 600

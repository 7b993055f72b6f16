"""Shared fixtures: the real built site served on 127.0.0.1 and Debian's Chromium via Playwright.

The browser tests use the site that ``./scripts/build`` produced (``./scripts/test`` builds it
first); they never build a private copy, so what is tested is what a reader gets.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bench.chromium import CHROMIUM, TEST_CHROMIUM_ARGS
from sitebuild.serve import make_server
from tests.ports import free_port
from tests.phone_look import look_on_a_phone
from tests.site_crawl import PageVisit, crawl_site
from tests.xdist_order import largest_first

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run ./scripts/build (./scripts/test does it first)")
    return SITE


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """URL of the built site served by sitebuild/serve.py on a free loopback port."""
    server = make_server(site_dir, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def start_nginx(site: Path) -> tuple[subprocess.Popen[bytes], str]:
    """scripts/serve-nginx over ``site`` on a free loopback port, once it answers."""
    port = free_port()
    proc = subprocess.Popen([str(ROOT / "scripts" / "serve-nginx"), str(port), "--site", str(site)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"scripts/serve-nginx exited {proc.returncode}: {proc.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    stop_nginx(proc)
    pytest.fail("scripts/serve-nginx did not answer within 30 s")


def stop_nginx(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM, as a process manager would: serve-nginx stops nginx and removes its temp folder."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.fixture(scope="session")
def serve_nginx() -> Iterator[Callable[[Path], str]]:
    """Start scripts/serve-nginx over a site folder; returns its URL. All stop after the session."""
    running: list[subprocess.Popen[bytes]] = []

    def start(site: Path) -> str:
        proc, url = start_nginx(site)
        running.append(proc)
        return url

    yield start
    for proc in running:
        stop_nginx(proc)


@pytest.fixture(scope="session")
def nginx_url(site_dir: Path, serve_nginx: Callable[[Path], str]) -> str:
    """URL of the built site served by nginx with deploy/nginx.conf (scripts/serve-nginx)."""
    return serve_nginx(site_dir)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=TEST_CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class RequestLog:
    """Every URL a page asked for; ``foreign(base)`` lists those off the test server's origin."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def foreign(self, base_url: str) -> list[str]:
        origin = urlsplit(base_url).netloc
        return [u for u in self.urls
                if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin]


#: A desktop reader's window.
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
#: A reader's phone: 375×812, touch, 2× pixels.
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def _logged_page(browser: object, **context_options: object) -> Iterator[object]:
    """A page in a fresh context (empty cache), every request it makes kept in ``.request_log``."""
    context = browser.new_context(**context_options)  # type: ignore[attr-defined]
    p = context.new_page()
    log = RequestLog()
    p.on("request", lambda r: log.urls.append(r.url))
    p.request_log = log
    yield p
    context.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    """A fresh desktop-sized page; its request log is at ``page.request_log``."""
    yield from _logged_page(browser, **DESKTOP)


@pytest.fixture()
def phone_page(browser: object) -> Iterator[object]:
    """A 375×812 touch page, like a reader's phone; request log at ``phone_page.request_log``."""
    yield from _logged_page(browser, **PHONE)


class WarmPhones:
    """One phone context for both editions, kept for the worker's whole session, for tests that do
    not test first use.

    Why: starting Pyodide is the cost of a browser test. A fresh context starts it from scratch
    (~8 s of CPU, measured with bench/cpu_time.py); a context that has started it once keeps the
    service worker's caches and the memory snapshot, so its later pages restore the engine from the
    snapshot (~3.5 s), as a reader's repeat visit does. Both editions share the one snapshot
    (worker.js keys it on the runtime, not the edition), so a language switch restores it too.
    Chromium's wasm code cache does not help (clearing only the site's storage between starts
    measured no saving). First use, offline, intent, the snapshot itself, broken downloads and the
    deploy story keep fresh contexts (a shared link opens in a new tab here). Tests using it carry
    ``@pytest.mark.xdist_group("warm_phones")``: on one worker, Pyodide starts from scratch once
    per run, not once per worker."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.shared: Any = None

    def context(self, edition: str) -> Any:
        """The warm context; ``edition`` ("zh", "en") is what the caller will open in it."""
        if self.shared is None:
            self.shared = self.browser.new_context(**PHONE)
        return self.shared

    def close(self) -> None:
        if self.shared is not None:
            self.shared.close()


@pytest.fixture(scope="session")
def warm_phones(browser: Any) -> Iterator[WarmPhones]:
    phones = WarmPhones(browser)
    yield phones
    phones.close()


@pytest.fixture()
def warm_phone_page(warm_phones: WarmPhones) -> Iterator[Callable[[str], Any]]:
    """``warm_phone_page(edition)``: a new 375×812 touch page (a tab) in the warm context, its
    requests at ``.request_log``; closed after the test. Its tab state (history, sessionStorage)
    is its own; the origin's storage is shared with the other warm tests."""
    opened: list[Any] = []

    def open_page(edition: str) -> Any:
        page = warm_phones.context(edition).new_page()
        log = RequestLog()
        page.on("request", lambda r: log.urls.append(r.url))
        page.request_log = log
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.close()


# -- shared reader contexts (tests that do not test a first visit) ------------------------------

class ReaderContexts:
    """One desktop and one phone context per test module, for its tests that do not test a first
    visit: each test gets its own tab (``reader_page``, ``reader_phone``), closed after it.

    Why: a fresh context costs a service worker install and a precache of the whole edition on its
    first page, on top of the page load (CPU seconds under bench/cpu_time.py, page loads in fresh
    contexts against tabs of one context: about a quarter of a page load's cost). What the tabs
    share is what a reader's second visit has: the HTTP cache and the service worker with its
    caches. Guard against leaks between tests: every tab starts with the origin's localStorage
    empty (cleared when the tab before it closes: Material keeps the colour palette there; a test
    that sets a scheme sets it on <body>, not through the toggle), sessionStorage and history are
    per tab, and a user must not set a cookie or a route on the context. Tests of a first visit keep
    fresh contexts (``page``, ``phone_page``). Users: tests/site/test_site_browser.py."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.contexts: dict[str, Any] = {}

    def tab(self, kind: str) -> Any:
        """A new tab (``kind``: "desktop" or "phone"), its requests kept in ``.request_log``."""
        if kind not in self.contexts:
            self.contexts[kind] = self.browser.new_context(**(PHONE if kind == "phone" else DESKTOP))
        page = self.contexts[kind].new_page()
        log = RequestLog()
        page.on("request", lambda r: log.urls.append(r.url))
        page.request_log = log
        return page

    @staticmethod
    def done(page: Any) -> None:
        """Close a tab, leaving the origin's localStorage as a first visit finds it (empty)."""
        try:
            if page.url.startswith("http"):
                page.evaluate("localStorage.clear()")
        finally:
            page.close()

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="module")
def readers(browser: Any) -> Iterator[ReaderContexts]:
    contexts = ReaderContexts(browser)
    yield contexts
    contexts.close()


@pytest.fixture()
def reader_page(readers: ReaderContexts) -> Iterator[Any]:
    """A desktop tab (1280×900) of the module's reader context; ``.request_log`` as ``page``'s."""
    page = readers.tab("desktop")
    yield page
    readers.done(page)


@pytest.fixture()
def reader_phone(readers: ReaderContexts) -> Iterator[Any]:
    """A 375×812 touch tab of the module's phone context; ``.request_log`` as ``phone_page``'s."""
    page = readers.tab("phone")
    yield page
    readers.done(page)


# -- one crawl of the built site ----------------------------------------------------------------

@pytest.fixture(scope="session")
def site_crawl(browser: Any, site_dir: Path, nginx_url: str) -> list[PageVisit]:
    """Every page of both editions opened once through nginx; every per-page browser check reads it
    (tests/site_crawl.py says what is recorded; tests/phone_look.py what is looked at on a phone)."""
    return crawl_site(browser, site_dir, nginx_url, at_phone_width=look_on_a_phone)


# -- ./scripts/test --fast ----------------------------------------------------------------------

#: Fixtures that need the built site/ (and so a build first): a test using any of them is left out
#: by --fast. Fixture closures are transitive, so a test reaching site_dir through another fixture
#: is left out too.
NEEDS_BUILT_SITE = {"site_dir", "base_url", "nginx_url", "site_crawl", "browser", "page", "phone_page",
                    "warm_phones", "warm_phone_page", "readers", "reader_page", "reader_phone"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fast", action="store_true",
                     help="only the tests that need no built site/ (the edit-test loop; ./scripts/test --fast)")
    parser.addoption("--built-site-only", action="store_true",
                     help="only the tests --fast leaves out (./scripts/test runs the others during the build)")
    parser.addoption("--list-built-site-files", metavar="PATH",
                     help="with --fast: write the test files holding the tests it leaves out to PATH, one a line "
                          "(./scripts/test's second half collects only those)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    fast, built_only = config.getoption("--fast"), config.getoption("--built-site-only")
    if fast and built_only:
        raise pytest.UsageError("--fast and --built-site-only select complementary halves: give one")
    if fast or built_only:
        keep, drop = [], []
        for item in items:
            needs_site = bool(NEEDS_BUILT_SITE & set(getattr(item, "fixturenames", ())))
            (keep if needs_site == built_only else drop).append(item)
        if drop:
            config.hook.pytest_deselected(items=drop)
            items[:] = keep
        listed = config.getoption("--list-built-site-files")
        if fast and listed:  # each xdist worker writes the same list: replaced whole, never half-written
            files = sorted({item.nodeid.split("::")[0] for item in drop})
            tmp = Path(f"{listed}.{os.getpid()}")
            tmp.write_text("".join(f"{f}\n" for f in files), encoding="utf-8")
            tmp.replace(listed)
    if getattr(config.option, "loadgroup", False):  # an xdist worker under --dist loadgroup
        items[:] = largest_first(items)  # the order the units are handed out in (tests/xdist_order.py)

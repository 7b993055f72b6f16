"""Issue 21 as a reader meets it, through real nginx (deploy/nginx.conf) in Debian's Chromium, with
the service worker in control. Each test here failed on the code before issue 21:

* an 8 MiB storage quota: the calculator still computes (a failed cache write never fails a fetch);
* no Cache Storage key holds the #calc= fragment; offline, an English page never opened gives the
  English offline page, which links the pages this device holds;
* a throttled first use (1.6 Mbit/s per connection, nginx limit_rate: Chromium's CDP throttling does
  not reach worker or service-worker fetches) shows the wasm arriving bit by bit (before, the
  worker saw nothing until the service worker had stored the whole file) and never reports a stall;
* scripts/deploy over two releases and a rollback, tabs open across them: a truncated wheel gives a
  retryable, honest message and the fixed deploy reaches the reader; a tab open across one deploy
  still computes (runtime kept for one release), across two it says "page updated, reload", and its
  reload button works; the retirement sw.js then clears every cache and unregisters.
"""

from __future__ import annotations

import re
import shlex
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from release_variants import with_new_wheel, with_truncated_wheel
from sitebuild import deploy as release_deploy, serve_nginx
from tests.widget.browser_helpers import compute_total

ROOT = Path(__file__).resolve().parents[2]
WID = "#calc-overdue"
READY_MS = 180_000
CACHE_KEYS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
  return urls; }"""
PROGRESS_LOG = """() => {
  window.__progress = [];
  const status = document.querySelector('#calc-overdue .calc-status');
  new MutationObserver(() => window.__progress.push(status.textContent))
    .observe(status, {subtree: true, childList: true, characterData: true});
}"""


def _context(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    context.set_default_navigation_timeout(120_000)  # a shared 2-core machine under load
    return context


def _until(page: Any, script: str, seconds: float = 60) -> None:
    """Poll ``script`` (a function, awaited) until it is true. Not wait_for_function: the site's CSP
    forbids the eval it uses."""
    for _ in range(int(seconds * 4)):
        if page.evaluate(script):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"still false after {seconds} s: {script}")


def _controlled(page: Any, url: str) -> None:
    """Open ``url`` and wait until the service worker controls the page."""
    page.goto(url)
    _until(page, "() => navigator.serviceWorker.controller !== null")


def _failure(page: Any) -> str:
    page.click(f"{WID} button[type=submit]")
    page.wait_for_selector(f"{WID}[data-engine='failed']", timeout=READY_MS)
    return str(page.get_attribute(WID, "data-failure"))


class Nginx:
    """nginx (deploy/nginx.conf via sitebuild/serve_nginx) over ``site``, optionally with extra lines."""

    def __init__(self, site: Path, tmp: Path, extra: str = "") -> None:
        template = serve_nginx.DEPLOY_CONF.read_text(encoding="utf-8")
        if extra:
            template = template.replace("    root /var/www/weilidai;\n", f"    root /var/www/weilidai;\n{extra}\n")
        self.port = serve_nginx.free_port()
        tmp.mkdir(parents=True, exist_ok=True)
        self.command = serve_nginx.prepare(site, self.port, tmp, template=template)
        self.proc = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("nginx did not start")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGQUIT)
        self.proc.wait(timeout=15)


@pytest.fixture()
def nginx_over(tmp_path: Path) -> Iterator[Any]:
    started: list[Nginx] = []

    def start(site: Path, extra: str = "") -> Nginx:
        server = Nginx(site, tmp_path / f"nginx-{len(started)}", extra)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def test_calculator_computes_with_an_8_mib_quota_under_the_service_worker(browser: Any, nginx_url: str) -> None:
    context = _context(browser)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Storage.overrideQuotaForOrigin", {"origin": nginx_url, "quotaSize": 8 * 1024 * 1024})
        _controlled(page, nginx_url + "/calculator/")
        assert "元" in compute_total(page, "12000", READY_MS)
        assert page.get_attribute(WID, "data-failure") is None
    finally:
        context.close()


def test_no_fragment_in_cache_keys_and_an_english_page_offline_gives_the_offline_page(
        browser: Any, nginx_url: str) -> None:
    context = _context(browser)
    try:
        page = context.new_page()
        _controlled(page, nginx_url + "/calculator/")
        page.wait_for_selector("html[data-offline='zh']", timeout=60_000)
        compute_total(page, "73519.27", READY_MS)
        page.click(f"{WID} .calc-copy")  # the figures reach the address bar only when the reader asks
        page.wait_for_function("location.hash.includes('calc=')", timeout=10_000)
        page.reload()
        page.wait_for_selector(f"{WID} .calc-output[data-state='result']", timeout=READY_MS)
        page.wait_for_timeout(1000)  # the background store of the reloaded page
        keys = page.evaluate(CACHE_KEYS)
        assert keys and not [k for k in keys if "#" in k or "73519" in k]
        context.set_offline(True)
        page.goto(nginx_url + "/en/overdue/costs/")  # the English edition was never precached
        assert page.locator("h1[data-offline-fallback='en']").inner_text() == "You are offline"
        links = page.eval_on_selector_all("li a", "as => as.map((a) => new URL(a.href).pathname)")
        assert "/en/" in links and not [p for p in links if not p.startswith("/en/")]
        page.click("li a[href$='/en/']")
        assert "Weilidai" in page.inner_text("article")
    finally:
        context.close()


def test_throttled_first_use_under_the_service_worker_streams_and_never_stalls(
        browser: Any, site_dir: Path, nginx_over: Any) -> None:
    server = nginx_over(site_dir, "    limit_rate 200k;   # 1.6 Mbit/s per connection (test only)")
    context = _context(browser)
    try:
        page = context.new_page()
        _controlled(page, server.url + "/calculator/")
        page.evaluate(PROGRESS_LOG)
        assert "元" in compute_total(page, "12000", READY_MS)
        assert page.get_attribute(WID, "data-failure") is None
        total = float(page.evaluate("JSON.parse(document.querySelector('#calc-overdue').dataset.download).total")) / 1e6
        done = sorted({float(m.group(1)) for line in page.evaluate("window.__progress")
                       if (m := re.search(r"(\d+\.\d) / \d+\.\d MB", line))})
        middle = [d for d in done if 0.4 * total < d < 0.95 * total]
        print(f"throttled: progress values seen {done} of {total:.1f} MB")
        assert len(middle) >= 3, f"the wasm arrived in one piece after a silence: {done}"
    finally:
        context.close()


def _deploy(root: Path, nginx: Nginx, *args: str) -> str:
    done = subprocess.run([str(ROOT / "scripts" / "deploy"), "--root", str(root), "--nginx", shlex.join(nginx.command),
                           "--local", *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_deploys_broken_wheel_open_tabs_rollback_and_retirement(
        browser: Any, site_dir: Path, tmp_path: Path, nginx_over: Any) -> None:
    builds = tmp_path / "builds"
    builds.mkdir()
    v2 = with_new_wheel(site_dir, builds / "v2", "v2")
    with_truncated_wheel(builds / "v2", builds / "v2-broken")
    root = tmp_path / "www"
    (root / release_deploy.RELEASES).mkdir(parents=True)
    first = release_deploy.new_release(site_dir, root, "r1")
    release_deploy.switch(root, first)  # nginx is not running yet: the first deploy is a plain switch
    server = nginx_over(root / release_deploy.LINK)
    url = server.url + "/calculator/"
    contexts = [_context(browser) for _ in range(3)]
    try:
        across_one, across_two, fresh = (c.new_page() for c in contexts)
        _controlled(across_one, url)
        _controlled(across_two, url)

        out = _deploy(root, server, "--site", str(builds / "v2-broken"), "--name", "r2")
        assert "wheels/" in out  # the previous release's wheel folder was kept
        assert "元" in compute_total(across_one, "12000", READY_MS)  # a tab open across one deploy still computes

        _controlled(fresh, url)
        assert v2.wheel.split("/")[1] in fresh.get_attribute(WID, "data-wheel")
        assert _failure(fresh) == "integrity"
        status = fresh.inner_text(f"{WID} .calc-status")
        assert "损坏" in status and "重试" in status and "浏览器" not in status
        assert fresh.is_visible(f"{WID} .calc-retry")

        _deploy(root, server, "--site", str(builds / "v2"), "--name", "r3")  # the fix, same wheel URL
        fresh.click(f"{WID} .calc-retry")
        fresh.wait_for_selector(f"{WID} .calc-output[data-state='result']", timeout=READY_MS)
        assert fresh.get_attribute(WID, "data-engine") == "ready"

        # open across two deploys: its wheel is gone from the server
        assert _failure(across_two) == "stale"
        assert "本页已更新，请刷新" in across_two.inner_text(f"{WID} .calc-status")
        retry = across_two.locator(f"{WID} .calc-retry")
        assert retry.inner_text() == "刷新"
        retry.click()
        across_two.wait_for_selector(f"{WID}[data-engine='idle']", timeout=60_000)
        assert v2.wheel.split("/")[1] in across_two.get_attribute(WID, "data-wheel")
        assert "元" in compute_total(across_two, "12000", READY_MS)

        _deploy(root, server, "--release", "r1")  # rollback: the same command
        assert "* r1" in _deploy(root, server, "--list")
        across_two.reload()
        assert v2.wheel.split("/")[1] not in across_two.get_attribute(WID, "data-wheel")
        assert "元" in compute_total(across_two, "12000", READY_MS)

        # retirement: the kill-switch worker replaces sw.js
        live = root / release_deploy.LINK
        for name in ("sw.js.br", "sw.js.gz"):
            (live / name).unlink(missing_ok=True)
        (live / "sw.js").write_bytes((ROOT / "sitebuild" / "offline" / "retire-sw.js").read_bytes())
        across_two.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        _until(across_two, """async () => (await navigator.serviceWorker.getRegistrations()).length === 0
          && (await caches.keys()).every((n) => !n.startsWith('weilidai-') && n !== 'calculator-snapshot')""")
    finally:
        for c in contexts:
            c.close()

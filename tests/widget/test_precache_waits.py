"""The offline precache waits for the calculator's download.

On a phone link the service worker's precache of the edition (about 1 MB) shared the line with the
calculator's runtime (about 3.4 MB) and made the first result 5-7 s later (scripts/bench, rows
"allow" / "block"). Now the page sends the edition only once no engine is loading, and a page whose
engine loads tells the worker it is busy (sitebuild/offline/offline.js, sw.js). No slow link is
needed to check the order: every request start is recorded on the browser context (Chromium reports
the service worker's own fetches there, ``request.service_worker`` set), the engine's states by an
observer in the page, both in the order Playwright receives them.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from tests.widget.browser_helpers import compute_total

READY_MS = 120_000  # a cold Pyodide start on a busy 2-core machine
WID = "#calc-overdue"
CALCULATOR = "/calculator/"

#: Reports every data-engine change of the page's widgets to the test, in order.
WATCH_ENGINE = """
new MutationObserver((changes) => {
  for (const c of changes) if (c.attributeName === "data-engine") window.__engineState(c.target.dataset.engine);
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-engine"]});
"""


def _is_precache(path: str) -> bool:
    """A request only the precache makes on this visit: another page of the site, or the sitemap."""
    return (path.endswith("/") and path != CALCULATOR) or path.endswith("sitemap.xml")


def test_precache_starts_after_engine_ready(browser: Any, base_url: str) -> None:
    """Typing at once on the calculator page: the worker's precache requests start only after the
    engine is ready, and the edition is still precached (so the wait cannot pass by precaching nothing)."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    events: list[tuple[float, str, str]] = []  # (when received, "sw" | "page" | "engine", url or state)
    context.on("request", lambda r: events.append(
        (time.monotonic(), "sw" if r.service_worker else "page", urlsplit(r.url).path)))
    try:
        page = context.new_page()
        page.expose_function("__engineState", lambda state: events.append((time.monotonic(), "engine", state)))
        page.add_init_script(WATCH_ENGINE)
        page.goto(base_url + CALCULATOR, wait_until="domcontentloaded")
        page.wait_for_selector(f"{WID}[data-engine='idle']")
        compute_total(page, "12000", READY_MS)  # focus = intent: the engine starts loading now
        page.wait_for_selector("html[data-offline='zh']", timeout=60_000)
    finally:
        context.close()

    states = [what for _, who, what in events if who == "engine"]
    assert "loading" in states and "ready" in states, states
    ready_at = next(t for t, who, what in events if who == "engine" and what == "ready")
    from_worker = [(t, path) for t, who, path in events if who == "sw"]
    assert from_worker, "no request seen from the service worker (Chromium reports them on the context)"
    precache = [(t, path) for t, path in from_worker if _is_precache(path)]
    assert len(precache) > 10, f"the edition's pages were not fetched by the worker: {from_worker[:20]}"
    early = [path for t, path in precache if t < ready_at]
    assert not early, f"{len(early)} precache requests started before the engine was ready: {early[:10]}"

"""N Pyodide starts on the built site's /calculator/, in one of three browser-context setups.

Why: a Pyodide start is the unit of cost of a browser test; this shows what a shared context
saves. Run it under bench/cpu_time.py (which counts Chromium's renderers) with N = 1 and N = 4:
the difference over 3 is the CPU of one more start.

    .venv/bin/python -m bench.cpu_time .venv/bin/python -m bench.pyodide_starts fresh 4

Modes: ``fresh`` a new context per start (what a test's ``page`` fixture gets); ``clear`` one
context whose site storage (service worker, Cache Storage with the memory snapshot) is cleared
between starts, the HTTP cache and with it Chromium's wasm code cache kept; ``keep`` one context,
nothing cleared (later starts restore the memory snapshot). Prints each start's boot kind and wall.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from sitebuild.serve import make_server

SITE = Path(__file__).resolve().parent.parent / "site"
MODES = ("fresh", "clear", "keep")
SITE_STORAGE = "service_workers,cache_storage,indexeddb,local_storage,websql,file_systems"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in MODES or not argv[1].isdigit():
        print(__doc__, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    mode, starts = argv[0], int(argv[1])
    server = make_server(SITE, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        shared = None if mode == "fresh" else browser.new_context()
        for i in range(starts):
            context = shared or browser.new_context()
            page = context.new_page()
            began = time.monotonic()
            page.goto(origin + "/calculator/")
            wid = page.get_attribute(".calc-widget[data-calc-widget]", "id")
            page.locator(f"#{wid}").scroll_into_view_if_needed()
            page.focus(f"#{wid} form [name]")  # the engine starts on intent
            page.wait_for_selector(f"#{wid}[data-engine=ready]", timeout=180_000)
            print(f"start {i}: {page.get_attribute(f'#{wid}', 'data-boot')} {time.monotonic() - began:.2f} s wall",
                  flush=True)
            if mode == "clear":
                session = context.new_cdp_session(page)
                session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": SITE_STORAGE})
            page.close()
            if shared is None:
                context.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

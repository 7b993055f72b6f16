"""The calculator worker's longest silence during a start from scratch, under a CPU load.

Why (issue 24, dev/ci.md "An open flake"): the page calls an engine "stalled" after ``STALL_MS``
(widget.js) without a word from its worker, and in whole CI runs the deploy story's engines did.

    .venv/bin/python -m bench.engine_silence --busy 24 --runs 2

Serves the built ``site/`` (``sitebuild/serve.py``), opens ``/calculator/`` in a fresh context of
the tests' Chromium (``TEST_CHROMIUM_ARGS``) per run, starts the engine on intent and stamps every
word its worker sends (``bench/engine_words.py``'s init script, the deploy story's too). Prints per
run: the start's wall seconds, the longest silence and the word that ended it.

``--busy N`` runs N busy loops beside it, **each in a session of its own**. The kernel groups
processes by session for CPU time (``/proc/sys/kernel/sched_autogroup_enabled``) and Playwright starts
each Chromium in a session of its own: N busy loops in one session (``stress``, a shell loop, ``python
-c`` children of this script) cost the browser one group's share, about half of the cores, however
large N is. In a whole CI run the story's Chromium shares the cores with the run's own session, the
other tests' Chromiums and whatever else the machine runs, each a group.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from bench import engine_words
from bench.chromium import CHROMIUM, TEST_CHROMIUM_ARGS
from sitebuild.serve import make_server

SITE = Path(__file__).resolve().parent.parent / "site"
WID = "#calc-overdue"


def longest_silence(words: list[tuple[float, str]]) -> tuple[float, str]:
    """(seconds, the word that ended it) of the longest gap between two words."""
    gaps = [((b[0] - a[0]) / 1000, f"{a[1]} -> {b[1]}") for a, b in zip(words, words[1:])]
    return max(gaps, default=(0.0, "-"))


def one_start(browser: Any, url: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    try:
        context.add_init_script(engine_words.INIT_SCRIPT)
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_selector(f"{WID}[data-calc-init]", timeout=600_000)
        page.focus(f"{WID}-principal")
        page.wait_for_selector(f"{WID}[data-engine='ready'], {WID}[data-engine='failed']", timeout=900_000)
        words = engine_words.stamped(page.evaluate("window.__engineWords"))
        silence, where = longest_silence(words)
        return {"engine": page.get_attribute(WID, "data-engine"), "failure": page.get_attribute(WID, "data-failure"),
                "start_s": round((words[-1][0] - words[0][0]) / 1000, 1), "silence_s": round(silence, 1), "where": where}
    finally:
        context.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--busy", type=int, default=0, help="busy loops, each in a session of its own")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--site", type=Path, default=SITE)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    server = make_server(args.site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/calculator/"
    loads = [subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
             for _ in range(args.busy)]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=TEST_CHROMIUM_ARGS, headless=True)
            print("busy\trun\tengine\tstart s\tlongest silence s\tbetween")
            for run in range(args.runs):
                r = one_start(browser, url)
                print(f"{args.busy}\t{run + 1}\t{r['engine']}{'/' + r['failure'] if r['failure'] else ''}\t"
                      f"{r['start_s']}\t{r['silence_s']}\t{r['where']}", flush=True)
            browser.close()
    finally:
        for load in loads:
            load.kill()
            load.wait()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

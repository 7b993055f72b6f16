"""Where the CPU of one Pyodide start goes: per Chromium process and thread, and inside the worker.

Why: a start from scratch is the unit of cost of the calculator's browser tests and of a reader's
first use (issue 24). Wall time on a shared machine says little; this counts CPU ticks.

    .venv/bin/python -m bench.start_cpu [--runs N]

Serves the built ``site/`` (``sitebuild/serve.py``), opens ``/calculator/`` in a fresh context of
Debian's Chromium, waits for the page to settle, then samples ``utime + stime`` of every thread of
every process of this browser (its session: Chromium's processes share the browser's session id,
the zygote's double-forked renderers included), starts the engine on intent, computes once, waits
until the worker has stored its memory snapshot, and samples again. Threads that ended meanwhile
(thread-pool workers come and go) are counted from their process's own total. Then the same page is
reloaded (a start from the snapshot) and measured the same way, then reloaded once more with the
snapshot dropped (a start from scratch in a context that has compiled the wasm before: what a
code cache would save shows here). Inside the worker, the User Timing
measures worker.js records (``timed``: downloads, sha256 of each file, module imports, loadPyodide,
wheel unpack, BOOT imports, snapshot make/read/store, compute) are printed as a table. With
``--runs N`` each phase is measured N times (a fresh context each) and the median is printed;
``--out FILE`` also writes the tables there (``dev/results/start-cpu.md``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from sitebuild.serve import make_server

SITE = Path(__file__).resolve().parent.parent / "site"
WID = "#calc-overdue"
TICK = os.sysconf("SC_CLK_TCK")
Ticks = dict[tuple[int, int], tuple[str, str, int]]  # (pid, tid) -> (process kind, thread name, ticks)


def _stat(path: str) -> tuple[str, list[str]]:
    """(comm, the fields after it) of a /proc stat file."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    return text[text.find("(") + 1:text.rfind(")")], text[text.rfind(")") + 2:].split()


def _kind(pid: int) -> str:
    """browser, renderer, gpu-process, or the utility's service (network, storage, ...)."""
    with open(f"/proc/{pid}/cmdline", encoding="utf-8", errors="replace") as handle:
        args = handle.read().replace("\0", " ").split()  # Chromium rewrites its title: one string
    kind = next((a.split("=", 1)[1] for a in args if a.startswith("--type=")), "browser")
    sub = next((a.split("=", 1)[1] for a in args if a.startswith("--utility-sub-type=")), "")
    return f"utility {sub.split('.')[0]}" if sub else kind


def browser_session() -> int:
    """The session id of the Chromium this process launched (via Playwright's node driver)."""
    me = os.getpid()
    for pid in (int(p) for p in os.listdir("/proc") if p.isdigit()):
        try:
            comm, fields = _stat(f"/proc/{pid}/stat")
            if comm == "chromium" and _stat(f"/proc/{fields[1]}/stat")[1][1] == str(me):
                return int(fields[3])
        except OSError:
            continue
    raise RuntimeError("no Chromium launched by this process")


def sample(session: int) -> tuple[Ticks, dict[int, tuple[str, int]]]:
    """Per-thread ticks and per-process totals of every process in ``session``."""
    threads: Ticks = {}
    procs: dict[int, tuple[str, int]] = {}
    for pid in (int(p) for p in os.listdir("/proc") if p.isdigit()):
        try:
            _, fields = _stat(f"/proc/{pid}/stat")
            if int(fields[3]) != session:
                continue
            kind = _kind(pid)
            procs[pid] = (kind, int(fields[11]) + int(fields[12]))
            for tid in os.listdir(f"/proc/{pid}/task"):
                name, tf = _stat(f"/proc/{pid}/task/{tid}/stat")
                threads[(pid, int(tid))] = (kind, name, int(tf[11]) + int(tf[12]))
        except OSError:
            continue
    return threads, procs


def difference(before: tuple[Ticks, dict[int, tuple[str, int]]],
               after: tuple[Ticks, dict[int, tuple[str, int]]]) -> dict[tuple[str, str], float]:
    """CPU seconds per (process kind, thread name) between two samples; ended threads as "(ended)"."""
    out: dict[tuple[str, str], float] = defaultdict(float)
    for key, (kind, name, ticks) in after[0].items():
        spent = ticks - before[0].get(key, (kind, name, 0))[2]
        if spent:
            out[(kind, _thread(name))] += spent / TICK
    for pid, (kind, total) in after[1].items():
        # the process's total keeps the ticks of threads that ended; what they spent since ``before``
        # is what the live threads' differences do not explain
        by_threads = sum(t - before[0].get(k, ("", "", 0))[2] for k, (_, _, t) in after[0].items() if k[0] == pid)
        ended = (total - before[1].get(pid, (kind, 0))[1]) - by_threads
        if ended > 0:
            out[(kind, "(ended threads)")] += ended / TICK
    return out


def _thread(name: str) -> str:
    """Thread names without their serial numbers (ThreadPoolForeg, V8 DefaultWorke, ...)."""
    return name.rstrip("0123456789/ ") or name


def worker_measures(page: Any) -> dict[str, float]:
    """Milliseconds of each User Timing measure worker.js recorded (summed per name)."""
    for worker in page.workers:
        if worker.url.endswith("/worker.js"):
            entries = worker.evaluate("performance.getEntriesByType('measure').map((m) => [m.name, m.duration])")
            out: dict[str, float] = defaultdict(float)
            for name, ms in entries:
                out[name] += ms
            return out
    return {}


def _stored(page: Any) -> bool:
    return bool(worker_measures(page).get("snapshot store"))


DROP_SNAPSHOT = "async () => { await caches.delete('calculator-snapshot'); }"


def one_start(page: Any, session: int, url: str, reload: bool) -> tuple[dict[tuple[str, str], float], dict[str, float]]:
    """CPU by thread and the worker's measures of one start (and first compute, and snapshot store)."""
    if reload:
        page.reload(wait_until="load")
    else:
        page.goto(url, wait_until="load")
    page.wait_for_selector("html[data-offline='zh']", timeout=120_000)  # the service worker's precache is done
    page.wait_for_timeout(1500)
    before = sample(session)
    page.focus(f"{WID}-principal")
    page.wait_for_selector(f"{WID}[data-engine='ready']", timeout=300_000)
    page.fill(f"{WID}-principal", "12000")
    page.click(f"{WID} button[type=submit]")
    page.wait_for_selector(f"{WID}[data-pending='0'] .calc-output[data-state='result']", timeout=300_000)
    boot = page.get_attribute(WID, "data-boot")
    if boot == "scratch":
        for _ in range(600):
            if _stored(page):
                break
            page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    after = sample(session)
    return difference(before, after), {**worker_measures(page), f"(data-boot: {boot})": 1.0}


def _median(runs: list[dict[Any, float]]) -> dict[Any, float]:
    keys = {k for r in runs for k in r}
    return {k: statistics.median(r.get(k, 0.0) for r in runs) for k in keys}


def tables(title: str, cpu: dict[tuple[str, str], float], measures: dict[str, float]) -> list[str]:
    """Markdown: CPU seconds per thread (>= 0.05 s) and per process, then the worker's measures."""
    lines = [f"## {title}", "", "| process | thread | CPU s |", "|---|---|---:|"]
    by_process: dict[str, float] = defaultdict(float)
    for (kind, name), seconds in sorted(cpu.items(), key=lambda kv: -kv[1]):
        by_process[kind] += seconds
        if seconds >= 0.05:
            lines.append(f"| {kind} | {name} | {seconds:.2f} |")
    lines += [f"| {kind} | (all threads) | {seconds:.2f} |" for kind, seconds in
              sorted(by_process.items(), key=lambda kv: -kv[1]) if seconds >= 0.01]
    lines += [f"| **all** | | **{sum(cpu.values()):.2f}** |", "",
              "| worker measure (wall, overlapping) | ms |", "|---|---:|"]
    lines += [f"| {name} | {ms:.0f} |" for name, ms in sorted(measures.items(), key=lambda kv: -kv[1]) if ms >= 1]
    return lines + [""]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--out", type=Path, help="also write the tables to this Markdown file")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    server = make_server(args.site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/calculator/"
    results: dict[str, list[tuple[dict[tuple[str, str], float], dict[str, float]]]] = defaultdict(list)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        session = browser_session()
        for _ in range(args.runs):
            context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
            page = context.new_page()
            results["from scratch (fresh context)"].append(one_start(page, session, url, reload=False))
            results["from the memory snapshot (reload)"].append(one_start(page, session, url, reload=True))
            # the same context once more, its snapshot dropped: does the wasm compile again, or does
            # Chromium's code cache (beside the Cache Storage / HTTP cache entry) serve a second boot?
            page.evaluate(DROP_SNAPSHOT)
            results["from scratch again (same context, snapshot dropped)"].append(
                one_start(page, session, url, reload=True))
            context.close()
        browser.close()
    server.shutdown()
    lines = ["# CPU of one Pyodide start", "", "Written by `.venv/bin/python -m bench.start_cpu "
             f"--runs {args.runs} --out …` (see its docstring and dev/ci.md); CPU ticks of every thread of "
             "the browser's processes, on a shared 2-core machine. Worker measures are wall milliseconds "
             "and overlap (downloads run together; loadPyodide holds the wasm instantiate).", ""]
    for title, runs in results.items():
        lines += tables(f"{title}, median of {len(runs)}", _median([r[0] for r in runs]), _median([r[1] for r in runs]))
    print("\n".join(lines))
    if args.out:
        args.out.write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

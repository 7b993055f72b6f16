"""How this project starts Debian's Chromium headless: one place for the tests and the benchmark.

Playwright's own browser downloads fail on these machines, so both drive ``/usr/bin/chromium``
(apt package ``chromium``) with the flags that work in a closed network as root.

Two set-ups on purpose (issue 24; dev/ci.md "The test browser"):

- ``CHROMIUM``/``CHROMIUM_ARGS``: the benchmark's (bench/start_cpu.py, bench/pyodide_starts.py,
  ``scripts/bench``). It measures what a reader's Chromium does, so it runs the full browser with
  V8's defaults (WebAssembly tiers up from Liftoff to TurboFan).
- ``TEST_CHROMIUM_ARGS``: the test suite's flags (tests/conftest.py), for the same
  browser with WebAssembly compiled by Liftoff only. That changes nothing a test asserts (pages,
  requests, layout, the calculator's figures) and cuts the browser's CPU per Pyodide start, which
  is what the CI run is short of. Measure with ``bench.cpu_time`` around a browser test file, A/B.
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

#: ``--liftoff-only``: Pyodide's wasm stays on V8's baseline compiler. By default the hot
#: functions are recompiled by TurboFan on V8's background threads during every start: most of a
#: start's CPU, for interpreter speed the tests' few computations do not need.
TEST_CHROMIUM_ARGS = [*CHROMIUM_ARGS, "--js-flags=--liftoff-only"]

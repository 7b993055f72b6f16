"""How this project starts Debian's Chromium headless: one place for the tests and the benchmark.

Playwright's own browser downloads fail on these machines, so both drive ``/usr/bin/chromium``
(apt package ``chromium``) with the flags that work in a closed network as root.
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

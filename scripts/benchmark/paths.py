"""Where things are, and the two shared-resource helpers: a read-only copy of site/ and a server."""

from __future__ import annotations

import fcntl
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.serve import make_server

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
PYTHON = ROOT / ".venv" / "bin" / "python"
SITE_LOCK = Path("/tmp/site.lock")

#: The browser the tests use (tests/conftest.py is the one source of these flags).
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


@contextmanager
def site_lock() -> Iterator[None]:
    """Hold the same lock as ``flock /tmp/site.lock`` so nobody rebuilds site/ meanwhile."""
    with open(SITE_LOCK, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def site_built_at() -> float:
    """When site/ was last built (mtime of its home page)."""
    return (SITE / "index.html").stat().st_mtime


def run_build() -> float:
    """Run ./scripts/build (the caller holds the site lock); return its wall time in seconds."""
    import subprocess
    import sys
    import time

    start = time.perf_counter()
    subprocess.run([str(ROOT / "scripts" / "build")], cwd=ROOT, check=True, stdout=sys.stderr)
    return time.perf_counter() - start


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` with the project's own static server; yields the base URL."""
    server = make_server(directory, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def tempdir(prefix: str) -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix=f"bench-{prefix}-")

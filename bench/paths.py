"""Where things are, and the two shared-resource helpers: a read-only copy of site/ and a server."""

from __future__ import annotations

import fcntl
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 - re-exported
from sitebuild.serve import make_server

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
PYTHON = ROOT / ".venv" / "bin" / "python"
SITE_LOCK = Path("/tmp/site.lock")



LOCK_WAIT_S = 900


def lock_is_held() -> bool:
    """True when some process (perhaps our caller, via ``flock /tmp/site.lock …``) holds the lock."""
    with open(SITE_LOCK, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False


@contextmanager
def site_lock(enabled: bool = True, wait_s: float = LOCK_WAIT_S) -> Iterator[None]:
    """Hold the same lock as ``flock /tmp/site.lock`` so nobody rebuilds site/ meanwhile.

    Gives up after ``wait_s`` with a clear message instead of hanging (a caller that already
    holds the lock itself must pass ``enabled=False``, i.e. ``scripts/bench --no-lock``).
    """
    if not enabled:
        yield
        return
    import time

    with open(SITE_LOCK, "a") as fh:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"等待 {SITE_LOCK} 超过 {wait_s:.0f} 秒 / waited {wait_s:.0f} s for {SITE_LOCK}: another build "
                        "holds it (if you hold it yourself, pass --no-lock)") from None
                time.sleep(1)
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
    subprocess.run([str(ROOT / "scripts" / "build"), "--local"], cwd=ROOT, check=True, stdout=sys.stderr)
    return time.perf_counter() - start


@contextmanager
def serve(directory: Path, handler: Any = None, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` with the project's own static server (or ``handler``, a SiteHandler
    subclass) on ``port`` (0: a free one); yields the base URL. The response headers (CSP with the
    inline-script hashes) are read from the directory now: build first."""
    server = make_server(directory, port)
    if handler is not None:
        server.RequestHandlerClass = lambda *a, **k: handler(*a, directory=str(directory), **k)  # type: ignore[assignment]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def tempdir(prefix: str) -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix=f"bench-{prefix}-")

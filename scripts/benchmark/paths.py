"""Where things are, and the two shared-resource helpers: a read-only copy of site/ and a server."""

from __future__ import annotations

import fcntl
import shutil
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


def copy_site(dest_parent: Path) -> Path:
    """Copy the real built site/ under the lock; the benchmark measures the copy, never site/."""
    dest = dest_parent / "site"
    with site_lock():
        if not (SITE / "index.html").is_file():
            raise FileNotFoundError(
                "未找到已构建的网站，请先运行 ./scripts/build / site/ is not built: run ./scripts/build first")
        shutil.copytree(SITE, dest, symlinks=False)
    return dest


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

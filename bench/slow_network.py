"""A phone in mainland China, approximately: 1.6 Mbit/s down, 150 ms round trip, brotli from the host.

Two pieces the calculator area uses for its slow-network row:

* :func:`brotli_server` serves a directory like sitebuild/serve.py, but answers ``Accept-Encoding: br``
  with a precompressed ``<file>.br`` (brotli 11, as a build step pre-compresses and nginx's
  ``brotli_static`` serves them), made here for text, wasm and zip files and cached by content in
  ``.cache/bench-brotli/`` (the wasm takes ~25 s of CPU once).
* :func:`nginx_server` serves it with the real production configuration instead (deploy/nginx.conf,
  ``brotli_static``), when nginx is installed, for a second row.
* :func:`throttle` applies Chromium's own network emulation (CDP ``Network.emulateNetworkConditions``)
  to a page and to the workers it starts (auto-attach), so Pyodide's downloads are throttled too.

CDP throttling does not reach service-worker fetches: first use with the service worker in control
goes through bench/phone_link.py instead (a proxy emulating one link shared by all connections),
whose :data:`~bench.phone_link.PHONE` is where the figures below come from.
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench import paths
from bench.phone_link import PHONE
from sitebuild.serve import SiteHandler

DOWN_BPS = PHONE.down_bps // 8  # bytes per second
UP_BPS = PHONE.up_bps // 8
LATENCY_MS = round(PHONE.round_trip_s * 1000)
CACHE = paths.ROOT / ".cache" / "bench-brotli"
COMPRESS = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".wasm", ".zip", ".py", ".xml", ".webmanifest")


def brotli_file(path: Path) -> Path:
    """Brotli 11 of ``path``, from the content-addressed cache (compressed once)."""
    import brotli

    data = path.read_bytes()
    cached = CACHE / (hashlib.sha256(data).hexdigest() + ".br")
    if not cached.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(brotli.compress(data, quality=11))
    return cached


def precompress(site: Path, under: tuple[str, ...]) -> int:
    """Write ``<file>.br`` beside each compressible file below the given site folders; returns bytes."""
    total = 0
    for folder in under:
        for path in (site / folder).rglob("*"):
            if path.is_file() and path.suffix in COMPRESS:
                target = path.with_name(path.name + ".br")
                target.write_bytes(brotli_file(path).read_bytes())
                total += target.stat().st_size
    return total


class BrotliHandler(SiteHandler):
    """SiteHandler that serves ``x.br`` for ``x`` when the client accepts br (as brotli_static on)."""

    def send_head(self) -> Any:  # noqa: ANN401 - stdlib signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        br = path.with_name(path.name + ".br")
        if "br" in self.headers.get("Accept-Encoding", "") and br.is_file() and path.is_file():
            body = br.open("rb")
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "br")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(br.stat().st_size))
            self.end_headers()
            return body
        return super().send_head()


class Tally:
    """Response-body bytes a server sent (what went on the wire, as the host counts it)."""

    def __init__(self) -> None:
        self.sent = 0
        self._lock = threading.Lock()

    def add(self, n: int) -> None:
        with self._lock:
            self.sent += n

    def take(self) -> int:
        """The bytes sent since the last take."""
        with self._lock:
            sent, self.sent = self.sent, 0
            return sent


def brotli_server(directory: Path, tally: Tally | None = None) -> Any:
    """paths.serve with the handler that answers ``Accept-Encoding: br`` from the .br files;
    with ``tally``, every body it sends is counted there."""
    if tally is None:
        return paths.serve(directory, BrotliHandler)

    class Counting(BrotliHandler):
        def copyfile(self, source: Any, outputfile: Any) -> None:  # noqa: ANN401 - stdlib signature
            data = source.read()
            outputfile.write(data)
            tally.add(len(data))

    return paths.serve(directory, Counting)


@contextlib.contextmanager
def nginx_server(directory: Path) -> Iterator[str]:
    """Debian's nginx with deploy/nginx.conf over ``directory`` (as scripts/serve-nginx runs it), on a
    free port; yields the base URL. Raises serve_nginx.SetupError when nginx or its module is missing."""
    from sitebuild import serve_nginx

    serve_nginx.check_ready(directory)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp:
        nginx = subprocess.Popen(serve_nginx.prepare(directory, port, Path(tmp)))
        try:
            for _ in range(100):  # up to 5 s for the socket to listen
                with socket.socket() as client:
                    if client.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
        finally:
            nginx.send_signal(signal.SIGQUIT)
            nginx.wait(timeout=10)


def throttle(context: Any, page: Any) -> Any:
    """Emulate the slow network for ``page`` and every worker target it starts."""
    conditions = {"offline": False, "latency": LATENCY_MS, "downloadThroughput": DOWN_BPS,
                  "uploadThroughput": UP_BPS}
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", conditions)
    return session

"""Browser helpers: record what a page downloaded, and how it would compress on a static host."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field
from typing import Any

import brotli

#: Content types a static host compresses on the fly (or serves precompressed). Everything else
#: (PNG, WOFF2, PDF) is already compressed and is counted as is.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                "application/wasm", "application/manifest+json",
                # Pyodide's python_stdlib.zip is stored (not deflated) so that the host's brotli
                # compresses it; a deflated zip (the wheel) barely changes under brotli.
                "application/zip")

#: Compression levels of a static host compressing on the fly (nginx's usual gzip 6; brotli 5,
#: between Cloudflare's 4 and nginx-brotli's 6). Precompressed brotli 11 would be ~5–10 % smaller.
GZIP_LEVEL = 6
BROTLI_QUALITY = 5

PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True}


def compressible(content_type: str) -> bool:
    ct = content_type.split(";", 1)[0].strip().lower()
    return ct.startswith(COMPRESSIBLE)


_SIZES: dict[str, tuple[int, int]] = {}


def compressed_sizes(body: bytes) -> tuple[int, int]:
    """(gzip -6, brotli 5) sizes of ``body``, cached by content (Pyodide's files are large: compress each once)."""
    digest = hashlib.sha256(body).hexdigest()
    if digest not in _SIZES:
        _SIZES[digest] = (len(gzip.compress(body, compresslevel=GZIP_LEVEL)),
                          len(brotli.compress(body, quality=BROTLI_QUALITY)))
    return _SIZES[digest]


@dataclass
class Transfer:
    """Bodies a page received: count, raw bytes, and bytes after gzip -6 / brotli 5."""

    requests: int = 0
    raw: int = 0
    gzip: int = 0
    brotli: int = 0
    urls: list[str] = field(default_factory=list)

    def add(self, url: str, content_type: str, body: bytes) -> None:
        self.requests += 1
        self.raw += len(body)
        self.urls.append(url)
        if compressible(content_type) and body:
            gz, br = compressed_sizes(body)
            self.gzip += gz
            self.brotli += br
        else:
            self.gzip += len(body)
            self.brotli += len(body)


class ResponseLog:
    """Collects every response of a page; ``transfer()`` reads their bodies once loading is done."""

    def __init__(self, page: Any) -> None:
        self.responses: list[Any] = []
        self.failed: list[str] = []
        page.on("response", lambda r: self.responses.append(r))
        page.on("requestfailed", lambda r: self.failed.append(r.url))

    def transfer(self) -> Transfer:
        t = Transfer()
        for resp in self.responses:
            try:
                body = resp.body()
            except Exception:  # noqa: BLE001 - redirects and aborted bodies have none
                body = b""
            t.add(resp.url, resp.headers.get("content-type", ""), body)
        return t

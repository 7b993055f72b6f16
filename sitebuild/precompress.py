"""Write ``.br`` and ``.gz`` beside every text and WebAssembly file of the built site.

Why at build time: a server that picks ``x.br``/``x.gz`` by ``Accept-Encoding`` (nginx
``brotli_static``/``gzip_static``, deploy/nginx.conf) then sends the smallest form with no CPU per
request, and brotli
at its best level, too slow to run per request, shrinks Pyodide's 9.6 MB ``.wasm`` to about a third.
Output is reproducible (gzip with mtime 0 and no file name; brotli has no header fields), and a
compressed file that would not save at least ``MIN_SAVING`` of its original is not written (any old
one is removed), so a server falls back to the original.

    python -m sitebuild.precompress --site site
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import time
from pathlib import Path

import brotli

#: Text formats and WebAssembly; ``.zip`` only for Pyodide's stored-uncompressed standard library.
SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm",
                      ".webmanifest", ".map", ".py", ".zip"})
#: The smallest useful saving, as a fraction of the original size (a ``.zip`` that is already
#: deflated saves nothing; a tiny file saves a few bytes that cost a request's worth of headers).
MIN_SAVING = 0.10
ENCODINGS = (".br", ".gz")
#: Files at least this big (Pyodide's, rebuilt into site/ by every build) are compressed once and
#: kept in the cache folder under their content's sha256: brotli 11 on the .wasm takes ~30 s.
CACHE_FROM_BYTES = 256 * 1024


def gzip_bytes(data: bytes) -> bytes:
    """gzip -9 with mtime 0 and no file name in the header, so the same input gives the same bytes."""
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=out, mtime=0) as f:
        f.write(data)
    return out.getvalue()


def brotli_bytes(data: bytes, suffix: str) -> bytes:
    """Brotli at quality 11; the text mode helps UTF-8 text, the generic mode binaries."""
    mode = brotli.MODE_GENERIC if suffix in (".wasm", ".zip") else brotli.MODE_TEXT
    return brotli.compress(data, mode=mode, quality=11)


def candidates(site: Path) -> list[Path]:
    """Files worth compressing: known suffixes, not inside dot folders (``.deploy/``)."""
    found = []
    for path in site.rglob("*"):
        rel = path.relative_to(site)
        if path.is_file() and path.suffix in SUFFIXES and not any(p.startswith(".") for p in rel.parts):
            found.append(path)
    return sorted(found)


def _compress(data: bytes, suffix: str, ext: str, cache: Path | None) -> bytes:
    """The compressed bytes, from the cache for a big file compressed before."""
    make = gzip_bytes if ext == ".gz" else (lambda d: brotli_bytes(d, suffix))
    if cache is None or len(data) < CACHE_FROM_BYTES:
        return make(data)
    cached = cache / (hashlib.sha256(data).hexdigest() + ext)
    if cached.is_file():
        return cached.read_bytes()
    packed = make(data)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_name(cached.name + f".{os.getpid()}.tmp")
    tmp.write_bytes(packed)
    os.replace(tmp, cached)
    return packed


def precompress(site: Path, cache: Path | None = None) -> tuple[int, int, int]:
    """Compress every candidate; return (files, bytes before, bytes after with brotli where written)."""
    files = before = after = 0
    for original in candidates(site):
        data = original.read_bytes()
        files += 1
        before += len(data)
        smallest = len(data)
        for ext in ENCODINGS:
            target = original.with_name(original.name + ext)
            packed = _compress(data, original.suffix, ext, cache)
            if len(packed) > len(data) * (1 - MIN_SAVING):
                target.unlink(missing_ok=True)
                continue
            if not (target.is_file() and target.read_bytes() == packed):
                target.write_bytes(packed)
            if ext == ".br":
                smallest = len(packed)
        after += smallest
    return files, before, after


def remove_orphans(site: Path) -> int:
    """Delete .br/.gz files whose original is gone (a page removed since the last build)."""
    removed = 0
    for ext in ENCODINGS:
        for packed in site.rglob("*" + ext):
            original = packed.with_name(packed.name[: -len(ext)])
            if original.suffix in SUFFIXES and not original.is_file():
                packed.unlink()
                removed += 1
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Pre-compress the built site / 预压缩网站文件")
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--cache", type=Path, default=Path(".cache/precompress"),
                        help="where big files' compressed forms are kept between builds")
    args = parser.parse_args(argv)
    start = time.monotonic()
    removed = remove_orphans(args.site)
    files, before, after = precompress(args.site, args.cache)
    print(f"[precompress] {files} files, {before / 1e6:.2f} MB → {after / 1e6:.2f} MB with brotli "
          f"({removed} stale removed), {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

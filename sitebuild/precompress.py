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
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sitebuild import compressed
from sitebuild.compressed import ENCODINGS

#: Text formats and WebAssembly; ``.zip`` only for Pyodide's stored-uncompressed standard library.
SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm",
                      ".webmanifest", ".map", ".py", ".zip"})
#: The smallest useful saving, as a fraction of the original size (a ``.zip`` that is already
#: deflated saves nothing; a tiny file saves a few bytes that cost a request's worth of headers).
MIN_SAVING = 0.10
#: Files at least this big (Pyodide's, rebuilt into site/ by every build) have their compressed
#: forms kept in the content-addressed store (sitebuild/compressed.py), shared with the runtime
#: manifest: brotli 11 on the .wasm takes ~30 s and runs once per content.
CACHE_FROM_BYTES = compressed.STORE_FROM_BYTES


def candidates(site: Path) -> list[Path]:
    """Files worth compressing: known suffixes, not inside dot folders (``.deploy/``)."""
    found = []
    for path in site.rglob("*"):
        rel = path.relative_to(site)
        if path.is_file() and path.suffix in SUFFIXES and not any(p.startswith(".") for p in rel.parts):
            found.append(path)
    return sorted(found)


def compress_file(original: Path, cache: Path | None) -> tuple[int, int]:
    """Write (or remove) the ``.br`` and ``.gz`` of one file; return (bytes, bytes with brotli)."""
    data = original.read_bytes()
    smallest = len(data)
    for ext in ENCODINGS:
        target = original.with_name(original.name + ext)
        packed = compressed.packed(data, original.suffix, ext, cache)
        if len(packed) > len(data) * (1 - MIN_SAVING):
            target.unlink(missing_ok=True)
            continue
        if not (target.is_file() and target.read_bytes() == packed):
            target.write_bytes(packed)
        if ext == ".br":
            smallest = len(packed)
    return len(data), smallest


def precompress(site: Path, cache: Path | None = None, jobs: int | None = None) -> tuple[int, int, int]:
    """Compress every candidate over ``jobs`` processes (default: every core), biggest first so the
    longest file starts at once; return (files, bytes before, bytes after with brotli where written)."""
    files = sorted(candidates(site), key=lambda p: -p.stat().st_size)
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < 2:
        sizes = [compress_file(path, cache) for path in files]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            sizes = list(pool.map(compress_file, files, [cache] * len(files), chunksize=4))
    return len(files), sum(b for b, _ in sizes), sum(a for _, a in sizes)

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
    parser.add_argument("--cache", type=Path, default=compressed.STORE,
                        help="the content-addressed store of big files' compressed forms (shared with the runtime manifest)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: every core)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    removed = remove_orphans(args.site)
    files, before, after = precompress(args.site, args.cache, args.jobs)
    print(f"[precompress] {files} files, {before / 1e6:.2f} MB → {after / 1e6:.2f} MB with brotli "
          f"({removed} stale removed), {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write ``.br`` and ``.gz`` beside every text and WebAssembly file of the built site.

Why at build time: a server that picks ``x.br``/``x.gz`` by ``Accept-Encoding`` (nginx
``brotli_static``/``gzip_static``, deploy/nginx.conf) then sends the smallest form with no CPU per
request, and brotli
at its best level, too slow to run per request, shrinks Pyodide's ``.wasm`` to about a third (the runtime page states both sizes).
Output is reproducible (gzip with mtime 0 and no file name; brotli has no header fields), and a
compressed file that would not save at least ``MIN_SAVING`` of its original is not written (any old
one is removed), so a server falls back to the original.

    python -m sitebuild.precompress --site site
"""

from __future__ import annotations

import argparse
import hashlib
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sitebuild import compressed
from sitebuild.compressed import ENCODINGS

#: Text formats and WebAssembly; ``.zip`` only for Pyodide's stored-uncompressed standard library.
#: Not ``.map``: a source map is fetched only by a browser's developer tools, never by a reader's
#: page, and the theme's maps (one copy per edition) cost brotli 11 work in every build for nothing.
SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm",
                      ".webmanifest", ".py", ".zip"})
#: The smallest useful saving, as a fraction of the original size (a ``.zip`` that is already
#: deflated saves nothing; a tiny file saves a few bytes that cost a request's worth of headers).
MIN_SAVING = 0.10
#: Files at least this big (Pyodide's, rebuilt into site/ by every build) have their compressed
#: forms kept in the content-addressed store (sitebuild/compressed.py), shared with the runtime
#: manifest: brotli 11 on the .wasm is most of the cold manifest step and runs once per content
#: (``.venv/bin/python -m bench.user_cache_costs``, dev/results/user-cache.md).
CACHE_FROM_BYTES = compressed.STORE_FROM_BYTES
#: The folder of the self-hosted Pyodide (sitebuild/calculator_runtime.py): its files are the pinned npm
#: package's or made from it, so their ``.gz`` too is kept in the user's cache like their ``.br``
#: (``pinned``; sitebuild/user_cache.py): their gzip 9 runs once per machine, not in each fresh clone
#: (``.venv/bin/python -m bench.cpu_time .venv/bin/python -m sitebuild.precompress --site site`` with an
#: empty and a warm ``XDG_CACHE_HOME``).
PINNED_FOLDER = "pyodide"


#: Folders of the theme's that no page loads: Material copies its lunr search languages, but the
#: site searches with Pagefind (``plugins: []``), and the service worker skips them too.
UNUSED_FOLDERS = ("assets/javascripts/lunr/",)


def is_candidate(site: Path, path: Path) -> bool:
    """A file worth compressing: a known suffix, not inside dot folders (``.deploy/``) nor in
    :data:`UNUSED_FOLDERS`."""
    rel = path.relative_to(site)
    return (path.suffix in SUFFIXES and not any(p.startswith(".") for p in rel.parts)
            and not any(f"/{folder}" in f"/{rel.as_posix()}" for folder in UNUSED_FOLDERS))


def candidates(site: Path) -> list[Path]:
    """Every file :func:`is_candidate` keeps."""
    return sorted(path for path in site.rglob("*") if path.is_file() and is_candidate(site, path))


def compress_file(original: Path, cache: Path | None, copies: tuple[Path, ...] = (),
                  pinned: bool = False) -> tuple[int, int]:
    """Write (or remove) the ``.br`` and ``.gz`` of one file, and the same bytes beside each of its
    ``copies`` (files with the same content and suffix); return (bytes, bytes with brotli) of one.
    ``pinned``: the file is a pinned package's (or made from one only): see :data:`PINNED_FOLDER`."""
    data = original.read_bytes()
    smallest = len(data)
    for ext in ENCODINGS:
        packed = compressed.packed(data, original.suffix, ext, cache, pinned=pinned)
        for path in (original, *copies):
            target = path.with_name(path.name + ext)
            if len(packed) > len(data) * (1 - MIN_SAVING):
                target.unlink(missing_ok=True)
            elif not (target.is_file() and target.read_bytes() == packed):
                target.write_bytes(packed)
        if ext == ".br" and len(packed) <= len(data) * (1 - MIN_SAVING):
            smallest = len(packed)
    return len(data), smallest


def same_content(files: list[Path]) -> list[tuple[Path, tuple[Path, ...]]]:
    """``files`` grouped by content and suffix, in the order given: (first, its copies). The two
    editions share the theme's assets and Pagefind's scripts byte for byte (pre-compression prints how many):
    each content is compressed once."""
    groups: dict[tuple[bytes, str], list[Path]] = {}
    for path in files:
        groups.setdefault((hashlib.sha256(path.read_bytes()).digest(), path.suffix), []).append(path)
    return [(paths[0], tuple(paths[1:])) for paths in groups.values()]


def precompress(site: Path, cache: Path | None = None, jobs: int | None = None) -> tuple[int, int, int]:
    """Compress every candidate over ``jobs`` processes (default: every core), each content once,
    biggest first so the longest file starts at once; return (files, bytes before, bytes after with
    brotli where written), counting every copy."""
    files = sorted(candidates(site), key=lambda p: -p.stat().st_size)
    groups = same_content(files)
    jobs = jobs or os.cpu_count() or 1
    pinned = [path.relative_to(site).parts[0] == PINNED_FOLDER for path, _ in groups]
    if jobs == 1 or len(groups) < 2:
        sizes = [compress_file(path, cache, copies, pin) for (path, copies), pin in zip(groups, pinned)]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            sizes = list(pool.map(compress_file, [g[0] for g in groups], [cache] * len(groups),
                                  [g[1] for g in groups], pinned, chunksize=4))
    counts = [1 + len(copies) for _, copies in groups]
    return len(files), sum(n * b for n, (b, _) in zip(counts, sizes)), sum(n * a for n, (_, a) in zip(counts, sizes))


def remove_orphans(site: Path) -> int:
    """Delete .br/.gz files whose original is gone (a page removed since the last build), or whose
    original is no longer compressed (not a candidate any more, as source maps) and which
    hold exactly that original (so no file another tool wrote is touched)."""
    removed = 0
    for ext in ENCODINGS:
        for packed in site.rglob("*" + ext):
            original = packed.with_name(packed.name[: -len(ext)])
            if not original.is_file():
                stale = original.suffix in SUFFIXES
            elif is_candidate(site, original):
                stale = False
            else:
                stale = _unpacked(packed, ext) == original.read_bytes()
            if stale:
                packed.unlink()
                removed += 1
    return removed


def _unpacked(packed: Path, ext: str) -> bytes | None:
    import gzip

    import brotli

    try:
        data = packed.read_bytes()
        return gzip.decompress(data) if ext == ".gz" else brotli.decompress(data)
    except (OSError, EOFError, brotli.error):
        return None


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

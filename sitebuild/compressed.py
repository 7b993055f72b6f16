"""One compressor for the whole build, content-addressed: each input is compressed once.

Why: the runtime manifest states the brotli size of every file the calculator downloads, and
pre-compression ships the ``.br`` of the same files. Both ask here, so the size a page states is the
length of the very bytes the host sends, and brotli 11 on Pyodide's 9.6 MB wasm (~30 s of CPU)
runs once per content, not once per step. Big outputs are kept in :data:`STORE` under the sha256 of
their input plus the encoding's parameters; small ones are cheaper to compress again than to look up.

Two processes that ask for the same big output at once (the real build and the engines test's
build start cold together in CI) do not both compress it: a lock per key (``user_cache.lock``, the
same lock the user cache takes) makes the second wait for the first and read its stored bytes.

Outputs whose input comes from a pinned package (``pinned=True``: Pyodide's npm files and the
reduced standard library made from them) are also kept in the user's cache folder
(sitebuild/user_cache.py), so a fresh clone does not spend ~45 s of CPU on brotli 11 of the same
bytes again. An entry there is used only if it decompresses to the exact input.

Output is reproducible: gzip with mtime 0 and no file name; brotli has no header fields.
"""

from __future__ import annotations

import gzip as _gzip
import hashlib
import io
import os
import zlib
from collections.abc import Iterable
from concurrent.futures import Executor, Future
from pathlib import Path

import brotli as _brotli

from sitebuild import user_cache

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / ".cache" / "compressed"
#: Brotli's best level: too slow per request, right for files compressed once at build time.
BROTLI_QUALITY = 11
GZIP_LEVEL = 9
#: Suffixes brotli compresses in its generic mode; every other one is UTF-8 text (text mode).
BINARY_SUFFIXES = frozenset({".wasm", ".zip", ".whl"})
#: Inputs at least this big have their output stored (Pyodide's files); smaller ones are redone.
STORE_FROM_BYTES = 256 * 1024
ENCODINGS = (".br", ".gz")


def _brotli_mode(suffix: str) -> int:
    return _brotli.MODE_GENERIC if suffix in BINARY_SUFFIXES else _brotli.MODE_TEXT


def _make(data: bytes, suffix: str, encoding: str) -> bytes:
    if encoding == ".gz":
        out = io.BytesIO()
        with _gzip.GzipFile(filename="", mode="wb", compresslevel=GZIP_LEVEL, fileobj=out, mtime=0) as f:
            f.write(data)
        return out.getvalue()
    return _brotli.compress(data, mode=_brotli_mode(suffix), quality=BROTLI_QUALITY)


def store_key(data: bytes, suffix: str, encoding: str) -> str:
    """The store's file name: the input's sha256 and every parameter that changes the output, the
    encoder's version included (the user cache outlives a brotli upgrade)."""
    digest = hashlib.sha256(data).hexdigest()
    if encoding == ".gz":
        return f"{digest}.gz{GZIP_LEVEL}-zlib{zlib.ZLIB_RUNTIME_VERSION}.gz"
    return f"{digest}.q{BROTLI_QUALITY}m{_brotli_mode(suffix)}-brotli{_brotli.__version__}.br"


def unpacks_to(out: bytes, data: bytes, encoding: str) -> bool:
    """Whether ``out`` decompresses to exactly ``data`` (a user-cache entry is checked so before use:
    ~30 ms for the wasm)."""
    try:
        return (_gzip.decompress(out) if encoding == ".gz" else _brotli.decompress(out)) == data
    except (OSError, EOFError, _brotli.error):
        return False


def user_store() -> Path | None:
    """Where outputs of pinned inputs are shared between clones, or ``None`` (turned off)."""
    top = user_cache.root()
    return None if top is None else top / "compressed"


def packed(data: bytes, suffix: str, encoding: str, store: Path | None = STORE, pinned: bool = False) -> bytes:
    """``data`` compressed with ``encoding`` (".br" or ".gz"), from the store when done before.

    ``suffix`` is the original file's (".wasm", ".html"): it picks brotli's mode. A big output another
    process is making right now is waited for, not made again. ``pinned``: the input is a pinned
    package's file, so the output is also looked for in, and written to, the user's cache."""
    if store is None or len(data) < STORE_FROM_BYTES:
        return _make(data, suffix, encoding)
    key = store_key(data, suffix, encoding)
    kept = store / key
    if kept.is_file():
        return kept.read_bytes()
    with user_cache.lock(store, key):  # one process compresses, the others wait and read it
        if kept.is_file():  # made by the process this one waited for
            return kept.read_bytes()
        shared = user_store() if pinned else None
        if shared is None:
            out = _make(data, suffix, encoding)
        else:
            out = user_cache.get_or_make(shared, key, lambda entry: unpacks_to(entry, data, encoding),
                                         lambda: _make(data, suffix, encoding))
        partial = kept.with_name(f"{key}.{os.getpid()}.part")
        partial.write_bytes(out)
        os.replace(partial, kept)  # atomic: a reader without the lock sees all of it or nothing
    return out


def brotli(data: bytes, suffix: str, store: Path | None = STORE, pinned: bool = False) -> bytes:
    return packed(data, suffix, ".br", store, pinned)


def missing(items: Iterable[tuple[bytes, str]], encodings: tuple[str, ...] = (".br",),
            store: Path = STORE) -> list[tuple[bytes, str, str]]:
    """The big (data, suffix, encoding) jobs the store lacks, biggest first (the wasm starts at once)."""
    todo = [(data, suffix, enc) for data, suffix in items for enc in encodings
            if len(data) >= STORE_FROM_BYTES and not (store / store_key(data, suffix, enc)).is_file()]
    return sorted(todo, key=lambda job: -len(job[0]))


def submit_missing(pool: Executor, items: Iterable[tuple[bytes, str]], encodings: tuple[str, ...] = (".br",),
                   store: Path = STORE, pinned: bool = False) -> list[Future[bytes]]:
    """Queue :func:`missing` on ``pool`` (a process pool: brotli holds the GIL) and return at once."""
    return [pool.submit(packed, data, suffix, enc, store, pinned) for data, suffix, enc in missing(items, encodings, store)]

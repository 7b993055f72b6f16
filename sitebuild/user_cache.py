"""A cache in the user's cache folder for build outputs made only from pinned package files.

Why: a fresh clone (every CI run) would otherwise redo, cold, work whose inputs are the same in
every clone: brotli 11 of Pyodide's npm files (most of it the wasm's) and the reduced standard
library built from Pyodide's zip: the cold and warm manifest step's CPU is in dev/results/user-cache.md
(``.venv/bin/python -m bench.user_cache_costs --markdown dev/results/user-cache.md``). Like pip's and npm's caches, this one lives in
``${XDG_CACHE_HOME:-~/.cache}/weilidai-guide/`` and outlives the clone. What may go here: outputs
whose input is a pinned package's file (``node_modules/pyodide``) or made from one; page content
stays in the clone's own ``.cache/``.

Rules, so a cache entry can never change what ships:
- an entry's name is a content key (a hash of the input and of every parameter of the making);
- every read is checked by the caller's ``verify`` (a brotli output must decompress to the exact
  input); an entry that fails is deleted and made again, never returned;
- writes are atomic (a temporary file renamed), so a reader sees all of an entry or nothing;
- :data:`MAX_BYTES` bounds the folder: after each write the entries used least recently (a read
  refreshes an entry's time) are removed until the rest fit;
- ``WLD_NO_USER_CACHE=1`` turns it off (:func:`root` is ``None``): everything is made in the clone.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

#: The whole cache's bound: several Pyodide versions' outputs (``du -sh`` the folder to see one's).
MAX_BYTES = 128 * 1024 * 1024
OFF_VARIABLE = "WLD_NO_USER_CACHE"
#: A folder of pinned tools (the uv installer, sitebuild/installer.py): one per version, replaced
#: when the pin changes, outside the bound (evicting half a tool would break it).
TOOLS = "tools"


def root() -> Path | None:
    """The cache folder, or ``None`` when turned off."""
    if os.environ.get(OFF_VARIABLE, "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "weilidai-guide"


def get(folder: Path, key: str, verify: Callable[[bytes], bool]) -> bytes | None:
    """The entry ``folder/key`` if it passes ``verify`` (its use time refreshed); a failing entry is
    deleted. ``None`` when absent or failing."""
    path = folder / key
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not verify(data):
        path.unlink(missing_ok=True)
        return None
    try:
        os.utime(path)
    except OSError:
        pass
    return data


def get_or_make(folder: Path, key: str, verify: Callable[[bytes], bool], make: Callable[[], bytes]) -> bytes:
    """The entry ``folder/key`` if it passes ``verify``, else ``make()``'s bytes, stored. Under the
    key's lock: a second process (another clone) asking meanwhile waits, then reads the entry."""
    with lock(folder, key):
        data = get(folder, key, verify)
        if data is None:
            data = make()
            put(folder, key, data)
    return data


def put(folder: Path, key: str, data: bytes, max_bytes: int = MAX_BYTES) -> None:
    """Store ``data`` as ``folder/key`` atomically, then bound the whole cache (:func:`evict`). A cache
    that cannot be written (read-only home, full disk) is skipped: the build has its output anyway."""
    partial = folder / f".{key}.{os.getpid()}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, folder / key)
    except OSError:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        return
    cache = root()
    evict(cache if cache is not None and folder.is_relative_to(cache) else folder, max_bytes)


def entries(top: Path) -> list[Path]:
    """Every entry under ``top`` (not the lock files, not a write in progress, not :data:`TOOLS`)."""
    return [p for p in top.rglob("*") if p.is_file() and not p.name.startswith(".") and p.parent.name != "locks"
            and p.relative_to(top).parts[0] != TOOLS]


def evict(top: Path, max_bytes: int = MAX_BYTES) -> list[Path]:
    """Remove the least recently used entries under ``top`` until the others fit in ``max_bytes``;
    the most recent one always stays. Returns what was removed."""
    def used(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0
    kept = sorted(entries(top), key=used, reverse=True)
    total, removed = 0, []
    for i, path in enumerate(kept):
        try:
            total += path.stat().st_size
        except OSError:
            continue
        if i and total > max_bytes:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


@contextmanager
def lock(folder: Path, key: str) -> Iterator[None]:
    """Hold a lock for ``key`` (one of 256 lock files, by the key's first two characters, so their
    number stays bounded): a second process making the same entry waits, then reads it."""
    locks = folder / "locks"
    try:
        locks.mkdir(parents=True, exist_ok=True)
        handle = open(locks / key[:2], "a")
    except OSError:
        handle = None
    if handle is None:  # an unwritable cache: no sharing, and nothing to wait for
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

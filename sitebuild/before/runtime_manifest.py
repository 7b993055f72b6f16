"""The calculator runtime's manifest, computed before the engine runs: where Pyodide and the wheel
will sit in the site, the trimmed lock file, and the brotli size of every file the widget downloads.

Why before: the calculator fence states the download size ("about 3.4 MB") and hands the widget
per-file sizes for its progress bar. Computed here from the same bytes the runtime step later copies
(the reproducible wheel, the reduced standard library, the npm Pyodide files, worker.js and the
renderer), the fence writes final values and no later step has to rewrite pages.

Cached by a hash of every input file (.cache/sitebuild/), so a warm build only hashes files.
    python -m sitebuild.before.runtime_manifest     # print the manifest
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from sitebuild import calculator_runtime as runtime

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "sitebuild"


@dataclass(frozen=True)
class RuntimeManifest:
    """What the fence writes into a widget (paths relative to the shared site root)."""

    pyodide_dir: str
    wheel: str
    lock: str            # trimmed pyodide-lock.json, JSON text
    download: str        # {"files": {name: [bytes, brotli bytes, sha256]}, "total": brotli bytes}, JSON text
    download_mb: str     # the total as the page states it, "3.4"


def _inputs() -> list[Path]:
    npm = [runtime.PYODIDE_NPM / name for name in (*runtime.PYODIDE_FILES, "package.json", "pyodide-lock.json")]
    return [*runtime.source_files(), *npm, runtime.STDLIB_FILES, *runtime.STDLIB_BUILDERS,
            runtime.WORKER, runtime.RENDERER, Path(__file__),
            runtime.ROOT / "sitebuild" / "compressed.py"]


def input_key() -> str:
    """Hash of every file the manifest is computed from (names and bytes)."""
    digest = hashlib.sha256()
    for path in _inputs():
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def compute() -> RuntimeManifest:
    """The manifest from the source files (slow when cold: wheel, reduced stdlib, brotli 11).

    Both cores: the brotli of Pyodide's npm files (the wasm is the long pole) runs in a process
    pool while this process builds the reduced stdlib (node) and the wheel; the sizes are then
    read from the compressor's store, where pre-compression later finds the same bytes."""
    from concurrent.futures import ProcessPoolExecutor

    from sitebuild import compressed  # not at the top: the fence imports this module in engine venvs without brotli

    npm = {name: (runtime.PYODIDE_NPM / name).read_bytes() for name in runtime.PYODIDE_FILES if name != runtime.STDLIB_ZIP}
    with ProcessPoolExecutor(max_workers=1) as pool:
        # Pyodide's files and the reduced stdlib made from them are pinned: their brotli outputs are
        # shared with other clones through the user's cache (sitebuild/user_cache.py); the wheel is not.
        npm_packed = compressed.submit_missing(pool, [(data, Path(name).suffix) for name, data in npm.items()],
                                               pinned=True)
        built = {runtime.STDLIB_ZIP: runtime.reduced_stdlib(),
                 runtime.wheel_filename(): runtime.wheel_bytes()}  # reproducible, cached per source digest
        for name, data in built.items():
            for _, suffix, enc in compressed.missing([(data, Path(name).suffix)]):
                compressed.packed(data, suffix, enc, pinned=name == runtime.STDLIB_ZIP)
        for future in npm_packed:
            future.result()
    sources = {name: npm[name] if name in npm else built[name] for name in runtime.PYODIDE_FILES}
    sources[runtime.wheel_filename()] = built[runtime.wheel_filename()]
    sources[runtime.WORKER.name] = runtime.WORKER.read_bytes()
    sources[runtime.RENDERER.name] = runtime.RENDERER.read_bytes()
    paths = runtime.runtime_paths()
    files = {name: [len(data), runtime.brotli_size(data, name), hashlib.sha256(data).hexdigest()]
             for name, data in sources.items()}
    total = sum(int(entry[1]) for entry in files.values())
    download = json.dumps({"total": total, "files": files}, separators=(",", ":"), sort_keys=True)
    return RuntimeManifest(paths.pyodide_dir, paths.wheel, paths.lock, download, runtime.megabytes(total))


@lru_cache(maxsize=1)
def current() -> RuntimeManifest:
    """The manifest for the current inputs, from the cache when it is there.

    A lock file makes a second build that starts meanwhile (./scripts/test runs the engines test
    beside the main build) wait for this one's result instead of compressing the wasm again."""
    import fcntl

    cached = CACHE / f"runtime-{input_key()}.json"
    if not cached.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        with open(CACHE / "runtime.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not cached.is_file():
                partial = cached.with_suffix(f".{os.getpid()}.part")
                partial.write_text(json.dumps(asdict(compute()), indent=1), encoding="utf-8")
                partial.replace(cached)
    return RuntimeManifest(**json.loads(cached.read_text(encoding="utf-8")))


def main() -> int:
    manifest = current()
    print(f"runtime manifest: {manifest.pyodide_dir}  {manifest.wheel}  download {manifest.download_mb} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build the calculators wheel and put it, with the self-hosted Pyodide, into the built site.

Why here and not ``pyodide build``: pyodide-build needs Python >= 3.12 and downloads its
cross-build environment and emsdk from the internet even for a pure-Python package. The
package is pure Python (``py3-none-any``), so the standard ``build`` backend makes the same
wheel; Pyodide installs it from a relative URL with ``loadPackage()`` and resolves nothing.

Layout inside the site root (one copy, shared by the zh edition at / and the en one at /en/):
    pyodide/<version>-<digest>/   four runtime files of the npm ``pyodide`` package, with a reduced
                                  python_stdlib.zip (the files in calculator_stdlib/files.txt, stripped
                                  and compiled to .pyc: :func:`shipped_members`)
    wheels/<sha256>/*.whl         the calculators wheel, in a folder named by the sha256 of its bytes
Both paths change whenever their content does, so they can be cached forever ("immutable"). The
wheel's folder is named by its *bytes* (not its sources): a damaged upload re-deployed right, or a
rollback and roll-forward, can never leave a reader with a wrong copy under a right name. The wheel
is reproducible (fixed timestamps), built once per source digest and kept in .cache/calculator-wheel/.
The fence (sitebuild/markdown/) gets the same paths from sitebuild/before/runtime_manifest.py; the
lock file is not shipped: the page hands the worker a trimmed one (:func:`trimmed_lock`).
The pages' download size comes from that manifest too, before the engine runs; :func:`download_files`
measures what was actually published (the tests compare the two).

    python -m sitebuild.calculator_runtime --site site     # build the wheel, copy both into site/
    python -m sitebuild.calculator_runtime --wheel dist    # only build the wheel into dist/
    python -m sitebuild.calculator_runtime --record-stdlib # re-record calculator_stdlib/files.txt
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sitebuild import installer, user_cache

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "calculators"
PYPROJECT = ROOT / "pyproject.toml"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
#: What a module worker needs to start Pyodide and run the standard library: no source maps,
#: no consoles, no CommonJS build, no lock file (inlined, trimmed). python_stdlib.zip is rebuilt.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
STDLIB_ZIP = "python_stdlib.zip"
#: The standard-library files the calculator imports in Pyodide, recorded (see --record-stdlib).
STDLIB_DIR = ROOT / "sitebuild" / "calculator_stdlib"
STDLIB_FILES = STDLIB_DIR / "files.txt"
STDLIB_RECORDER = STDLIB_DIR / "run_in_pyodide.mjs"
#: Builds the reduced zip in Pyodide's Python, comments and docstrings stripped (strip_sources.py),
#: every module compiled to a sourceless .pyc.
STDLIB_STRIPPER = STDLIB_DIR / "strip_in_pyodide.mjs"
STDLIB_BUILDERS = (STDLIB_DIR / "strip_sources.py", STDLIB_STRIPPER)
STDLIB_CACHE = ROOT / ".cache" / "calculator-stdlib"
WHEEL_CACHE = ROOT / ".cache" / "calculator-wheel"
RENDERER = ROOT / "sitebuild" / "markdown" / "calculator_render.py"
WORKER = ROOT / "overrides" / "assets" / "calculator" / "worker.js"
#: The build backend the isolated ``build`` environment installs, pinned so the wheel is reproducible.
SETUPTOOLS_PIN = "setuptools==84.2.1"
#: Fixed zip timestamps (2026-01-01) so the same sources give the same wheel bytes.
SOURCE_DATE_EPOCH = "1767225600"


@dataclass(frozen=True)
class RuntimePaths:
    """Where the runtime lives, relative to the shared site root (POSIX, with trailing slash for dirs)."""

    pyodide_dir: str
    wheel: str
    lock: str = "{}"  # the trimmed lock file, as JSON text for the worker


def pyodide_version() -> str:
    return str(json.loads((PYODIDE_NPM / "package.json").read_text(encoding="utf-8"))["version"])


def _project() -> dict[str, str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return {"name": project["name"], "version": project["version"]}


def wheel_filename() -> str:
    """The wheel name the build backend gives (PEP 427: name normalised with underscores)."""
    project = _project()
    name = project["name"].replace("-", "_").replace(".", "_").lower()
    return f"{name}-{project['version']}-py3-none-any.whl"


def source_files() -> list[Path]:
    """What goes into the wheel: the package's modules plus the project metadata."""
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts) + [PYPROJECT]


def source_digest() -> str:
    """A short hash of everything the wheel is built from: its folder name in the site."""
    digest = hashlib.sha256()
    for path in source_files():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def stdlib_files() -> list[str]:
    """Members of Pyodide's python_stdlib.zip the reduced zip keeps (comments and blanks skipped)."""
    lines = STDLIB_FILES.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def shipped_members() -> list[str]:
    """The reduced zip's members: :func:`stdlib_files`, each ``.py`` shipped as its sourceless ``.pyc``
    (the reader's first start imports bytecode instead of compiling it in WebAssembly)."""
    return [name + "c" if name.endswith(".py") else name for name in stdlib_files()]


def reduced_stdlib() -> bytes:
    """python_stdlib.zip with only :func:`stdlib_files`, their comments and docstrings stripped and
    compiled to bytecode (:func:`shipped_members`), *stored* (not deflated) so that brotli on the wire
    compresses the members as one stream, with fixed timestamps.

    Built by Pyodide's own Python under node (the sources are Python 3.14; see strip_sources.py for
    what is stripped and how each file is checked), the largest part of the cold manifest step after
    the wasm's brotli (``.venv/bin/python -m bench.user_cache_costs``), so cached by the hash of everything
    it is made from: in the clone's .cache/, and in the user's cache folder (sitebuild/user_cache.py;
    its inputs are the pinned npm package and tracked files, so every fresh clone would build the
    same bytes), where an entry is used only if :func:`is_reduced_stdlib` accepts it.
    """
    digest = hashlib.sha256()
    for path in (PYODIDE_NPM / "package.json", PYODIDE_NPM / STDLIB_ZIP, STDLIB_FILES, *STDLIB_BUILDERS):
        digest.update(path.read_bytes())
    key = f"{digest.hexdigest()[:24]}.zip"
    cached = STDLIB_CACHE / key
    if not cached.is_file():
        top = user_cache.root()
        if top is None:
            data = _build_reduced_stdlib()
        else:
            data = user_cache.get_or_make(top / "calculator-stdlib", key, is_reduced_stdlib, _build_reduced_stdlib)
        STDLIB_CACHE.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(cached)
    return cached.read_bytes()


def _build_reduced_stdlib() -> bytes:
    with tempfile.TemporaryDirectory(prefix="calc-stdlib-") as tmp:
        out = Path(tmp) / STDLIB_ZIP
        done = subprocess.run(["node", str(STDLIB_STRIPPER), str(ROOT), str(STDLIB_FILES), str(out)],
                              capture_output=True, text=True, timeout=600)
        if done.returncode or not out.is_file():
            raise RuntimeError(f"reduced stdlib build failed / 精简标准库构建失败:\n{(done.stdout + done.stderr)[-3000:]}")
        return out.read_bytes()


#: A sourceless .pyc made with ``PycInvalidationMode.UNCHECKED_HASH``: flags word 1 (PEP 552).
_UNCHECKED_HASH_FLAGS = (1).to_bytes(4, "little")


def is_reduced_stdlib(data: bytes) -> bool:
    """Whether ``data`` is a reduced zip as :func:`reduced_stdlib` makes it: exactly
    :func:`shipped_members`, in order, stored, every CRC right, fixed timestamps, each ``.pyc``
    unchecked-hash with one magic number. A damaged cache entry fails this; unlike a brotli output it
    cannot be checked against its input without building it again (the user cache holds what pip's
    and npm's caches beside it hold: files only this user writes)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zipped:
            infos = zipped.infolist()
            if [info.filename for info in infos] != shipped_members() or zipped.testzip() is not None:
                return False
            if any(info.compress_type != zipfile.ZIP_STORED or info.date_time != (2026, 1, 1, 0, 0, 0) for info in infos):
                return False
            heads = {zipped.read(info)[:8] for info in infos if info.filename.endswith(".pyc")}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return len({head[:4] for head in heads}) == 1 and all(head[4:8] == _UNCHECKED_HASH_FLAGS for head in heads)


def harness_stdlib() -> bytes:
    """Every other member of the full zip: what the unit tests' harness (unittest, difflib, ...) needs in
    Pyodide on top of the shipped zip. Tests only; never shipped."""
    keep = set(stdlib_files())
    out = io.BytesIO()
    with zipfile.ZipFile(PYODIDE_NPM / STDLIB_ZIP) as full, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as rest:
        for info in full.infolist():
            if info.filename not in keep:
                rest.writestr(info.filename, full.read(info))
    return out.getvalue()


def trimmed_lock() -> dict[str, object]:
    """The lock file Pyodide needs to start: its ``info`` (checked against the runtime's ABI) and no
    packages (the wheel is unpacked directly, nothing is resolved): less to download (the runtime
    page states every file's brotli size)."""
    lock = json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))
    return {"info": lock["info"], "packages": {}}


def runtime_digest() -> str:
    """Hash of what the runtime folder holds beyond the npm version: the stdlib list, how it is
    stripped (a change there changes the zip's bytes, and the folder is cached as immutable), the lock."""
    digest = hashlib.sha256("\n".join(stdlib_files()).encode())
    for path in STDLIB_BUILDERS:
        digest.update(path.read_bytes())
    digest.update(json.dumps(trimmed_lock(), sort_keys=True).encode())
    return digest.hexdigest()[:10]


def wheel_bytes() -> bytes:
    """The wheel the current sources make, built once per :func:`source_digest` (the page hook asks
    for its name while MkDocs builds, before the runtime is copied)."""
    cached = WHEEL_CACHE / source_digest() / wheel_filename()
    if not cached.is_file():
        with tempfile.TemporaryDirectory(prefix="calc-dist-") as tmp:
            built = build_wheel(Path(tmp))
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.part")
            shutil.copyfile(built, partial)
            partial.replace(cached)
    return cached.read_bytes()


def wheel_digest() -> str:
    """The wheel folder's name: the first 16 hex digits of the sha256 of the wheel's bytes."""
    return hashlib.sha256(wheel_bytes()).hexdigest()[:16]


def runtime_paths() -> RuntimePaths:
    return RuntimePaths(
        pyodide_dir=f"pyodide/{pyodide_version()}-{runtime_digest()}/",
        wheel=f"wheels/{wheel_digest()}/{wheel_filename()}",
        lock=json.dumps(trimmed_lock(), separators=(",", ":"), sort_keys=True),
    )


def build_wheel(outdir: Path) -> Path:
    """Build the pure-Python wheel with the standard ``build`` frontend from a clean copy of the sources.

    A copy keeps build/ and *.egg-info out of the work tree and lets two builds run at once. The
    isolated build environment is made by the pinned uv when it is installed (sitebuild/installer.py;
    ./scripts/setup installs it), else by pip: the same setuptools pin, the same wheel bytes, and
    less CPU in every fresh clone. Compare the two with ``.venv/bin/python -m bench.cpu_time
    .venv/bin/python -m build --wheel --installer uv calculators-copy`` against ``--installer pip``
    on a copy of the sources (``UV_CONSTRAINT=requirements/constraints.txt`` for uv).
    """
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="calc-wheel-") as tmp:
        src = Path(tmp) / "src"
        for path in source_files():
            target = src / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        constraints = Path(tmp) / "constraints.txt"
        constraints.write_text(SETUPTOOLS_PIN + "\n", encoding="utf-8")
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PIP_CONSTRAINT": str(constraints),
               "UV_CONSTRAINT": str(constraints), "PYTHONDONTWRITEBYTECODE": "1"}
        frontend = [sys.executable, "-m", "build", "--wheel"]
        uv = installer.installed()
        if uv is not None:  # same wheel bytes, less CPU than pip's isolated env (build_wheel)
            frontend += ["--installer", "uv"]
            env["PATH"] = f"{uv.parent}{os.pathsep}{env.get('PATH', '')}"
        done = subprocess.run([*frontend, "--outdir", str(outdir), str(src)], env=env, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stdout + done.stderr)
            raise RuntimeError("wheel build failed / 构建 wheel 失败")
    wheel = outdir / wheel_filename()
    if not wheel.is_file():
        raise RuntimeError(f"build did not produce {wheel.name} / 构建未生成 {wheel.name}")
    return wheel


def install_runtime(site_root: Path) -> RuntimePaths:
    """Copy Pyodide and a freshly built wheel into ``site_root`` at :func:`runtime_paths`."""
    paths = runtime_paths()
    missing = [f for f in PYODIDE_FILES if not (PYODIDE_NPM / f).is_file()]
    if missing:
        raise RuntimeError(f"node_modules/pyodide lacks {missing}: run ./scripts/setup / 请先运行 ./scripts/setup")
    pyodide_dir = site_root / paths.pyodide_dir
    pyodide_dir.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        if name == STDLIB_ZIP:
            (pyodide_dir / name).write_bytes(reduced_stdlib())
        else:
            shutil.copy2(PYODIDE_NPM / name, pyodide_dir / name)
    wheel_target = site_root / paths.wheel
    wheel_target.parent.mkdir(parents=True, exist_ok=True)
    wheel_target.write_bytes(wheel_bytes())
    return paths


def brotli_size(data: bytes, name: str) -> int:
    """Bytes after brotli 11 as pre-compression ships them (same compressor, same mode for the file
    name's suffix, same stored bytes: sitebuild/compressed.py); the wasm's is most of the cold manifest step, made once per content
    (``.venv/bin/python -m bench.user_cache_costs``)."""
    from sitebuild import compressed  # brotli: WeasyPrint's dependency; loaded only when sizes are asked

    return len(compressed.brotli(data, Path(name).suffix, compressed.STORE))


def download_files(site_root: Path, paths: RuntimePaths) -> dict[str, tuple[int, int, str]]:
    """Every file the worker downloads before its first result: {site path: (bytes, brotli bytes,
    sha256 hex)}. The worker checks each file's size and hash against these (runtime integrity)."""
    wanted = [paths.pyodide_dir + name for name in PYODIDE_FILES] + [paths.wheel]
    wanted += ["assets/calculator/worker.js", "assets/calculator/" + RENDERER.name]
    sizes = {}
    for rel in wanted:
        data = (site_root / rel).read_bytes() if (site_root / rel).is_file() else b""
        if not data and rel.startswith("assets/"):  # a private build without the assets: the sources
            data = (WORKER if rel.endswith(".js") else RENDERER).read_bytes()
        sizes[rel] = (len(data), brotli_size(data, rel), hashlib.sha256(data).hexdigest())
    return sizes


def megabytes(n: int) -> str:
    """Bytes as the pages state them: MB of 10^6 bytes, one decimal ("3.4")."""
    return f"{n / 1e6:.1f}"


def record_stdlib(site_root: Path) -> list[str]:
    """Run the worker's boot code, every mode and the unit tests in node Pyodide with the *full*
    standard library, and write the zip members the package made Python import (not the test
    harness's own imports: calculator_stdlib/import_ledger.py) to :data:`STDLIB_FILES`."""
    paths = runtime_paths()
    wheel = site_root / paths.wheel
    if not wheel.is_file():
        raise RuntimeError(f"{wheel} missing: run ./scripts/build first / 请先运行 ./scripts/build")
    done = subprocess.run(["node", str(STDLIB_RECORDER), str(ROOT), str(wheel), str(RENDERER)],
                          capture_output=True, text=True, timeout=600)
    summary = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else {}
    if done.returncode or not summary.get("ok"):
        raise RuntimeError(f"recording failed / 记录失败:\n{summary.get('log', done.stderr[-3000:])}")
    head = [line for line in STDLIB_FILES.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    STDLIB_FILES.write_text("\n".join(head + summary["files"]) + "\n", encoding="utf-8")
    return list(summary["files"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--site", type=Path, help="built site root to copy Pyodide and the wheel into")
    group.add_argument("--wheel", type=Path, help="only build the wheel into this folder")
    group.add_argument("--record-stdlib", action="store_true",
                       help="re-record the standard-library files the calculator imports (needs a built site/)")
    args = parser.parse_args(argv)
    if args.record_stdlib:
        files = record_stdlib(ROOT / "site")
        print(f"{len(files)} files -> {STDLIB_FILES.relative_to(ROOT)}")
        return 0
    if args.wheel:
        print(build_wheel(args.wheel))
        return 0
    paths = install_runtime(args.site)
    print(f"{args.site / paths.pyodide_dir}  {args.site / paths.wheel}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build the calculators wheel and put it, with the self-hosted Pyodide, into the built site.

Why here and not ``pyodide build``: pyodide-build needs Python >= 3.12 and downloads its
cross-build environment and emsdk from the internet even for a pure-Python package. The
package is pure Python (``py3-none-any``), so the standard ``build`` backend makes the same
wheel; Pyodide installs it from a relative URL with ``loadPackage()`` and resolves nothing.

Layout inside the site root (one copy, shared by the zh edition at / and the en one at /en/):
    pyodide/<version>/            the five runtime files of the npm ``pyodide`` package
    wheels/<source digest>/*.whl  the calculators wheel, in a folder named by a hash of its sources
Both paths change whenever their content does, so they can be cached forever ("immutable").
The page hook (overrides/hooks/calculator.py) asks :func:`runtime_paths` for the same paths.

    python -m scripts.calculator_runtime --site site     # build the wheel, copy both into site/
    python -m scripts.calculator_runtime --wheel dist    # only build the wheel into dist/
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "calculators"
PYPROJECT = ROOT / "pyproject.toml"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
#: What a module worker needs to start Pyodide and run the standard library: no source maps,
#: no consoles, no CommonJS build. The npm package ships no other packages, and none is needed.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
#: The build backend the isolated ``build`` environment installs, pinned so the wheel is reproducible.
SETUPTOOLS_PIN = "setuptools==84.2.1"
#: Fixed zip timestamps (2026-01-01) so the same sources give the same wheel bytes.
SOURCE_DATE_EPOCH = "1767225600"


@dataclass(frozen=True)
class RuntimePaths:
    """Where the runtime lives, relative to the shared site root (POSIX, with trailing slash for dirs)."""

    pyodide_dir: str
    wheel: str


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


def runtime_paths() -> RuntimePaths:
    return RuntimePaths(
        pyodide_dir=f"pyodide/{pyodide_version()}/",
        wheel=f"wheels/{source_digest()}/{wheel_filename()}",
    )


def build_wheel(outdir: Path) -> Path:
    """Build the pure-Python wheel with the standard ``build`` frontend from a clean copy of the sources.

    A copy keeps build/ and *.egg-info out of the work tree and lets two builds run at once.
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
               "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(src)],
            env=env, capture_output=True, text=True,
        )
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
        shutil.copy2(PYODIDE_NPM / name, pyodide_dir / name)
    wheel_target = site_root / paths.wheel
    with tempfile.TemporaryDirectory(prefix="calc-dist-") as tmp:
        wheel = build_wheel(Path(tmp))
        wheel_target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(wheel, wheel_target)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--site", type=Path, help="built site root to copy Pyodide and the wheel into")
    group.add_argument("--wheel", type=Path, help="only build the wheel into this folder")
    args = parser.parse_args(argv)
    if args.wheel:
        print(build_wheel(args.wheel))
        return 0
    paths = install_runtime(args.site)
    print(f"{args.site / paths.pyodide_dir}  {args.site / paths.wheel}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

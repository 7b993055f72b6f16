"""The package installer of .venv and the engines' venvs: uv, pinned in requirements/uv.txt.

Why uv and not pip: in a fresh clone (every CI run) pip spent ~29 s of CPU on .venv and ~25 s on
the two engine venvs; uv, from its warm cache, ~17 s (with the same bytecode compile) and ~1 s,
with the same packages (``pip freeze`` of each venv identical; dev/ci.md). Standard library only:
``./scripts/setup`` runs this before anything is installed.

uv is installed once per machine by pip (``--target``) into the user's cache folder,
``tools/uv-<version>/`` (sitebuild/user_cache.py; in the clone's ``.cache/tools/`` when that cache
is off), like pip's and npm's own caches; a pin change installs the new version beside and removes
the old one. .venv itself is made without pip (``./scripts/setup``: ensurepip cost ~7 s of CPU in
every fresh clone for a pip used only here), so the pip that installs uv is :func:`pip_python`'s.

    python -m sitebuild.installer                  # install uv if needed; print its path
    python -m sitebuild.installer install ARGS...  # uv pip install ARGS: from uv's cache first, then online

Every install of the repository's venvs goes through :func:`install` (``./scripts/setup`` for .venv
by the command line above, sitebuild/engines.py for the engines' venvs): uv from its cache alone
first (``--offline``), online only when that fails. Online, uv re-reads every package's index page
even when its cache holds the pinned file (most of its CPU without bytecode); every install is
of exact pins (requirements/constraints.txt, engine-*.txt), so the cached file is the index's. What
the cache lacks (a new machine, a changed pin) fails the offline run, and the same install runs
online (dev/ci.md "uv from its cache alone first").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sitebuild import user_cache

ROOT = Path(__file__).resolve().parent.parent
PIN_FILE = ROOT / "requirements" / "uv.txt"


def version() -> str:
    """The pinned version (``uv==X`` in requirements/uv.txt)."""
    for line in PIN_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("uv=="):
            return line.removeprefix("uv==").strip()
    raise RuntimeError(f"{PIN_FILE} pins no uv==X")


def tools_dir() -> Path:
    top = user_cache.root()
    return (ROOT / ".cache" if top is None else top) / user_cache.TOOLS


def binary() -> Path:
    return tools_dir() / f"uv-{version()}" / "bin" / "uv"


def installed() -> Path | None:
    """The pinned uv, if it is there and answers with its version."""
    uv = binary()
    try:
        out = subprocess.run([str(uv), "--version"], capture_output=True, text=True, timeout=60).stdout
    except OSError:
        return None
    return uv if out.split()[:2] == ["uv", version()] else None


def _runs_pip(python: Path) -> bool:
    try:
        return subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, timeout=120).returncode == 0
    except OSError:
        return False


def pip_python() -> Path:
    """A Python that runs pip: .venv's (a clone made before .venv went without pip), else the
    interpreter .venv was made from, else a venv with pip made once per machine in the tools folder
    (a Python without pip of its own). Only the first install of uv on a machine, and the engines'
    fallback where uv is missing, need one."""
    base = Path(getattr(sys, "_base_executable", sys.executable))
    for python in (ROOT / ".venv" / "bin" / "python", base, tools_dir() / "pip-venv" / "bin" / "python"):
        if python.is_file() and _runs_pip(python):
            return python
    venv = tools_dir() / "pip-venv"
    subprocess.run([str(base), "-m", "venv", "--clear", str(venv)], check=True, stdout=sys.stderr)
    return venv / "bin" / "python"


def ensure() -> Path:
    """The pinned uv, installed first if missing (by .venv's pip, into a temporary folder renamed
    into place, so a half install is never used)."""
    uv = installed()
    if uv is not None:
        return uv
    target = binary().parent.parent
    tools = target.parent
    tools.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".uv-", dir=tools) as tmp:
        subprocess.run([str(pip_python()), "-m", "pip", "install", "-q",
                        "--disable-pip-version-check", "--no-deps", "--target", tmp, "-r", str(PIN_FILE)],
                       check=True, stdout=sys.stderr)  # stdout is only the path main() prints
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
        os.mkdir(tmp)  # TemporaryDirectory removes it on exit
    for old in tools.glob("uv-*"):
        if old != target:
            shutil.rmtree(old, ignore_errors=True)
    uv = installed()
    if uv is None:
        raise RuntimeError(f"uv {version()} did not install into {target}")
    return uv


def install(args: Sequence[str], uv: Path | None = None) -> None:
    """``uv pip install ARGS``: from uv's cache alone first, online when that fails (the module
    docstring says why). ``uv``: the pinned uv (:func:`ensure`'s when not given)."""
    command = [str(uv or ensure()), "pip", "install", *args]
    if subprocess.run([*command, "--offline"], capture_output=True).returncode:
        subprocess.run(command, check=True)


def main(argv: Sequence[str] = ()) -> int:
    if not argv:
        print(ensure())
    elif argv[0] == "install":
        install(argv[1:])
    else:
        raise SystemExit("usage: python -m sitebuild.installer [install UV-PIP-INSTALL-ARGS...]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Helpers for the cleaning-pipeline tests: the real raw sources are the fixtures' input."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cleaning import cli
from cleaning.manifest import load_manifest
from cleaning.pipeline import CleanResult, clean_text

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "sources").glob("*.txt"))
FIXTURES = Path(__file__).with_name("fixtures")
CLEAN = ROOT / "scripts" / "clean"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def clean_source(source: Path) -> CleanResult:
    """Run the pipeline on one real raw source, as the CLI does."""
    return clean_text(source.read_bytes().decode("utf-8"), source.name, load_manifest(source))


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_clean(*args: str | Path) -> Run:
    """scripts/clean's ``main`` in this process, from the repository root: the same arguments, exit
    status, stdout and stderr as the script, without a Python start, the pipeline's imports and
    jieba's dictionary per run (each costs about a CPU second; here they load once per test
    process). An exception main() does not turn into a message fails the test instead of printing a
    traceback. What only a real process shows (the script, ``python -m cleaning``, nothing at all
    on stderr but the messages) is checked by the tests that call ``run_script``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as stop:  # argparse: --help, a usage error
            code = stop.code if isinstance(stop.code, int) else 2
    return Run(code, out.getvalue(), err.getvalue())


def run_script(*args: str | Path) -> Run:
    """Run scripts/clean as a maintainer would, in its own process, from the repository root."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([str(CLEAN), *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    return Run(proc.returncode, proc.stdout, proc.stderr)

"""Helpers for the cleaning-pipeline tests: the real raw sources are the fixtures' input."""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

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
    """Run scripts/clean as a maintainer would, from the repository root."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run([str(CLEAN), *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    return Run(proc.returncode, proc.stdout, proc.stderr)

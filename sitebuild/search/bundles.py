"""The command line shared by the files written beside each edition's Pagefind bundle.

``wld-vocab.json`` and ``wld-sections.json`` are each (re)written per edition from the finished
bundle; both scripts take the same ``--site`` and print the same line, so that lives here once.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def rewrite_each(write: Callable[[Path, str], Path], prog: str, description: str,
                 argv: list[str] | None = None) -> int:
    """Call ``write(bundle, edition)`` for every edition's bundle under ``--site``; print each file."""
    from sitebuild.search.index import BUNDLE, EDITIONS  # index imports the writers: not at module load

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    for edition, folder in EDITIONS.items():
        out = write(args.site / folder / BUNDLE, edition)
        print(f"[search] {edition}: {out} ({out.stat().st_size / 1024:.0f} KiB)")
    return 0

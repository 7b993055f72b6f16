"""Where drafts go and how they are written: never into docs/ or sources/, always atomically."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from .errors import RefusedOutput

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
DRAFTS = ROOT / "drafts"
FORBIDDEN = (ROOT / "docs", SOURCES)


def check_out_dir(out: Path, inputs: list[Path]) -> Path:
    """Resolve ``out`` and refuse docs/, sources/ and any folder holding an input raw file."""
    resolved = out.resolve()
    beside_input = any(resolved == p.resolve().parent for p in inputs)
    for bad in FORBIDDEN:
        if beside_input or resolved == bad or bad in resolved.parents:
            raise RefusedOutput(
                f"拒绝写入 {resolved}：草稿不能写进 docs/（编辑过的页面）或 sources/（只读原文）",
                f"refusing to write to {resolved}: drafts never go into docs/ (edited pages) or "
                f"sources/ (read-only raw texts)",
            )
    return resolved


def draft_paths(out: Path, source: Path) -> tuple[Path, Path, Path]:
    """drafts/<stem>.md, drafts/<stem>.report.md, drafts/<stem>.diff"""
    stem = source.stem
    return out / f"{stem}.md", out / f"{stem}.report.md", out / f"{stem}.diff"


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_previous(path: Path) -> str:
    """The previous draft, or "" for a new source."""
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def unified_diff(previous: str, new: str, label: str) -> str:
    """What a rerun changed in a draft, as a unified diff ("" when unchanged)."""
    return "".join(difflib.unified_diff(
        previous.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"{label} (previous)", tofile=f"{label} (new)",
    ))

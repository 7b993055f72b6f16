"""Per-source manifests (sources/<name>.toml): where a raw text came from and what is wrong with it.

Read with the standard library's tomllib. The pipeline uses ``title`` (the page's keyword title, removed
where it repeats) and ``working_title`` (an editor's H1 for a source that has none); ``sha256`` pins the
raw bytes so tests can prove no tool changed them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BadInput

REQUIRED = ("file", "sha256", "language", "problems")


@dataclass(frozen=True)
class Manifest:
    """What is known about one raw source."""

    file: str
    sha256: str
    language: str
    problems: tuple[str, ...]
    origin_site: str = ""
    published: str = ""
    title: str = ""
    working_title: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


def manifest_path(source: Path) -> Path:
    """sources/000_x.txt -> sources/000_x.toml"""
    return source.with_suffix(".toml")


def load_manifest(source: Path) -> Manifest | None:
    """The manifest beside ``source``, or None when there is none yet (the report then says so)."""
    path = manifest_path(source)
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"清单文件格式错误：{path}（{exc}）", f"bad manifest: {path} ({exc})") from None
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise BadInput(f"清单缺少字段 {', '.join(missing)}：{path}",
                       f"manifest lacks {', '.join(missing)}: {path}")
    return Manifest(
        file=data["file"], sha256=data["sha256"], language=data["language"],
        problems=tuple(data["problems"]), origin_site=data.get("origin_site", ""),
        published=data.get("published", ""), title=data.get("title", ""),
        working_title=data.get("working_title", ""), notes=tuple(data.get("notes", ())),
    )

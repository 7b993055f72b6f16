"""Per-source manifests (sources/<name>.toml): where a raw text came from and what is wrong with it.

Read with the standard library's tomllib. The pipeline uses ``title`` (the page's keyword title, removed
where it repeats) and ``working_title`` (an editor's H1 for a source that has none); ``sha256`` pins the
raw bytes so tests can prove no tool changed them.
"""

from __future__ import annotations

import re
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
    origin_url: str = ""


#: Every field a manifest may hold and its type: "str" or "list" (a list of strings).
FIELDS: dict[str, str] = {
    "file": "str", "sha256": "str", "language": "str", "problems": "list", "origin_site": "str",
    "origin_url": "str", "published": "str", "title": "str", "working_title": "str", "notes": "list",
}
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _check_types(data: dict[str, object], path: Path) -> None:
    """Each known field has its type; unknown fields are refused (a typo would be silently lost)."""
    problems: list[tuple[str, str]] = []  # (zh, en)
    for key, value in data.items():
        kind = FIELDS.get(key)
        if kind is None:
            problems.append((f"未知字段 {key}", f"unknown field {key}"))
        elif kind == "str" and not isinstance(value, str):
            problems.append((f"{key} 应是字符串，实际是 {type(value).__name__}",
                             f"{key} must be a string, not {type(value).__name__}"))
        elif kind == "list" and not (isinstance(value, list)
                                     and all(isinstance(v, str) for v in value)):
            problems.append((f"{key} 应是字符串列表", f"{key} must be a list of strings"))
    sha = data.get("sha256")
    if isinstance(sha, str) and not _SHA256.match(sha):
        problems.append(("sha256 应是 64 位小写十六进制", "sha256 must be 64 lowercase hex digits"))
    if problems:
        raise BadInput(f"清单字段类型错误：{path}：" + "；".join(zh for zh, _ in problems),
                       f"bad manifest fields in {path}: " + "; ".join(en for _, en in problems))


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
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise BadInput(f"清单文件格式错误：{path}（{exc}）", f"bad manifest: {path} ({exc})") from None
    _check_types(data, path)
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise BadInput(f"清单缺少字段 {', '.join(missing)}：{path}",
                       f"manifest lacks {', '.join(missing)}: {path}")
    return Manifest(
        file=data["file"], sha256=data["sha256"], language=data["language"],
        problems=tuple(data["problems"]), origin_site=data.get("origin_site", ""),
        published=data.get("published", ""), title=data.get("title", ""),
        working_title=data.get("working_title", ""), notes=tuple(data.get("notes", ())),
        origin_url=data.get("origin_url", ""),
    )


def manifest_warnings(source: Path, manifest: Manifest | None, sha256: str) -> list[tuple[str, str]]:
    """What is wrong between a raw file and its manifest, as (zh, en): printed on stderr and kept in
    the report. None of these stops the cleaning."""
    path = manifest_path(source)
    if manifest is None:
        return [(f"没有清单文件 {path.name}（见 dev/sources.md）", f"no manifest {path.name} (see dev/sources.md)")]
    out = []
    if manifest.file != source.name:
        out.append((f"清单 {path.name} 的 file 写的是 {manifest.file!r}，不是 {source.name!r}",
                    f"manifest {path.name} names file {manifest.file!r}, not {source.name!r}"))
    if manifest.sha256 != sha256:
        zh = f"原文的 sha256 与清单 {path.name} 不符（原文 {sha256[:12]}…，清单 {manifest.sha256[:12]}…）"
        en = (f"the raw file's sha256 does not match manifest {path.name} (file {sha256[:12]}…, "
              f"manifest {manifest.sha256[:12]}…)")
        out.append((zh, en))
    return out

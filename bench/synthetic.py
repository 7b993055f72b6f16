"""Throwaway copies of the project with N synthetic pages per language, plus bare Material configs.

Nothing here writes inside the repository: the copy ("mirror") lives in a temp dir, with the
docs and the theme overrides copied and every other top-level entry symlinked, so the project's
own config files, relative paths, hooks and snippets work unchanged from the mirror.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from bench.paths import ROOT

#: Top-level entries copied (not symlinked) into the mirror: edited there, or read via __file__.
COPIED = ("docs", "overrides")
#: Never mirrored: build output, VCS, the interpreter.
SKIPPED = (".git", ".venv", "site", ".pytest_cache", ".hypothesis", ".cache")
#: Folders inside a docs dir that hold snippets, not pages.
NOT_PAGES = ("includes", "snippets", "partials")
SYNTHETIC_DIR = "synthetic"


@dataclass(frozen=True)
class Edition:
    """One language edition: its config file (relative to the project root) and raw settings."""

    lang: str
    config_name: str
    docs_dir: str
    site_dir: str
    nav: object


def editions(root: Path = ROOT) -> list[Edition]:
    """The editions the project builds: mkdocs.yml (Chinese) and, once it exists, mkdocs.en.yml."""
    found = []
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        path = root / name
        if not path.is_file():
            continue
        with open(path, "rb") as fh:
            raw = yaml_load(fh)
        theme = raw.get("theme") or {}
        lang = (theme.get("language") if isinstance(theme, dict) else None) or ("zh" if name == "mkdocs.yml" else "en")
        found.append(Edition(lang=str(lang), config_name=name, docs_dir=str(raw.get("docs_dir", "docs")),
                             site_dir=str(raw.get("site_dir", "site")), nav=raw.get("nav")))
    return found


def real_pages(docs_dir: Path) -> list[Path]:
    """Markdown pages of one edition, relative to its docs dir, home page first."""
    pages = []
    for p in sorted(docs_dir.rglob("*.md")):
        rel = p.relative_to(docs_dir)
        if any(part in NOT_PAGES or part.startswith(("_", ".")) for part in rel.parts):
            continue
        pages.append(rel)
    pages.sort(key=lambda r: (r != Path("index.md"), str(r)))
    return pages


def _resize(docs_dir: Path, target: int) -> int:
    """Make ``docs_dir`` hold ``target`` pages built from its real ones; return the page count."""
    pages = real_pages(docs_dir)
    if not pages:
        return 0
    if target <= len(pages):
        for rel in pages[target:]:
            (docs_dir / rel).unlink()
        return target
    count = len(pages)
    copy = 0
    while count < target:
        copy += 1
        for rel in pages:
            if count >= target:
                break
            dest = docs_dir / SYNTHETIC_DIR / f"{copy:04d}" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(docs_dir / rel, dest)
            count += 1
    return count


@dataclass(frozen=True)
class Mirror:
    root: Path
    pages: dict[str, int]  # language → pages written


def make_mirror(dest: Path, pages_per_language: int | None, root: Path = ROOT) -> Mirror:
    """Copy the project to ``dest`` with ``pages_per_language`` pages in every edition's docs.

    ``None`` keeps the real pages as they are (a snapshot of the docs, e.g. beside a copy of site/).
    """
    dest.mkdir(parents=True)
    configs = {e.config_name for e in editions(root)}
    for entry in root.iterdir():
        if entry.name in SKIPPED:
            continue
        target = dest / entry.name
        if entry.name in COPIED and entry.is_dir():
            shutil.copytree(entry, target, symlinks=True)
        elif entry.name in configs or entry.suffix in (".yml", ".yaml"):
            shutil.copyfile(entry, target)
        else:
            os.symlink(entry, target)
    if pages_per_language is None:
        pages = {e.lang: len(real_pages(dest / e.docs_dir)) for e in editions(dest)}
    else:
        pages = {e.lang: _resize(dest / e.docs_dir, pages_per_language) for e in editions(dest)}
    return Mirror(dest, pages)


def material_language(lang: str) -> str:
    """Material's own label set for ``lang`` (the project adds zh-CN as an override; bare uses zh)."""
    import material

    langs = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return lang if (langs / f"{lang}.html").is_file() else lang.split("-")[0]


def write_bare_config(mirror: Mirror, edition: Edition, out: Path, site_dir: Path, search: bool = True) -> Path:
    """A plain Material config for the same Markdown and nav: no extensions, hooks or overrides.

    ``search=False`` also drops the search plugin (and with it jieba segmentation), so that the
    difference measures the search index step on its own.
    """
    config: dict[str, object] = {
        "site_name": "bare",
        "docs_dir": str(mirror.root / edition.docs_dir),
        "site_dir": str(site_dir),
        "theme": {"name": "material", "language": material_language(edition.lang), "font": False},
        "plugins": ["search"] if search else [],
    }
    if edition.nav is not None:
        config["nav"] = edition.nav
    out.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out

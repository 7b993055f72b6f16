"""Per-edition glue: the glossary file for pymdownx.snippets, and checked page front matter.

Why a hook: every page must carry ``reviewed`` (a date) and ``sources`` (raw source files it was
edited from); a typo there should fail the strict build with a clear message instead of silently
showing nothing. The template (overrides/partials/page-meta.html) renders what this checks.
"""

from __future__ import annotations

import datetime
import logging
import tomllib
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.page_meta")

#: Keys every edition's ``extra.ui`` must define (labels used by the templates).
UI_KEYS: frozenset[str] = frozenset({
    "page_info", "reviewed", "sources", "sources_none", "sources_about", "legal_basis_hint",
    "legal_index_hint", "laws_page",
    "sentence_end", "disclaimer",
    "about_link", "not_found_title", "not_found_text", "home",
})

_source_titles: dict[str, tuple[str, str]] = {}  # file name → (title, published date or "")


def _sources_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / "sources"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Append this edition's glossary to every page; check the edition's UI labels."""
    glossary = config.extra.get("glossary")
    if not glossary:
        raise ValueError("extra.glossary is missing / 缺少 extra.glossary（术语表文件名）")
    config.mdx_configs.setdefault("pymdownx.snippets", {})["auto_append"] = [glossary]
    missing = UI_KEYS - set(config.extra.get("ui", {}))
    if missing:
        raise ValueError(f"extra.ui lacks labels / 缺少界面文字: {sorted(missing)}")
    _source_titles.clear()
    for path in sorted(_sources_dir(config).glob("*.txt")):
        _source_titles[path.name] = _source_title(path)
    return config


def _source_title(path: Path) -> tuple[str, str]:
    """Title and publication date of a raw source, from its manifest (sources/<name>.toml)."""
    manifest = path.with_suffix(".toml")
    if not manifest.is_file():
        return path.name, ""
    data = tomllib.loads(manifest.read_text("utf-8"))
    title = str(data.get("title") or data.get("working_title") or path.name)
    return title, str(data.get("published") or "")[:10]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Check ``reviewed`` and ``sources``; store ``source_titles`` for the template."""
    meta: MutableMapping[str, Any] = page.meta
    where = page.file.src_uri
    reviewed = meta.get("reviewed")
    if not isinstance(reviewed, datetime.date):
        log.warning(f"{where}: front matter 'reviewed' must be a date like 2026-11-24 "
                    f"/ 前置元数据 reviewed 必须是日期，现为 {reviewed!r}")
    sources = meta.get("sources")
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        log.warning(f"{where}: front matter 'sources' must be a list of file names ([] if none) "
                    f"/ sources 必须是文件名列表（没有则写 []），现为 {sources!r}")
        sources = []
    titles: list[tuple[str, str, str]] = []
    for name in sources:
        if name not in _source_titles:
            log.warning(f"{where}: source '{name}' is not in sources/ / sources/ 中没有此文件")
            continue
        titles.append((name, *_source_titles[name]))
    meta["source_titles"] = titles
    return markdown

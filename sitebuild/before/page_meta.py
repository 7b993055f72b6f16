"""Checked page front matter, and the source titles the "page info" box shows.

Why before the engine: every page must carry ``reviewed`` (a date) and ``sources`` (raw source files
it was edited from); a typo there must fail the build with a clear message instead of silently
showing nothing. Engines strip front matter before any Markdown extension sees it, so the check reads
the Markdown files itself. The titles go into a generated, git-ignored template
(overrides/partials/generated/source-titles.html) that overrides/partials/page-meta.html imports:
plain Jinja, so MkDocs and Zensical render it alike.
"""

from __future__ import annotations

import datetime
import json
import tomllib
from pathlib import Path
from typing import Any

import yaml

from sitebuild.editions import EDITIONS, ROOT, Edition

SOURCES = ROOT / "sources"
GENERATED = ROOT / "overrides" / "partials" / "generated"
TITLES_TEMPLATE = GENERATED / "source-titles.html"

#: Keys every edition's ``extra.ui`` must define (labels used by the templates).
UI_KEYS: frozenset[str] = frozenset({
    "page_info", "reviewed", "sources", "sources_none", "sources_about", "legal_basis_hint",
    "legal_index_hint", "laws_page",
    "sentence_end", "disclaimer",
    "about_link", "not_found_title", "not_found_text", "home",
})


class _ConfigLoader(yaml.SafeLoader):
    """Reads an engine config for its plain data; ``!ENV`` and ``!!python/...`` tags become None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """INHERIT as the engines do it: mappings merged, everything else replaced."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def load_config(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(path.read_text("utf-8"), Loader=_ConfigLoader) or {}  # noqa: S506
    parent = data.pop("INHERIT", None)
    return _merge(load_config(path.parent / parent), data) if parent else data


def front_matter(page: Path) -> dict[str, Any]:
    """The YAML between the leading ``---`` lines ({} when there is none)."""
    text = page.read_text("utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    return (yaml.safe_load(text[4:end]) or {}) if end > 0 else {}


def source_title(path: Path) -> tuple[str, str]:
    """Title and publication date of a raw source, from its manifest (sources/<name>.toml)."""
    manifest = path.with_suffix(".toml")
    if not manifest.is_file():
        return path.name, ""
    data = tomllib.loads(manifest.read_text("utf-8"))
    title = str(data.get("title") or data.get("working_title") or path.name)
    return title, str(data.get("published") or "")[:10]


def source_titles(sources: Path = SOURCES) -> dict[str, tuple[str, str]]:
    return {path.name: source_title(path) for path in sorted(sources.glob("*.txt"))}


def page_errors(page: Path, meta: dict[str, Any], known: set[str], where: str) -> list[str]:
    """Everything wrong with one page's ``reviewed`` and ``sources``, in both languages."""
    errors = []
    reviewed = meta.get("reviewed")
    if not isinstance(reviewed, datetime.date):
        errors.append(f"{where}: front matter 'reviewed' must be a date like 2026-11-24 "
                      f"/ 前置元数据 reviewed 必须是日期，现为 {reviewed!r}")
    sources = meta.get("sources")
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        errors.append(f"{where}: front matter 'sources' must be a list of file names ([] if none) "
                      f"/ sources 必须是文件名列表（没有则写 []），现为 {sources!r}")
        return errors
    errors += [f"{where}: source '{name}' is not in sources/ / sources/ 中没有此文件"
               for name in sources if name not in known]
    return errors


def edition_errors(edition: Edition, known: set[str]) -> list[str]:
    errors = []
    # The edition's own file, not the merged config: INHERIT would fill a missing label from the base
    # edition, in the base edition's language.
    own = yaml.load((ROOT / edition.config).read_text("utf-8"), Loader=_ConfigLoader) or {}
    missing = UI_KEYS - set((own.get("extra") or {}).get("ui") or {})
    if missing:
        errors.append(f"{edition.config}: extra.ui lacks labels / 缺少界面文字: {sorted(missing)}")
    for page in sorted(edition.docs_dir.rglob("*.md")):
        where = page.relative_to(ROOT).as_posix() if page.is_relative_to(ROOT) else str(page)
        errors += page_errors(page, front_matter(page), known, where)
    return errors


def titles_template(titles: dict[str, tuple[str, str]]) -> str:
    """A Jinja template that only sets ``titles``: {file name: [title, published]}."""
    body = ",\n  ".join(f"{json.dumps(name, ensure_ascii=False)}: {json.dumps(list(value), ensure_ascii=False)}"
                        for name, value in titles.items())
    return ("{#- Generated by sitebuild/before/page_meta.py from sources/*.toml: do not edit. -#}\n"
            "{%- set titles = {\n  " + body + "\n} -%}\n")


def run(editions: tuple[Edition, ...] = EDITIONS) -> int:
    """Check every edition's pages and labels; write the titles template. Returns pages checked."""
    titles = source_titles()
    errors = [e for edition in editions for e in edition_errors(edition, set(titles))]
    if errors:
        raise SystemExit("page front matter / 页面前置元数据:\n  " + "\n  ".join(errors))
    text = titles_template(titles)
    GENERATED.mkdir(parents=True, exist_ok=True)
    if not TITLES_TEMPLATE.is_file() or TITLES_TEMPLATE.read_text("utf-8") != text:
        TITLES_TEMPLATE.write_text(text, "utf-8")
    return sum(1 for e in editions for _ in e.docs_dir.rglob("*.md"))


if __name__ == "__main__":
    print(f"{run()} pages checked")

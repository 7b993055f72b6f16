"""The translation-independent structure of a page's Markdown, for the language-parity test.

Why not render with Python-Markdown: the structure we compare (heading levels, admonition types,
table shapes, calculator options, link targets) is visible in the source, and reading the source
keeps the test independent of the theme and of the calculator fence's HTML.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitebuild import editions

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGUAGES = editions.codes()

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)(.*)$")
HEADING = re.compile(r"^\s*(#{1,6})\s+\S")
ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s+([\w-]+)")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:")


@dataclass
class Structure:
    """What must match between the two languages of one page."""

    front_matter: dict[str, object] = field(default_factory=dict)
    blocks: list[tuple[object, ...]] = field(default_factory=list)  # in document order
    links: Counter[str] = field(default_factory=Counter)  # order may change in translation


def pages(lang: str) -> list[str]:
    """Paths of the Markdown pages of one language, relative to docs/<lang>/."""
    base = DOCS / lang
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}|\bid=\"([\w-]+)\"")


def explicit_ids(lang: str, page: str) -> frozenset[str]:
    """Ids written by hand in a page ({#civil-code-676}); the same in both languages."""
    path = DOCS / lang / page
    if not path.is_file():
        return frozenset()
    return frozenset(a or b for a, b in EXPLICIT_ID.findall(path.read_text("utf-8")))


def _link_key(target: str, image: bool, lang: str, page: str) -> str:
    """Link target as compared across languages: the path exactly; the fragment exactly when it
    is an explicit id of the target page, else only "a heading" (slugs differ by language)."""
    path, _, fragment = target.partition("#")
    if fragment and "://" not in path:
        linked = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        if fragment not in explicit_ids(lang, linked):
            fragment = "<heading>"
    kind = "image" if image else "link"
    return f"{kind}:{path}" + (f"#{fragment}" if fragment else "")


def parse(text: str, lang: str = "zh", page: str = "index.md") -> Structure:
    """Read the structure of one Markdown page."""
    result = Structure()
    match = FRONT_MATTER.match(text)
    if match:
        try:
            result.front_matter = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as error:
            raise ValueError(f"docs/{lang}/{page}: front matter is not valid YAML: {error}") from None
        text = text[match.end():]
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if fence:
            marker, info = fence.group(2), fence.group(3)
            body: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(marker):
                body.append(lines[i])
                i += 1
            if info == "calculator":
                options = yaml.safe_load("\n".join(b.strip() for b in body)) or {}
                result.blocks.append(("calculator", tuple(sorted((k, str(v)) for k, v in options.items()))))
            else:
                result.blocks.append(("code", info))
            i += 1
            continue
        if ABBREVIATION.match(line):
            i += 1
            continue
        heading = HEADING.match(line)
        admonition = ADMONITION.match(line)
        if heading:
            ids = EXPLICIT_ID.findall(line)
            result.blocks.append(("heading", len(heading.group(1)), ids[0][0] if ids else ""))
        elif admonition:
            result.blocks.append(("admonition", admonition.group(1), admonition.group(2)))
        elif i + 1 < len(lines) and "|" in line and TABLE_SEPARATOR.match(lines[i + 1]):
            columns = len([c for c in lines[i + 1].strip().strip("|").split("|")])
            rows = 0
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows += 1
                _collect_links(lines[i], result, lang, page)
                i += 1
            result.blocks.append(("table", columns, rows))
            continue
        _collect_links(line, result, lang, page)
        i += 1
    return result


def _collect_links(line: str, result: Structure, lang: str, page: str) -> None:
    for image, target in LINK.findall(INLINE_CODE.sub("", line)):
        result.links[_link_key(target, bool(image), lang, page)] += 1


def read(lang: str, page: str) -> Structure:
    return parse((DOCS / lang / page).read_text("utf-8"), lang, page)

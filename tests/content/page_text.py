"""Reader-visible prose of a Markdown page, split into sentences, for the readability test.

Why from the source and not the built HTML: the measure is about the words an editor writes;
front matter, code, link targets, tables, headings, the snippet lines and the "legal basis"
reference list are left out because they are not read as running sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^\s*(`{3,}|~{3,}).*?^\s*\1\s*$", re.S | re.M)
LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)")
ATTRS = re.compile(r"\{[:#.][^}]*\}")
MARKUP = re.compile(r"[*_`>#|]+")
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+"([^"]*)")?\s*$')
SENTENCE_END = re.compile(r"(?<=[。！？!?])")
LEGAL_BASIS = {"zh": "法律依据", "en": "Legal basis"}


def prose_lines(text: str, lang: str) -> list[str]:
    """Body lines as plain text: no headings, tables, snippets, HTML or the legal-basis list."""
    text = FENCE.sub("", FRONT_MATTER.sub("", text))
    out: list[str] = []
    skipping = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            skipping = line.lstrip("#").strip().startswith(LEGAL_BASIS[lang])
            continue
        if skipping or not line or line.startswith(("|", "--8<--", "<", "*[")):
            continue
        admonition = ADMONITION.match(line)
        if admonition:
            line = admonition.group(1) or ""
        line = LIST_MARK.sub("", line)
        line = MARKUP.sub("", ATTRS.sub("", LINK.sub(r"\1", line))).strip()
        if line:
            out.append(line)
    return out


def sentences(text: str, lang: str) -> list[str]:
    """Sentences: split at 。！？!? and at the end of every paragraph or list item."""
    found: list[str] = []
    for line in prose_lines(text, lang):
        found += [s.strip() for s in SENTENCE_END.split(line) if s.strip()]
    return found


def length(sentence: str) -> int:
    """Characters a reader reads: everything but spaces."""
    return len(re.sub(r"\s", "", sentence))


def average_sentence_length(page: str, lang: str = "zh") -> tuple[float, int, str]:
    """(average characters per sentence, sentence count, longest sentence) of docs/<lang>/<page>."""
    found = sentences((DOCS / lang / page).read_text("utf-8"), lang)
    if not found:
        return 0.0, 0, ""
    return sum(map(length, found)) / len(found), len(found), max(found, key=length)

"""Heading structure: 一、 / （一） / 1. numbering in the sources becomes consistent Markdown headings.

Sources number sections three ways and mark only some of them with ``#``. Here every numbered heading
line gets a level from the numbering styles the document uses, in fixed rank order: 一、 above （一）
above 1. — so a document with 一、 and 1. gets ## and ###, one with 一、 and （一） gets ## and ###, and a
rerun on a draft gives the same levels (idempotent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STYLES = ("cn", "paren", "arabic")  # rank order, outermost first
_CN = "一二三四五六七八九十"
_PATTERNS = {
    "cn": re.compile(rf"^(?P<n>[{_CN}]+)\s*、\s*(?P<rest>.+)$"),
    "paren": re.compile(rf"^[（(]\s*(?P<n>[{_CN}]+)\s*[)）]\s*(?P<rest>.+)$"),
    "arabic": re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*(?P<rest>.+)$"),
}
MAX_HEADING_CHARS = 30
# A heading may end in ？ or ： ("二、逾期后怎么办？"), never in 。；，; an arabic-numbered line with
# a colon or sentence stop inside is a list item with its text ("1. 接电话:每周至少接2次"), not a heading.
_ENDS_SENTENCE = re.compile(r"[。！!；;，,]$")
_INSIDE_ARABIC = re.compile(r"[。；;：:，,].")


@dataclass(frozen=True)
class HeadingLine:
    """A recognised heading: its numbering style (or None), number, text, and explicit # level."""

    style: str | None
    number: str
    rest: str
    hashes: int


def parse(text: str) -> HeadingLine | None:
    """Recognise a heading line (``#``-marked, or a short numbered line that is not a sentence)."""
    hashes = len(text) - len(text.lstrip("#"))
    body = text[hashes:].strip() if hashes and text[hashes:hashes + 1] == " " else text.strip()
    if hashes and body == text.strip():
        hashes = 0  # "#foo" without a space is not a heading
    for style, pattern in _PATTERNS.items():
        m = pattern.match(body)
        if m:
            rest = m.group("rest").strip()
            if hashes or (len(rest) <= MAX_HEADING_CHARS and not _ENDS_SENTENCE.search(rest)
                          and "。" not in rest
                          and not (style == "arabic" and _INSIDE_ARABIC.search(rest))):
                return HeadingLine(style, m.group("n"), rest, hashes)
            return None
    if hashes:
        return HeadingLine(None, "", body, hashes)
    return None


def render(heading: HeadingLine, levels: dict[str, int], is_title: bool) -> str:
    """Markdown for one heading given the document's style levels."""
    if heading.style is None:
        level = 1 if is_title else max(2, min(heading.hashes, 6))
        return f"{'#' * level} {heading.rest}"
    number = {"cn": f"{heading.number}、", "paren": f"（{heading.number}）",
              "arabic": f"{heading.number}. "}[heading.style]
    return f"{'#' * levels[heading.style]} {number}{heading.rest}"


def style_levels(headings: list[HeadingLine]) -> dict[str, int]:
    """Assign ## upward to the numbering styles present, outermost style first."""
    present = [s for s in STYLES if any(h.style == s for h in headings)]
    return {style: min(2 + i, 6) for i, style in enumerate(present)}

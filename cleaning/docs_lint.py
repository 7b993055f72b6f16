"""Lint edited pages (docs/**/*.md) for what the cleaning pipeline removes from drafts.

Chinese pages get AutoCorrect's findings; every page gets the garble table (context patterns, so a
right use of 作用 passes), the unsure/filler spots, unmistakable page boilerplate, and paragraphs
repeated within a page. Front matter, fenced code and inline code are skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .boilerplate import classify
from .garbles import find_garbles
from .punctuation import lint_markdown, prose_mask

# Boilerplate kinds that can never be right on an edited page. ("来源：" bylines, "---" rules and
# repeated titles can be legitimate Markdown on a page, so they are left to review.)
PAGE_BOILERPLATE = {"comment_section", "comment_prompt", "fake_comment", "navigation", "font_size",
                    "copyright", "icp", "publication", "read_next"}
MIN_REPEATED_PARAGRAPH = 30
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_HTML_COMMENT = re.compile(r"<!--.*?-->")


def is_chinese_page(path: Path) -> bool:
    """docs/zh/** and *.zh.md are Chinese pages."""
    return "zh" in path.parts or path.name.endswith(".zh.md")


def lint_page(path: Path, label: str) -> list[str]:
    """Findings as "label:line: finding" strings; empty when the page is clean."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    prose = prose_mask(lines)
    findings: list[str] = []
    if is_chinese_page(path):
        for number, old, new in lint_markdown(text, path.name):
            if prose[number - 1]:
                findings.append(f"{label}:{number}: autocorrect: {old.strip()!r} -> {new.strip()!r}")
    paragraphs: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    for number, (line, ok) in enumerate(zip(lines, prose), 1):
        if not ok:
            continue
        plain = _HTML_COMMENT.sub("", _INLINE_CODE.sub("", line)).strip()
        for hit in find_garbles(plain, number):
            findings.append(f"{label}:{number}: garble {hit.found!r}: {hit.result}")
        kind = classify(plain) if plain else None
        if kind in PAGE_BOILERPLATE:
            findings.append(f"{label}:{number}: boilerplate ({kind}): {plain!r}")
        key = re.sub(r"\s+", "", plain)
        if len(key) >= MIN_REPEATED_PARAGRAPH and not plain.startswith(("#", "|", "*[")):
            paragraphs[key] += 1
            first_line.setdefault(key, number)
            if paragraphs[key] == 2:
                findings.append(f"{label}:{number}: duplicated paragraph (first at line "
                                f"{first_line[key]}): {plain[:40]!r}")
    return findings

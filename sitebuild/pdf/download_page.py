"""Fill in the PDF facts (pages, size, edition date) on each edition's built download page.

The download page is built by MkDocs before the PDFs exist, so its Markdown holds empty
placeholders, ``<span data-handbook="size-zh"></span>``, that this step fills in the built HTML.
The download page itself is not part of any PDF, so there is no circularity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .labels import Labels

PLACEHOLDER = re.compile(r'(<span data-handbook="(pages|size|date)-([a-z]+)">)[^<]*(</span>)')


@dataclass(frozen=True)
class PdfFacts:
    """The facts a download page states about one language's PDF."""

    language: str
    pages: int
    size: int
    edition_date: date


def format_size(size: int) -> str:
    """Bytes as a reader expects them on a download page (``1.9 MB``, ``640 KB``), with a
    no-break space so the unit never wraps away from its number."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}\u00a0MB"
    return f"{max(1, round(size / 1000))}\u00a0KB"


def fill(html: str, facts: dict[str, PdfFacts], labels: Labels) -> tuple[str, int]:
    """Replace every known placeholder; return the new HTML and how many were filled."""
    count = 0

    def value(match: re.Match[str]) -> str:
        nonlocal count
        kind, language = match.group(2), match.group(3)
        if language not in facts:
            return match.group(0)
        pdf = facts[language]
        text = {
            "pages": str(pdf.pages),
            "size": format_size(pdf.size),
            "date": labels.format_date(pdf.edition_date),
        }[kind]
        count += 1
        return f"{match.group(1)}{text}{match.group(4)}"

    return PLACEHOLDER.sub(value, html), count


def fill_page(path: Path, facts: dict[str, PdfFacts], labels: Labels) -> int:
    """Fill the placeholders of one built page in place; return how many were filled."""
    html, count = fill(path.read_text(encoding="utf-8"), facts, labels)
    if count:
        path.write_text(html, encoding="utf-8")
    return count

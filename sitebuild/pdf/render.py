"""Render the assembled handbook with WeasyPrint, reading local files only.

Page numbers in the contents and in cross-references are ``target-counter()`` rules naming each
target literally (``url("#id")``, written per target by ``page_refs.py``). WeasyPrint lays the
document out once (its first loop prints a three-digit placeholder) and ``paginate.render_numbered``
writes each target's page into the laid-out box, where WeasyPrint's second loop would have printed
it after laying those pages out again. One
render is therefore enough when every number it printed is the page its target landed on, and
that is checked, not assumed: :func:`misprinted` reads the number after each internal link from the
laid-out boxes and compares it with :func:`anchor_pages`. Only when a number is wrong does a
further pass run (the fallback, WeasyPrint's own loops as ``paginate.render``): it writes the numbers the previous layout produced as plain text
(``data-page``) and stops when the layout gives back the same numbers.

The fetcher allows ``file:`` and ``data:`` URLs and fails on any missing resource, so a broken image
stops the build instead of leaving a hole, and the build never reaches the network.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes
from weasyprint.urls import URLFetcher

from .document import STYLESHEET
from .paginate import anchor_pages, render, render_numbered

#: Re-renders allowed after the first when its numbers are wrong (the fallback; see the module doc).
MAX_EXTRA_PASSES = 3
_INTERNAL_LINK = re.compile(r'<a (?P<attrs>[^>]*?)href="#(?P<id>[^"]+)"')
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Rendered:
    """What the build reports about one PDF."""

    path: Path
    pages: int
    size: int
    warnings: list[str]
    passes: int = 1       # full renders it took; 1 when target-counter() printed every page right
    references: int = 0   # printed page numbers checked against where their targets landed


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def printed_page_numbers(document: "Document") -> list[tuple[str, int]]:
    """(target id, number) of every page number printed after an internal link (``a::after``).

    Read from the laid-out boxes (``Page._page_box`` of the pinned WeasyPrint 70), so it is what the
    PDF shows: a contents entry's number, or the N of "（见第 N 页）" / "(p. N)". A link whose
    ``::after`` prints no number is not one."""
    texts: dict[tuple[int, int], list[str]] = {}
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.descendants():
            # a cross-reference's "(p. N)" is an inline block (print.css), a contents number inline
            if not (isinstance(box, (boxes.InlineBox, boxes.InlineBlockBox)) and box.element_tag == "a::after"):
                continue
            href = box.element.get("href") or ""
            if href.startswith("#"):
                text = "".join(b.text for b in box.descendants() if isinstance(b, boxes.TextBox))
                texts.setdefault((id(box.element), number), [href[1:], ""])[1] += text
    found = []
    for target, text in texts.values():
        digits = _NUMBER.findall(text)
        if digits:
            found.append((target, int(digits[-1])))
    return found


def misprinted(printed: list[tuple[str, int]], pages: dict[str, int]) -> list[str]:
    """Each printed number that is not its target's page, as "#id: printed N, lands on M"."""
    return [f"#{target}: printed {shown}, lands on {pages.get(target)}"
            for target, shown in printed if pages.get(target) != shown]


def with_page_numbers(html: str, pages: dict[str, int]) -> str:
    """``html`` with each internal link carrying its target's page as ``data-page`` (plain text)."""
    def number(match: re.Match[str]) -> str:
        page = pages.get(match["id"])
        if page is None:
            return match[0]
        return f'<a data-page="{page}" {match["attrs"]}href="#{match["id"]}"'
    return _INTERNAL_LINK.sub(number, html)


def render_pdf(html: str, out: Path, base_dir: Path) -> Rendered:
    """Write ``html`` as a PDF to ``out``; fonts are subset (WeasyPrint's default)."""
    fetcher = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
    log = logging.getLogger("weasyprint")
    collect = _Collect()
    log.addHandler(collect)
    base_url = base_dir.resolve().as_uri() + "/"
    counter_style = CounterStyle()  # shared, so print.css's @counter-style page-ref applies
    sheets = [CSS(filename=str(STYLESHEET), url_fetcher=fetcher, counter_style=counter_style)]
    try:
        document = render_numbered(HTML(string=html, base_url=base_url, url_fetcher=fetcher),
                                   sheets, counter_style)
        pages, printed = anchor_pages(document), printed_page_numbers(document)
        wrong, passes = misprinted(printed, pages), 1
        while wrong and passes <= MAX_EXTRA_PASSES:  # the fallback: numbers as plain text
            document = render(HTML(string=with_page_numbers(html, pages), base_url=base_url,
                                   url_fetcher=fetcher), sheets, counter_style)
            pages, printed = anchor_pages(document), printed_page_numbers(document)
            wrong, passes = misprinted(printed, pages), passes + 1
        if wrong:
            collect.messages.append(f"page numbers did not settle after {passes} passes; "
                                    f"{len(wrong)} wrong, e.g. {wrong[0]}")
        out.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(out)
    finally:
        log.removeHandler(collect)
    return Rendered(out, len(document.pages), out.stat().st_size, collect.messages, passes, len(printed))

"""Render the assembled handbook with WeasyPrint, reading local files only.

Page numbers in the contents and in cross-references are settled by re-rendering until they hold:
WeasyPrint resolves ``target-counter()`` once, so when a reference's own text ("p. 151" where the
first layout had a shorter placeholder) adds a line that pushes a chapter onto the next page, the
contents keep the old number. Each further pass writes the numbers the previous layout produced as
plain text (``data-page``) and stops when the layout gives back the same numbers.

The fetcher allows ``file:`` and ``data:`` URLs and fails on any missing resource, so a broken image
stops the build instead of leaving a hole, and the build never reaches the network.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.urls import URLFetcher

from .document import STYLESHEET

#: Re-renders allowed after the first; two have always been enough (a number's width rarely changes twice).
MAX_EXTRA_PASSES = 3
_INTERNAL_LINK = re.compile(r'<a (?P<attrs>[^>]*?)href="#(?P<id>[^"]+)"')


@dataclass(frozen=True)
class Rendered:
    """What the build reports about one PDF."""

    path: Path
    pages: int
    size: int
    warnings: list[str]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def anchor_pages(document: "Document") -> dict[str, int]:
    """{anchor id: the 1-based page it lands on} in a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


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
    sheets = [CSS(filename=str(STYLESHEET), url_fetcher=fetcher)]
    try:
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(stylesheets=sheets)
        pages = anchor_pages(document)
        for _ in range(MAX_EXTRA_PASSES):
            document = HTML(string=with_page_numbers(html, pages), base_url=base_url,
                            url_fetcher=fetcher).render(stylesheets=sheets)
            pages, previous = anchor_pages(document), pages
            if pages == previous:
                break
        else:
            collect.messages.append("page numbers did not settle after "
                                    f"{MAX_EXTRA_PASSES + 1} passes; the contents may be off by a page")
        out.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(out)
    finally:
        log.removeHandler(collect)
    return Rendered(out, len(document.pages), out.stat().st_size, collect.messages)

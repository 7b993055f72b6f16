"""Render the assembled handbook with WeasyPrint, reading local files only.

The fetcher allows ``file:`` and ``data:`` URLs and fails on any missing resource, so a broken image
stops the build instead of leaving a hole, and the build never reaches the network.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from .document import STYLESHEET


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


def render_pdf(html: str, out: Path, base_dir: Path) -> Rendered:
    """Write ``html`` as a PDF to ``out``; fonts are subset (WeasyPrint's default)."""
    fetcher = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
    log = logging.getLogger("weasyprint")
    collect = _Collect()
    log.addHandler(collect)
    try:
        document = HTML(
            string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render(stylesheets=[CSS(filename=str(STYLESHEET), url_fetcher=fetcher)])
        out.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(out)
    finally:
        log.removeHandler(collect)
    return Rendered(out, len(document.pages), out.stat().st_size, collect.messages)

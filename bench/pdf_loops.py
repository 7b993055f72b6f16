"""How many pages WeasyPrint lays out per loop for each handbook, with its own eight loops and with
``sitebuild/pdf/paginate.py``'s two, what each costs in CPU, and whether the PDFs are the same.

    .venv/bin/python -m bench.pdf_loops                  # every edition, from the built site/
    .venv/bin/python -m bench.pdf_loops mkdocs.yml       # one edition

Run after ``./scripts/build`` (it reads the built pages). Each render runs in this process, the two
ways one after the other (CPU seconds of this process: ``time.process_time``), so a loaded machine
inflates both alike. Prints one line per render and whether the two PDFs are byte-identical.
"""

from __future__ import annotations

import argparse
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.document import Document
from weasyprint.urls import URLFetcher

from sitebuild import editions
from sitebuild.pdf import paginate
from sitebuild.pdf.document import STYLESHEET, build_chapters, handbook_html
from sitebuild.pdf.edition import load_edition
from sitebuild.pdf.render import anchor_pages, misprinted, printed_page_numbers

_PAGE = re.compile(r"Step 5 - Creating layout - Page \d+$")


class _LoopCounter(logging.Handler):
    """Pages laid out in each layout loop, read from WeasyPrint's progress log."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.loops: list[int] = [0]

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "Repagination" in message:
            self.loops.append(0)
        elif _PAGE.match(message):
            self.loops[-1] += 1


def measured(render: Callable[[], Document]) -> tuple[Document, list[int], float]:
    """The document, pages laid out per loop, and CPU seconds of ``render()``."""
    progress, counter = logging.getLogger("weasyprint.progress"), _LoopCounter()
    progress.setLevel(logging.INFO)
    progress.addHandler(counter)
    started = time.process_time()
    try:
        document = render()
    finally:
        progress.removeHandler(counter)
    return document, counter.loops, time.process_time() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("configs", nargs="*", default=[e.config for e in editions.EDITIONS])
    args = parser.parse_args(argv)
    fetcher = URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)
    for config in args.configs:
        edition = load_edition(Path(config), Path("site"))
        source = handbook_html(edition, build_chapters(edition))
        base_url = edition.site_dir.resolve().as_uri() + "/"
        counters = CounterStyle()
        sheets = [CSS(filename=str(STYLESHEET), url_fetcher=fetcher, counter_style=counters)]
        pdfs = {}
        for name, render in (
            ("weasyprint (8 loops)", lambda: HTML(string=source, base_url=base_url,
                                                  url_fetcher=fetcher).render(stylesheets=sheets,
                                                                              counter_style=counters)),
            ("paginate (2 loops)", lambda: paginate.render(HTML(string=source, base_url=base_url,
                                                                url_fetcher=fetcher), sheets, counters)),
        ):
            document, loops, seconds = measured(render)
            wrong = misprinted(printed_page_numbers(document), anchor_pages(document))
            pdfs[name] = document.write_pdf()
            print(f"{config}: {name}: {len(document.pages)} pages, pages laid out per loop {loops} "
                  f"(total {sum(loops)}), {seconds:.1f} s CPU, {len(wrong)} wrong page numbers")
        same = len(set(pdfs.values())) == 1
        print(f"{config}: PDFs {'byte-identical' if same else 'DIFFER'} ({len(next(iter(pdfs.values())))} bytes)")


if __name__ == "__main__":
    main()

"""Build the printable PDF handbook of each language edition from the built site.

Run after ``mkdocs build`` of every edition (``./scripts/build`` does):

    .venv/bin/python -m sitebuild.pdf.build                 # site/handbook-zh.pdf, site/handbook-en.pdf
    .venv/bin/python -m sitebuild.pdf.build mkdocs.yml      # only the editions named

Each PDF is named after its edition's language and written to the site root (the ``site_dir`` of
the first config), then each edition's download page gets the PDFs' page counts, sizes and edition
dates. The editions render in parallel processes (WeasyPrint is single-threaded).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sitebuild import editions

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CONFIGS = tuple(e.config for e in editions.EDITIONS)


@dataclass(frozen=True)
class Result:
    """One finished PDF, as reported to the console, the benchmark and the download pages."""

    config: str
    language: str
    path: str
    pages: int
    size: int
    seconds: float
    edition_date: str
    chapters: int
    warnings: list[str]
    passes: int        # full renders (1 unless a printed page number was wrong)
    references: int    # printed page numbers checked against where their targets landed


def pdf_name(language: str) -> str:
    """File name of an edition's PDF at the site root: ``handbook-zh.pdf``."""
    return f"handbook-{language}.pdf"


def build_one(config: str, root_site_dir: str) -> Result:
    """Load one edition, convert its pages and render its PDF (runs in a worker process)."""
    from sitebuild.pdf.document import build_chapters, handbook_html
    from sitebuild.pdf.edition import load_edition
    from sitebuild.pdf.labels import LABELS
    from sitebuild.pdf.render import render_pdf

    started = time.perf_counter()
    edition = load_edition(Path(config), Path(root_site_dir))
    language = next(key for key, labels in LABELS.items() if labels is edition.labels)
    chapters = build_chapters(edition)
    html = handbook_html(edition, chapters)
    out = Path(root_site_dir) / pdf_name(language)
    rendered = render_pdf(html, out, edition.site_dir)
    return Result(
        config=config,
        language=language,
        path=str(out),
        pages=rendered.pages,
        size=rendered.size,
        seconds=round(time.perf_counter() - started, 1),
        edition_date=edition.edition_date.isoformat(),
        chapters=len(chapters),
        warnings=rendered.warnings,
        passes=rendered.passes,
        references=rendered.references,
    )


def fill_download_pages(configs: list[str], root_site_dir: Path, results: list[Result]) -> int:
    """Write the PDFs' facts into each edition's built download page."""
    from datetime import date

    from sitebuild.pdf.download_page import PdfFacts, fill_page
    from sitebuild.pdf.edition import WEB_ONLY_PAGES, load_edition

    facts = {
        r.language: PdfFacts(r.language, r.pages, r.size, date.fromisoformat(r.edition_date))
        for r in results
    }
    filled = 0
    for config in configs:
        edition = load_edition(Path(config), root_site_dir)
        for page in edition.web_pages.values():
            if page.src_uri in WEB_ONLY_PAGES and page.html_path.is_file():
                filled += fill_page(page.html_path, facts, edition.labels)
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.pdf.build",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("configs", nargs="*", default=list(DEFAULT_CONFIGS),
                        help="MkDocs config of each edition (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="editions rendered at the same time (default: %(default)s)")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    for config in args.configs:
        if not Path(config).is_file():
            print(f"找不到配置文件 / config file not found: {config}", file=sys.stderr)
            return 2
    from mkdocs.config import load_config

    root_site_dir = Path(load_config(args.configs[0]).site_dir)
    started = time.perf_counter()
    from weasyprint.urls import FatalURLFetchingError, URLFetchingError

    try:
        with ProcessPoolExecutor(max_workers=max(1, min(args.jobs, len(args.configs)))) as pool:
            futures = [pool.submit(build_one, c, str(root_site_dir)) for c in args.configs]
            results = [f.result() for f in futures]
    except (ValueError, OSError, URLFetchingError, FatalURLFetchingError) as exc:
        # A page without <article>/<h1>, an unreadable file, a missing image: say which, no traceback.
        print(f"PDF 手册生成失败 / PDF handbook failed: {exc}", file=sys.stderr)
        return 1
    filled = fill_download_pages(args.configs, root_site_dir, results)
    total = round(time.perf_counter() - started, 1)
    for r in results:
        print(f"[pdf] {Path(r.path).relative_to(ROOT) if Path(r.path).is_relative_to(ROOT) else r.path}: "
              f"{r.pages} pages, {r.chapters} chapters, {r.size / 1e6:.2f} MB, {r.seconds} s, "
              f"edition {r.edition_date}; {r.references} page numbers right after {r.passes} "
              f"render{'s' if r.passes > 1 else ''}")
        for warning in r.warnings:
            print(f"[pdf]   WeasyPrint ({r.language}): {warning}", file=sys.stderr)
    print(f"[pdf] download pages: {filled} facts filled in; total {total} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

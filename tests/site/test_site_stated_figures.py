"""Guard the drift: every figure a built page states equals the one computed from the build.

A fact a reader sees is computed once; when someone types it by hand somewhere else (a page, a
template, a build step), the two drift apart. These tests read what the built pages state and
compare it with the source of the fact:

- the calculator's first-use download size, with the brotli sizes of the files the worker fetches;
- the PDF handbooks' pages and size, with the PDFs (on every page, not only the download pages);
- the theme colour, with Material's primary colour in the site's stylesheet;
- the site names, with each edition's ``site_name``.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import brotli
import pytest
from PIL import Image

if TYPE_CHECKING:
    import pypdf

from sitebuild.calculator_runtime import megabytes
from sitebuild.pdf.download_page import format_size
from site_html import EDITIONS, all_pages, edition_root

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = {"zh": ROOT / "mkdocs.yml", "en": ROOT / "mkdocs.en.yml"}

#: "约 3.4 MB" / "about 3.4 MB": how a page states the calculator's first-use download.
STATED_DOWNLOAD = re.compile(r"(?:约|about)\s*(\d+(?:\.\d+)?)\s*MB")
DATA_DOWNLOAD = re.compile(r'data-download="([^"]+)"')
HANDBOOK_SPAN = re.compile(r'<span data-handbook="(pages|size)-([a-z]+)">([^<]*)</span>')
#: A PDF fact typed into a page's Markdown instead of a data-handbook placeholder.
TYPED_PDF_FACT = re.compile(r"(?:PDF|handbook|手册).{0,60}?\d+(?:\.\d+)?\s*(?:页|pages|MB|KB)", re.I)


def _site_url(page: Path, site: Path) -> str:
    return "/" + page.parent.relative_to(site).as_posix().strip(".") + "/"


def _site_file(site: Path, page: Path, href: str) -> Path:
    return site / urljoin(_site_url(page, site).replace("//", "/"), href).lstrip("/")


@functools.cache
def _brotli_size(path: Path) -> int:
    """What the page states per file: the brotli-11 size the build's .br holds, else computed
    (once per file: the wheel has no .br, and every calculator page of both editions names it;
    brotli 11 of it four times was most of this file's CPU)."""
    br = path.with_name(path.name + ".br")
    if br.is_file():
        return br.stat().st_size
    return len(brotli.compress(path.read_bytes(), quality=11))


@functools.cache
def _pdf(path: Path) -> pypdf.PdfReader:
    """Each handbook parsed once per process: two tests read its pages and its title (none writes)."""
    import pypdf  # here, not with the module: every pytest worker collects this file

    return pypdf.PdfReader(path)


@pytest.fixture(scope="module")
def pages(site_dir: Path) -> dict[Path, str]:
    """Every built page of both editions, read once."""
    return {p: p.read_text(encoding="utf-8") for p in all_pages(site_dir)}


def test_download_size_stated_equals_the_runtime_files(site_dir: Path, pages: dict[Path, str]) -> None:
    widget_pages = {p: t for p, t in pages.items() if "data-download=" in t}
    assert len(widget_pages) >= 2, "the calculator pages of both editions carry data-download"
    for page, text in widget_pages.items():
        downloads = {html.unescape(m) for m in DATA_DOWNLOAD.findall(text)}
        assert len(downloads) == 1, f"{page}: widgets disagree on what the first use downloads"
        data = json.loads(downloads.pop())
        total = sum(entry[1] for entry in data["files"].values())  # [bytes, brotli bytes, (sha256)]
        assert data["total"] == total, f"{page}: data-download total is not the sum of its files"
        # Each per-file figure is the real file's, where the worker fetches it from.
        attrs = dict(re.findall(r'data-(pyodide|wheel|render)="([^"]+)"', text))
        where = {name: _site_file(site_dir, page, attrs["pyodide"] + name) for name in data["files"]}
        where[attrs["wheel"].rsplit("/", 1)[-1]] = _site_file(site_dir, page, attrs["wheel"])
        where[attrs["render"].rsplit("/", 1)[-1]] = _site_file(site_dir, page, attrs["render"])
        where["worker.js"] = _site_file(site_dir, page, attrs["render"].rsplit("/", 1)[0] + "/worker.js")
        for name, (size, br, *digest) in data["files"].items():
            assert where[name].is_file(), f"{page}: {name} is not at {where[name]}"
            assert (size, br) == (where[name].stat().st_size, _brotli_size(where[name])), f"{page}: {name}"
            assert digest in ([], [hashlib.sha256(where[name].read_bytes()).hexdigest()]), f"{page}: {name} sha256"
        stated = set(STATED_DOWNLOAD.findall(html.unescape(text)))
        assert stated, f"{page}: states no first-use download size"
        assert stated == {megabytes(total)}, (
            f"{page}: states a first-use download of {sorted(stated)} MB; the runtime files are "
            f"{megabytes(total)} MB (brotli 11). Let the build fill it in, never type it.")


def test_pdf_pages_and_size_stated_anywhere_equal_the_pdfs(site_dir: Path, pages: dict[Path, str]) -> None:
    real = {}
    for lang in EDITIONS:
        pdf = site_dir / f"handbook-{lang}.pdf"
        real[("pages", lang)] = str(len(_pdf(pdf).pages))
        real[("size", lang)] = format_size(pdf.stat().st_size)
    seen = 0
    for page, text in pages.items():
        for kind, lang, value in HANDBOOK_SPAN.findall(text):
            seen += 1
            assert value == real[(kind, lang)], f"{page}: states {kind} {value!r} for handbook-{lang}.pdf"
    assert seen >= 4, "the download pages state both PDFs' pages and size"


def test_no_pdf_figure_is_typed_into_a_page(site_dir: Path) -> None:
    typed = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        for n, line in enumerate(md.read_text(encoding="utf-8").splitlines(), 1):
            bare = HANDBOOK_SPAN.sub("", re.sub(r'<span data-handbook="[^"]+"></span>', "", line))
            if TYPED_PDF_FACT.search(bare):
                typed.append(f"{md.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not typed, "PDF pages or size typed by hand; use <span data-handbook=…>:\n" + "\n".join(typed)


def _primary_colour(css: str) -> str:
    match = re.search(r":root\s*>\s*\*\s*\{[^}]*--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})", css)
    assert match, "site.css defines Material's primary colour"
    return match.group(1).lower()


def test_theme_colour_everywhere_is_materials_primary_colour(site_dir: Path, pages: dict[Path, str]) -> None:
    primary = _primary_colour((site_dir / "assets/stylesheets/site.css").read_text(encoding="utf-8"))
    calc = (site_dir / "assets/calculator/calculator.css").read_text(encoding="utf-8")
    ink = re.search(r"\.calc-widget\s*\{[^}]*--calc-ink:\s*(#[0-9a-fA-F]{6})", calc)
    assert ink and ink.group(1).lower() == primary, "the calculator's ink is the theme colour"
    for lang in EDITIONS:
        manifest = json.loads((edition_root(site_dir, lang) / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["theme_color"].lower() == primary, f"{lang} manifest theme_color"
    for icon in sorted((site_dir / "icons").glob("icon-*.png")):
        pixel = Image.open(icon).convert("RGB").getpixel((0, 0))
        assert "#%02x%02x%02x" % pixel == primary, f"{icon.name} background"
    metas = 0
    for page, text in pages.items():
        for colour in re.findall(r'<meta name="theme-color" content="([^"]+)"', text):
            metas += 1
            assert colour.lower() == primary, f"{page}: theme-color {colour}"
    assert metas, "pages carry <meta name=theme-color>"


def _site_name(config: Path) -> str:
    match = re.search(r"^site_name:\s*(.+?)\s*$", config.read_text(encoding="utf-8"), re.M)
    assert match, f"{config.name} sets site_name"
    return match.group(1).strip("'\"")


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_site_name_everywhere_is_the_editions_site_name(site_dir: Path, lang: str) -> None:
    name = _site_name(CONFIGS[lang])
    root = edition_root(site_dir, lang)
    manifest = json.loads((root / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == name, f"{lang} manifest name {manifest['name']!r}"
    assert html.unescape(re.search(r"<title>([^<]*)</title>", (root / "index.html").read_text("utf-8")).group(1)) == name
    assert _pdf(site_dir / f"handbook-{lang}.pdf").metadata["/Title"] == name

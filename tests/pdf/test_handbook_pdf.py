"""The PDF handbooks that ./scripts/build wrote to site/: what a reader of each one gets.

The expected chapter titles come from the built web pages (the ``<h1>`` of every page in the
edition's nav), read here independently of sitebuild/pdf, so a chapter missing from the PDF, a wrong
TOC number, a missing glyph or a web-only part that leaks onto paper fails a test.
"""

from __future__ import annotations

import re
import subprocess
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import tinyhtml5
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

if TYPE_CHECKING:
    import pypdf

ROOT = Path(__file__).resolve().parents[2]
EDITIONS = {"zh": ROOT / "mkdocs.yml", "en": ROOT / "mkdocs.en.yml"}
PDF_LANG = {"zh": "zh-CN", "en": "en"}
#: Punctuation a Chinese line must not start with (kinsoku), and must not end with.
NO_LINE_START = "，。、；：？！）」』》〉】”’…"
NO_LINE_END = "（「『《〈【“‘"
#: Words of the web page's screen-only parts that must not reach paper.
SCREEN_ONLY = {
    "zh": ["复制结果", "更多选项", "正在本机加载计算引擎", "跳转至", "回到页面顶部", "¶"],
    "en": ["Copy result", "More options", "Loading the calculator engine", "Skip to content",
           "Back to top", "¶", "Permanent link"],
}


def _squash(text: str) -> str:
    """Text without whitespace and TOC leader dots, to compare titles that wrap across lines."""
    return re.sub(r"[\s.·…]+", "", text)


class _FirstH1(HTMLParser):
    """Collects the text of a page's first ``<h1>``, its child elements' text included (the ``¶``
    link too, as ``itertext`` gave it). Why not tinyhtml5: building the tree of every page cost
    ~1.5 s of CPU per edition, and the title is all that is read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside the first <h1>
        self.parts: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1" and not self.done:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.depth:
            self.depth -= 1
            self.done = not self.depth

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def first_h1_text(html: str) -> str:
    """The text of the first ``<h1>`` of ``html`` (the document is read up to the heading's end)."""
    parser = _FirstH1()
    end = html.find("</h1>")
    parser.feed(html[:end + len("</h1>")] if end >= 0 else html)
    parser.close()
    assert parser.done, "no <h1> on the page"
    return "".join(parser.parts)


@cache
def chapter_titles(lang: str) -> list[str]:
    """The ``<h1>`` of every built page in the edition's nav, except the download page."""
    config = load_config(str(EDITIONS[lang]))
    nav = get_navigation(get_files(config), config)
    titles = []
    for page in nav.pages:
        if page.file.src_uri == "handbook.md":
            continue
        html = (Path(config.site_dir) / page.file.dest_uri).read_text(encoding="utf-8")
        titles.append(re.sub(r"[\s¶]+", " ", first_h1_text(html)).strip())
    return titles


@cache
def page_texts(path: Path) -> list[str]:
    """Text of each page as poppler lays it out (one string per page)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


@cache
def pdf_reader(path: Path) -> pypdf.PdfReader:
    """The PDF parsed once per process for every test that reads its structure (none writes to it)."""
    import pypdf  # here, not with the module: every pytest worker collects this file

    return pypdf.PdfReader(path)


#: One worker reads both PDFs: their text and structure are extracted once per run, not per worker.
pytestmark = pytest.mark.xdist_group("handbook_pdf")


@pytest.fixture(params=sorted(EDITIONS))
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def pdf(site_dir: Path, lang: str) -> Path:
    path = site_dir / f"handbook-{lang}.pdf"
    if not path.is_file():
        pytest.fail(f"{path} was not built: ./scripts/build runs sitebuild/pdf/build.py")
    return path


def test_every_chapter_title_is_in_the_pdf(pdf: Path, lang: str) -> None:
    text = _squash("".join(page_texts(pdf)))
    titles = chapter_titles(lang)
    assert len(titles) >= 10
    missing = [t for t in titles if _squash(t) not in text]
    assert not missing, f"chapters missing from {pdf.name}: {missing}"


def test_text_is_in_the_edition_language_without_replacement_characters(pdf: Path, lang: str) -> None:
    text = "".join(page_texts(pdf))
    assert "\ufffd" not in text, "U+FFFD in the extracted text: a glyph is missing"
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if lang == "zh":
        assert han > 2 * latin, f"zh PDF is not mostly Chinese (han={han}, latin={latin})"
    else:
        assert latin > 4 * han, f"en PDF is not mostly English (han={han}, latin={latin})"
    assert pdf_reader(pdf).trailer["/Root"]["/Lang"] == PDF_LANG[lang]


def test_fonts_are_embedded_subset_noto_cjk_sc(pdf: Path) -> None:
    fonts: dict[str, pypdf.generic.DictionaryObject] = {}
    for page in pdf_reader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not a subset"
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), \
            f"{name} is not embedded"
    cjk = [n for n in fonts if "CJK" in n]
    assert cjk and all(n.endswith(("CJK-SC", "CJK-SC-Bold")) for n in cjk), \
        f"CJK text must use the Simplified Chinese faces only: {sorted(fonts)}"
    assert any("Bold" in n for n in fonts), "headings are not in a real bold face"


# Non-space characters a page holds on average, at least: about half of what the handbooks held in
# December 2026 (measure: pdftotext each page, strip white space, mean). A layout that runs away
# (a column one character wide, a table cell per page) drops far below it.
MIN_MEAN_CHARS = {"zh": 300, "en": 600}


def test_page_count_is_sane(pdf: Path, lang: str) -> None:
    """Every chapter starts a page, and the pages are full: the bound grows with the text, not
    with a fixed number of pages per chapter (content rounds add sections to the same chapters)."""
    pages = len(pdf_reader(pdf).pages)
    chapters = len(chapter_titles(lang))
    assert pages >= chapters + 3
    filled = [len("".join(text.split())) for text in page_texts(pdf)]
    assert len(filled) == pages
    mean = sum(filled) / pages
    assert mean >= MIN_MEAN_CHARS[lang], f"{pages} pages hold {mean:.0f} characters each on average"
    nearly_empty = sum(1 for n in filled if n < 40)
    assert nearly_empty <= chapters, f"{nearly_empty} pages hold under 40 characters"


def test_toc_page_numbers_match_where_chapters_start(pdf: Path, lang: str) -> None:
    reader = pdf_reader(pdf)
    texts = page_texts(pdf)
    starts = {item.title: reader.get_destination_page_number(item) + 1
              for item in reader.outline if not isinstance(item, list)}
    first_chapter = min(starts[t] for t in chapter_titles(lang))
    toc = _squash("".join(texts[1:first_chapter - 1]))
    for title in chapter_titles(lang):
        page = starts.get(title)
        assert page, f"no bookmark for chapter {title!r}"
        assert _squash(title) in _squash(texts[page - 1]), f"{title!r} does not start on page {page}"
        footer = texts[page - 1].strip().splitlines()[-1].strip()
        assert footer == str(page), f"page {page} is numbered {footer!r}"
        assert re.search(re.escape(_squash(title)) + str(page) + r"(?!\d)", toc), \
            f"the contents do not give page {page} for {title!r}"


def test_chinese_lines_do_not_start_with_closing_punctuation(site_dir: Path) -> None:
    lines = [ln.strip() for t in page_texts(site_dir / "handbook-zh.pdf") for ln in t.splitlines()]
    bad_start = [ln for ln in lines if ln and ln[0] in NO_LINE_START]
    bad_end = [ln for ln in lines if ln and ln[-1] in NO_LINE_END]
    assert len(lines) > 500
    assert not bad_start, f"lines starting with closing punctuation: {bad_start[:5]}"
    assert not bad_end, f"lines ending with opening punctuation: {bad_end[:5]}"


def test_no_screen_only_parts_on_paper(pdf: Path, lang: str) -> None:
    text = "".join(page_texts(pdf))
    leaked = [w for w in SCREEN_ONLY[lang] if w in text]
    assert not leaked, f"web-only parts printed: {leaked}"


def test_links_stay_in_the_document_or_go_to_public_web_addresses(pdf: Path) -> None:
    internal = 0
    for page in pdf_reader(pdf).pages:
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            action = annot.get("/A", {})
            if "/URI" in action:
                uri = str(action["/URI"])
                assert re.match(r"^(https?|mailto|tel):", uri), f"link to {uri}"
                assert not re.match(r"^https?://(127\.|localhost|\[::1\])", uri), f"link to {uri}"
            else:
                internal += 1
    assert internal > 20, "the contents and cross-references should be in-document links"


def test_calculator_examples_are_printed_with_a_note(pdf: Path, lang: str) -> None:
    from sitebuild.pdf.labels import LABELS

    text = _squash("".join(page_texts(pdf)))
    note = _squash(LABELS[lang].calculator_note)
    assert text.count(note) >= 3, "each calculator example ends with a pointer to the web calculator"


def test_download_pages_link_the_pdfs_and_state_their_facts(site_dir: Path, lang: str) -> None:
    from sitebuild.pdf.download_page import format_size

    page = site_dir / ("handbook/index.html" if lang == "zh" else "en/handbook/index.html")
    html = page.read_text(encoding="utf-8")
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    url = "/" + page.parent.relative_to(site_dir).as_posix() + "/"
    targets = set()
    for a in root.iter("a"):
        href = a.get("href", "")
        if href.endswith(".pdf"):
            from urllib.parse import urljoin

            target = site_dir / urljoin(url, href).lstrip("/")
            assert target.is_file(), f"{page}: {href} does not reach a built PDF"
            targets.add(target.name)
    assert {"handbook-zh.pdf", "handbook-en.pdf"} <= targets
    for other in EDITIONS:
        path = site_dir / f"handbook-{other}.pdf"
        pages = len(pdf_reader(path).pages)
        assert f'data-handbook="pages-{other}">{pages}<' in html
        assert f'data-handbook="size-{other}">{format_size(path.stat().st_size)}<' in html
    assert re.search(rf'data-handbook="date-{lang}">[^<]*\d{{4}}[^<]*<', html)


def test_page_references_are_not_split_across_lines(pdf: Path) -> None:
    lines = [ln.strip() for t in page_texts(pdf) for ln in t.splitlines()]
    split = [ln for ln in lines if re.search(r"(（见第|（见第 \d+|\(p\.|\(p\. \d+)$", ln)]
    assert not split, f"a “(p. N)” reference broken over two lines: {split[:3]}"

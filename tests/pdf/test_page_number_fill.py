"""sitebuild/pdf/paginate.py ``render_numbered``: one layout loop, then each page number written into
its laid-out box, prints what WeasyPrint's second loop prints, in the same place (tiny documents with
the handbook's stylesheet and per-target rules). These exercise every WeasyPrint internal the step
uses (``layout_document(max_loops=)``, ``TextBox.pango_layout``/``width``/``position_x``,
``split_first_line``), so a WeasyPrint upgrade that changes one fails here loudly."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from sitebuild.pdf.document import STYLESHEET
from sitebuild.pdf.page_refs import internal_targets, page_number_css

if TYPE_CHECKING:
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle
    from weasyprint.document import Document

#: WeasyPrint (and sitebuild.pdf.paginate / render, which import it) is imported in the tests, not
#: with the module: every pytest worker collects this file, and only the one that runs the
#: pdf_render group should pay for the import (tests/pdf/test_lazy_weasyprint.py).
pytestmark = pytest.mark.xdist_group("pdf_render")  # on the worker that already renders

#: Each chapter runs onto a second page (25 pages in all, c12 on page 24): in English from 22
#: paragraphs on (20 fit one page); the forty of before laid out more text for the same pages.
FILLER = "<p>Text that fills the page, line after line, so that chapters run over pages.</p>" * 26
XREF = '<p>See <a class="xref" href="#{key}">chapter {key}</a> for more.</p>'
LABELS = {"en": (" (p. ", ")"), "zh": ("（见第 ", " 页）")}


def handbook(lang: str) -> str:
    """Contents for chapters c1-c12 (one and two-digit pages), forward and backward references."""
    keys = [f"c{n}" for n in range(1, 13)]
    toc = "".join(f'<li class="toc-chapter"><a href="#{key}">{key}</a></li>' for key in keys)
    chapters = "".join(
        f"<section class='chapter' id='{key}'><h1>{key}</h1>"
        f"{XREF.format(key=keys[-1])}{XREF.format(key='c1')}{FILLER}</section>" for key in keys)
    body = f"<body><section class='toc'><ul>{toc}</ul></section>{chapters}</body>"
    rules = page_number_css(internal_targets(body), *LABELS[lang])
    return f"<html lang='{lang}'><head><style>{rules}</style></head>{body}</html>"


def rendered(render: Callable[[HTML, list[CSS], CounterStyle], Document], html: str) -> tuple[Document, int]:
    """The document and how many layout loops WeasyPrint ran for it."""
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle

    loops = [1]

    class Count(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            loops[0] += "Repagination" in record.getMessage()

    progress, handler = logging.getLogger("weasyprint.progress"), Count()
    level = progress.level
    progress.setLevel(logging.INFO)
    progress.addHandler(handler)
    try:
        counters = CounterStyle()
        return render(HTML(string=html), [CSS(filename=str(STYLESHEET), counter_style=counters)], counters), loops[0]
    finally:
        progress.removeHandler(handler)
        progress.setLevel(level)


def number_boxes(document: Document) -> list[tuple[int, str, float]]:
    """(page, text, right edge) of every text box an internal link's ``::after`` printed a digit in."""
    from weasyprint.formatting_structure import boxes

    return [(number, box.text, round(box.position_x + box.width, 2))
            for number, page in enumerate(document.pages, start=1)
            for box in page._page_box.descendants()
            if isinstance(box, boxes.TextBox) and box.element_tag == "a::after"
            and any(c.isdigit() for c in box.text)]


@pytest.mark.parametrize("lang", sorted(LABELS))
def test_one_loop_and_filled_numbers_print_what_two_loops_print(lang: str) -> None:
    from weasyprint.formatting_structure import boxes

    from sitebuild.pdf import paginate
    from sitebuild.pdf.render import anchor_pages, misprinted, printed_page_numbers

    html = handbook(lang)
    filled, filled_loops = rendered(paginate.render_numbered, html)
    looped, looped_loops = rendered(paginate.render, html)
    assert (filled_loops, looped_loops) == (1, 2)
    pages = anchor_pages(filled)
    assert pages == anchor_pages(looped)
    assert pages["c1"] < 10 <= pages["c12"]  # one- and two-digit numbers
    assert pages["c2"] - pages["c1"] == 2  # a chapter runs over a page
    assert printed_page_numbers(filled) == printed_page_numbers(looped)
    assert misprinted(printed_page_numbers(filled), pages) == []
    assert len(printed_page_numbers(filled)) == 12 + 2 * 12
    # Same text, and each number ends where WeasyPrint's second loop ends it.
    assert number_boxes(filled) == number_boxes(looped)
    text = "".join(box.text for page in filled.pages for box in page._page_box.descendants()
                   if isinstance(box, boxes.TextBox))
    assert "000" not in text
    # A contents entry's leader ends less than one repeat of its string before its number, as after
    # a second loop (WeasyPrint lays the repeats from the line's end and drops those it overlaps).
    for page in filled.pages:
        for entry in page._page_box.descendants():
            leaders = [c for c in getattr(entry, "children", ()) if getattr(c, "is_leader", False)]
            numbers = [c for c in getattr(entry, "children", ()) if isinstance(c, boxes.TextBox)]
            if leaders and numbers:
                last_dot = max(d.position_x + d.width for d in leaders[0].children)
                repeat = leaders[0].children[0].width
                assert 0 <= numbers[-1].position_x - last_dot < repeat, (numbers[-1].text, last_dot)
    assert filled.write_pdf().startswith(b"%PDF")


def test_the_placeholder_is_what_the_first_loop_prints() -> None:
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle

    from sitebuild.pdf import paginate

    counters = CounterStyle()
    sheets = [CSS(filename=str(STYLESHEET), counter_style=counters)]
    HTML(string="<p>x</p>").render(stylesheets=sheets, counter_style=counters)  # adds the UA's decimal
    assert counters.render_value(0, paginate.PAGE_STYLE) == "000"
    assert [counters.render_value(n, paginate.PAGE_STYLE) for n in (1, 45, 279)] == ["1", "45", "279"]


def test_another_weasyprint_version_gets_the_ordinary_render(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    from sitebuild.pdf import paginate
    from sitebuild.pdf.render import anchor_pages, misprinted, printed_page_numbers

    monkeypatch.setattr(weasyprint, "__version__", "0.0-not-pinned")
    document, loops = rendered(paginate.render_numbered, handbook("en"))
    assert loops == 3  # WeasyPrint's own loops, nothing filled in
    assert misprinted(printed_page_numbers(document), anchor_pages(document)) == []

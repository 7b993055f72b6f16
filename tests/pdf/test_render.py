"""sitebuild/pdf/render.py: one render when target-counter() printed every page number right, a
re-render only when the check finds a wrong one; sitebuild/pdf/paginate.py: two layout loops give
WeasyPrint's result (tiny documents with the handbook's stylesheet)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sitebuild.pdf.document import STYLESHEET
from sitebuild.pdf.page_refs import internal_targets, page_number_css

if TYPE_CHECKING:
    from weasyprint.document import Document

#: WeasyPrint (costly to import: ``bench.cpu_time .venv/bin/python -c "import weasyprint"``) is
#: imported in the tests that render, not with the module: a pytest worker collects every test
#: file, and one that runs no PDF test never imports it (tests/pdf/test_lazy_weasyprint.py). The
#: rendering tests share one xdist group, so of the fast half's workers only one imports it.
pytestmark = pytest.mark.xdist_group("pdf_render")

CHAPTER = "<section class='chapter' id='{key}'><h1>{title}</h1>" + "<p>Text that fills the page.</p>" * 40 + "</section>"


def handbook(toc_attrs: str = "", per_target: bool = True) -> str:
    """A contents page, three chapters of a few pages each and a cross-reference to chapter 3; links
    in double quotes, as the handbook template writes them (the fallback rewrites those). With
    ``per_target`` the page-number rules name each target, as ``document.py`` writes them."""
    toc = "".join(f'<li class="toc-chapter"><a {toc_attrs if key == "c3" else ""}href="#{key}">{key}</a></li>'
                  for key in ("c1", "c2", "c3"))
    chapters = "".join(CHAPTER.format(key=key, title=key) for key in ("c1", "c2", "c3"))
    xref = '<p>See <a class="xref" href="#c3">chapter 3</a>.</p>'
    body = f"<body><section class='toc'><ul>{toc}</ul></section>{chapters}{xref}</body>"
    rules = page_number_css(internal_targets(body), " (p. ", ")") if per_target else ""
    return (f"<html lang='en'><head><style>a.xref::after {{ content: ' (p. ' target-counter(attr(href url), page) ')'; }}"
            f"{rules}</style></head>{body}</html>")


def laid_out(html: str) -> tuple[dict[str, int], list[tuple[str, int]]]:
    from weasyprint import CSS, HTML

    from sitebuild.pdf.render import anchor_pages, printed_page_numbers

    document = HTML(string=html).render(stylesheets=[CSS(filename=str(STYLESHEET))])
    return anchor_pages(document), printed_page_numbers(document)


def test_the_numbers_read_from_the_layout_are_the_targets_pages() -> None:
    from sitebuild.pdf.render import misprinted

    pages, printed = laid_out(handbook())
    assert sorted(printed) == sorted([("c1", pages["c1"]), ("c2", pages["c2"]), ("c3", pages["c3"]), ("c3", pages["c3"])])
    assert pages["c1"] < pages["c2"] < pages["c3"]
    assert misprinted(printed, pages) == []


def test_a_wrong_printed_number_is_found() -> None:
    from sitebuild.pdf.render import misprinted

    pages, printed = laid_out(handbook(toc_attrs="data-page='99' "))  # the contents print 99 for c3
    assert ("c3", 99) in printed
    assert misprinted(printed, pages) == [f"#c3: printed 99, lands on {pages['c3']}"]


def test_one_render_when_the_numbers_are_right(tmp_path: Path) -> None:
    from sitebuild.pdf.render import render_pdf

    rendered = render_pdf(handbook(), tmp_path / "a.pdf", tmp_path)
    assert (rendered.passes, rendered.references, rendered.warnings) == (1, 4, [])


def test_a_wrong_number_is_re_rendered_until_right(tmp_path: Path) -> None:
    from sitebuild.pdf.render import render_pdf

    rendered = render_pdf(handbook(toc_attrs="data-page='99' "), tmp_path / "b.pdf", tmp_path)
    assert (rendered.passes, rendered.references, rendered.warnings) == (2, 4, [])


def test_numbers_two_layout_loops_leave_wrong_are_re_rendered_right(tmp_path: Path) -> None:
    from sitebuild.pdf.render import render_pdf

    # Only the generic attr(href) rules (what page_refs.py replaces): WeasyPrint needs its third
    # loop for those, paginate.py stops after two, the check sees the wrong number and re-renders.
    rendered = render_pdf(handbook(per_target=False), tmp_path / "c.pdf", tmp_path)
    assert (rendered.passes, rendered.references, rendered.warnings) == (2, 4, [])


def layout_loops(render: Callable[[], Document]) -> tuple[Document, int]:
    """The document ``render`` returns and how many layout loops WeasyPrint ran for it."""
    loops = [1]

    class Count(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "Repagination" in record.getMessage():
                loops[0] += 1

    progress, handler = logging.getLogger("weasyprint.progress"), Count()
    level = progress.level
    progress.setLevel(logging.INFO)
    progress.addHandler(handler)
    try:
        return render(), loops[0]
    finally:
        progress.removeHandler(handler)
        progress.setLevel(level)


def test_two_layout_loops_give_the_same_pdf_as_weasyprints_three() -> None:
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle

    from sitebuild.pdf import paginate
    from sitebuild.pdf.render import anchor_pages, misprinted, printed_page_numbers

    # The cross-reference sits on chapter 1's first page, a target of the contents: re-made in the
    # second loop for its number, that page makes WeasyPrint re-make the contents page in a third.
    html = handbook().replace("<h1>c1</h1>", '<h1>c1</h1><p>See <a class="xref" href="#c3">chapter 3</a>.</p>')
    counters = CounterStyle()
    sheets = [CSS(filename=str(STYLESHEET), counter_style=counters)]
    ordinary, ordinary_loops = layout_loops(
        lambda: HTML(string=html).render(stylesheets=sheets, counter_style=counters))
    capped, capped_loops = layout_loops(lambda: paginate.render(HTML(string=html), sheets, counters))
    assert (ordinary_loops, capped_loops) == (3, paginate.LAYOUT_LOOPS)
    assert anchor_pages(capped) == anchor_pages(ordinary)
    assert printed_page_numbers(capped) == printed_page_numbers(ordinary)
    assert misprinted(printed_page_numbers(capped), anchor_pages(capped)) == []
    assert capped.write_pdf() == ordinary.write_pdf()


def test_a_cross_reference_is_as_wide_whatever_its_number() -> None:
    """print.css: a "(p. N)" box is three digits wide for any N, so the first layout loop's
    three-digit-wide 0 and the real number fill the same space and no target moves between loops.
    (With the reference as plain inline text, a two-digit number let a zh target move back a page
    in December 2026 and the whole handbook was rendered twice.)"""
    from weasyprint.formatting_structure import boxes
    from weasyprint import CSS, HTML

    for lang, (start, end) in {"en": (" (p. ", ")"), "zh": ("（见第 ", " 页）")}.items():
        refs = "".join(f'<p>See <a class="xref" data-page="{n}" href="#t">x</a>.</p>' for n in (1, 45, 123))
        rule = f'a.xref[data-page]::after {{ content: "{start}" attr(data-page) "{end}"; }}'
        html = f"<html lang='{lang}'><head><style>{rule}</style></head><body>{refs}<p id='t'>t</p></body></html>"
        document = HTML(string=html).render(stylesheets=[CSS(filename=str(STYLESHEET))])
        widths = {round(box.width, 2) for box in document.pages[0]._page_box.descendants()
                  if isinstance(box, (boxes.InlineBox, boxes.InlineBlockBox)) and box.element_tag == "a::after"}
        assert len(widths) == 1, (lang, widths)

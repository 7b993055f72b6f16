"""sitebuild/pdf/page_refs.py: per-target url("#id") page-number rules, their escaping, and the\nfallback's data-page still winning over them."""

from __future__ import annotations

import pytest

from sitebuild.pdf.page_refs import PAGE_STYLE, css_string, internal_targets, page_number_css

#: WeasyPrint is imported in the tests that render, not with the module (why: tests/pdf/test_render.py).
pytestmark = pytest.mark.xdist_group("pdf_render")


def document(rules: str, xref_attrs: str = "") -> str:
    """Contents and a cross-reference, both pointing at chapter 2 on page 3."""
    return (f"<html lang='en'><head><style>section {{ break-before: page }}{rules}</style></head><body>"
            f"<section class='toc'><ul><li><a href=\"#c2\">c2</a></li></ul></section><section id='c1'>"
            f"<p>See <a class=\"xref\" {xref_attrs}href=\"#c2\">two</a></p></section>"
            f"<section id='c2'><h1>Two</h1></section></body></html>")


def laid_out(html: str) -> tuple[dict[str, int], list[tuple[str, int]]]:
    from weasyprint import HTML

    from sitebuild.pdf.render import anchor_pages, printed_page_numbers

    rendered = HTML(string=html).render()
    return anchor_pages(rendered), printed_page_numbers(rendered)


def test_the_per_target_rules_print_the_targets_page() -> None:
    pages, printed = laid_out(document(page_number_css(["c2"], " (p. ", ")")))
    assert pages["c2"] == 3
    assert sorted(printed) == [("c2", 3), ("c2", 3)]


def test_the_fallbacks_data_page_wins_over_the_per_target_rule() -> None:
    from sitebuild.pdf.render import misprinted

    rules = page_number_css(["c2"], " (p. ", ")") + "a.xref[data-page]::after { content: ' (p. ' attr(data-page) ')'; }"
    pages, printed = laid_out(document(rules, xref_attrs="data-page='99' "))
    assert misprinted(printed, pages) == ["#c2: printed 99, lands on 3"]


def test_targets_are_listed_once_unescaped() -> None:
    html = '<a href="#a">x</a><a class="xref" href="#b&amp;c">y</a><a href="#a">z</a><a href="https://x">w</a>'
    assert internal_targets(html) == ["a", "b&c"]


def test_css_strings_cannot_end_the_string_or_the_style_element() -> None:
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'


def test_the_page_ref_counter_style_prints_real_pages_in_decimal_and_an_unplaced_target_3_wide() -> None:
    # print.css's page-ref style: 0 (what WeasyPrint prints before it has placed the target) is
    # "000", every real page number is plain decimal. The style needs the CounterStyle the
    # stylesheet was parsed with, as render.py passes it.
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle
    from weasyprint.formatting_structure import boxes

    from sitebuild.pdf.document import STYLESHEET

    counters = CounterStyle()
    html = "".join(f"<p style='counter-reset: n {n}'><span>x</span></p>" for n in (0, 7, 45, 216))
    sheets = [CSS(filename=str(STYLESHEET), counter_style=counters),
              CSS(string=f"span::after {{ content: counter(n, {PAGE_STYLE}); }}", counter_style=counters)]
    rendered = HTML(string=html).render(stylesheets=sheets, counter_style=counters)
    printed = ["".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox))
               for box in rendered.pages[0]._page_box.descendants()
               if isinstance(box, boxes.InlineBox) and box.element_tag == "span::after"]
    assert printed == ["000", "7", "45", "216"]

"""Lay out the handbook with at most two WeasyPrint layout loops instead of up to eight.

Why: a page that prints ``target-counter()`` is laid out again in WeasyPrint's second loop, once
the numbers are known. WeasyPrint 70 then lays out most of those pages a third time for nothing:
when a page is re-made, ``TargetCollector.cache_target_page_counters`` (``css/targets.py``)
compares each target's cached page counters with the new ones, and the set includes the total
page count ``pages``, which is 0 during the first loop and the real total afterwards
(``layout/__init__.py`` sets it between loops). So every target on a re-made page looks changed and
every page printing its number is flagged again; the third loop prints the same numbers.

Two loops are enough only if filling the numbers in moves no target: the first loop prints 0 for
a target not yet placed, and "(p. 0)" re-flowing to "(p. 123)" did move targets in the English
edition. ``print.css``'s ``page-ref`` counter style therefore prints that 0 three digits wide.
``.venv/bin/python -m bench.pdf_loops`` prints the pages laid out per loop, the CPU seconds both
ways and whether the two PDFs are byte-identical.

**One loop, numbers filled in** (:func:`render_numbered`, what the build uses). The second loop
only swaps each placeholder for its number, yet it lays out again every page that prints one
(backward references included). Nothing the number touches can move: a cross-reference's
"(p. N)" is an inline block three digits wide with its text set right (``print.css``), and a
contents number ends its line. So the build lays out once and then writes each number into the
laid-out text box that shows the placeholder, shaped by WeasyPrint's own ``split_first_line`` and
moved right by the width it lost, where a second loop would have set it; a contents entry's
leader moves with its number (the room it leaves opens after the title, where a leader's slack is). ``render.py`` reads every
printed number back and re-renders with plain-text numbers if one is wrong, as before.

This is WeasyPrint's own ``Document._render`` with ``layout_document(..., max_loops=2)``: the same
internal calls, nothing of WeasyPrint replaced or patched. It relies on the pinned version, so any
other version gets the ordinary ``HTML.render``. A number that two loops did not settle is not
left to luck: ``render.py`` checks every printed number against the page its target landed on and
re-renders with the numbers as plain text if one is wrong.
"""

from __future__ import annotations

import weasyprint
from weasyprint import CSS, DEFAULT_OPTIONS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.css.counters import CounterStyle
from weasyprint.document import Document, DocumentMetadata, Page
from weasyprint.formatting_structure.build import build_formatting_structure
from weasyprint.html import get_html_metadata
from weasyprint.layout import LayoutContext, layout_document
from weasyprint.text.line_break import split_first_line
from weasyprint.text.fonts import FontConfiguration

from .page_refs import PAGE_STYLE

#: WeasyPrint's layout loops allowed: the first lays out, the second prints the page numbers.
LAYOUT_LOOPS = 2
#: The version whose internals this follows (requirements/site.txt pins it).
WEASYPRINT_VERSION = "70.0"


def render(html: HTML, stylesheets: list[CSS], counter_style: CounterStyle | None = None,
           max_loops: int = LAYOUT_LOOPS) -> Document:
    """``html.render(stylesheets=..., counter_style=...)``, with at most ``max_loops`` layout loops.

    ``counter_style`` must be the one the stylesheets were parsed with for their
    ``@counter-style`` rules to apply (as with ``HTML.render``)."""
    counter_style = counter_style if counter_style is not None else CounterStyle()
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        return html.render(stylesheets=stylesheets, counter_style=counter_style)
    return _laid_out(html, stylesheets, counter_style, max_loops)[0]


def render_numbered(html: HTML, stylesheets: list[CSS],
                    counter_style: CounterStyle | None = None) -> Document:
    """One layout loop, then each page number written into its laid-out box (module doc).

    Any other WeasyPrint version than the pinned one gets the ordinary ``HTML.render``."""
    counter_style = counter_style if counter_style is not None else CounterStyle()
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        return html.render(stylesheets=stylesheets, counter_style=counter_style)
    document, context = _laid_out(html, stylesheets, counter_style, max_loops=1)
    fill_page_numbers(document, context, counter_style)
    return document


def anchor_pages(document: Document) -> dict[str, int]:
    """{anchor id: the 1-based page it lands on} in a laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def fill_page_numbers(document: Document, context: LayoutContext, counter_style: CounterStyle) -> int:
    """Write each target's page over the placeholder its internal link's ``::after`` printed.

    The placeholder is what ``page-ref`` prints for 0 (a target not yet placed in the first loop).
    A box is changed the way WeasyPrint's line layout makes one (``layout/inline.py``
    ``split_text_box``): new text, its pango layout and width; it keeps its right edge. Returns the
    numbers written; a link whose box does not look as expected is left alone, and ``render.py``'s
    check then finds its wrong number."""
    placeholder = counter_style.render_value(0, PAGE_STYLE)
    pages = anchor_pages(document)
    moved: dict[int, float] = {}  # id(text box) -> how far its number moved right
    for page in document.pages:
        for box in page._page_box.descendants():
            if not (isinstance(box, boxes.TextBox) and box.element_tag == "a::after"
                    and placeholder in box.text):
                continue
            target = pages.get((box.element.get("href") or "").removeprefix("#"))
            if target is None:
                continue
            shown = counter_style.render_value(target, PAGE_STYLE)
            if not shown:
                continue
            head, _, tail = box.text.rpartition(placeholder)
            text = head + shown + tail
            layout, _, _, width, _, _ = split_first_line(
                text, box.style, context, None, box.justification_spacing)
            moved[id(box)] = box.width - width
            box.position_x += box.width - width
            box.text, box.pango_layout, box.width = text, layout, width
    # A contents entry's leader follows its number, as the second loop would have set it.
    for page in document.pages:
        for parent in page._page_box.descendants():
            children = getattr(parent, "children", ())
            for index, child in enumerate(children):
                if id(child) in moved:
                    for leader in children[:index]:
                        if getattr(leader, "is_leader", False):
                            leader.translate(dx=moved[id(child)])
    return len(moved)


def _laid_out(html: HTML, stylesheets: list[CSS], counter_style: CounterStyle,
              max_loops: int) -> tuple[Document, LayoutContext]:
    """WeasyPrint 70's ``Document._render`` with ``max_loops``, and the layout context it used."""
    options = dict(DEFAULT_OPTIONS, stylesheets=stylesheets)
    font_config, color_profiles = FontConfiguration(), {}
    context = Document._build_layout_context(html, font_config, counter_style, color_profiles, options)
    root_box = build_formatting_structure(
        html.etree_element, context.style_for, context.get_image_from_uri, html.base_url,
        context.target_collector, counter_style, context.footnotes)
    page_boxes = layout_document(html, root_box, context, max_loops=max_loops)
    document = Document([Page(page_box) for page_box in page_boxes],
                        DocumentMetadata(**get_html_metadata(html)), html.url_fetcher,
                        font_config, color_profiles, options["output_intent"])
    document._html = html  # as Document._render does
    return document, context

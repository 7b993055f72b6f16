"""Lay out the handbook with at most two WeasyPrint layout loops instead of up to eight.

Why: a page that prints ``target-counter()`` is laid out again in WeasyPrint's second loop, once
the numbers are known. WeasyPrint 70 then lays out most of those pages a third time for nothing:
when a page is re-made, ``TargetCollector.cache_target_page_counters`` (``css/targets.py``)
compares each target's cached page counters with the new ones, and the set includes the total
page count ``pages``, which is 0 during the first loop and the real total afterwards
(``layout/__init__.py`` sets it between loops). So every target on a re-made page looks changed and
every page printing its number is flagged again; the third loop prints the same numbers. Measured
on the handbooks (``bench/pdf_loops.py``): the third loop re-made 107 of 181 Chinese pages, and the
PDF written after two loops is byte-identical to the one written after three.

This is WeasyPrint's own ``Document._render`` with ``layout_document(..., max_loops=2)``: the same
internal calls, nothing of WeasyPrint replaced or patched. It relies on the pinned version, so any
other version gets the ordinary ``HTML.render``. A number that two loops did not settle (a target
that moved in the second loop) is not trusted to luck: ``render.py`` checks every printed number
against the page its target landed on and re-renders with the numbers as plain text if one is
wrong.
"""

from __future__ import annotations

import weasyprint
from weasyprint import CSS, DEFAULT_OPTIONS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.document import Document, DocumentMetadata, Page
from weasyprint.formatting_structure.build import build_formatting_structure
from weasyprint.html import get_html_metadata
from weasyprint.layout import layout_document
from weasyprint.text.fonts import FontConfiguration

#: WeasyPrint's layout loops allowed: the first lays out, the second prints the page numbers.
LAYOUT_LOOPS = 2
#: The version whose internals this follows (requirements/site.txt pins it).
WEASYPRINT_VERSION = "70.0"


def render(html: HTML, stylesheets: list[CSS], max_loops: int = LAYOUT_LOOPS) -> Document:
    """``html.render(stylesheets=stylesheets)``, but with at most ``max_loops`` layout loops."""
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        return html.render(stylesheets=stylesheets)
    options = dict(DEFAULT_OPTIONS, stylesheets=stylesheets)
    font_config, counter_style, color_profiles = FontConfiguration(), CounterStyle(), {}
    context = Document._build_layout_context(html, font_config, counter_style, color_profiles, options)
    root_box = build_formatting_structure(
        html.etree_element, context.style_for, context.get_image_from_uri, html.base_url,
        context.target_collector, counter_style, context.footnotes)
    page_boxes = layout_document(html, root_box, context, max_loops=max_loops)
    document = Document([Page(page_box) for page_box in page_boxes],
                        DocumentMetadata(**get_html_metadata(html)), html.url_fetcher,
                        font_config, color_profiles, options["output_intent"])
    document._html = html  # as Document._render does
    return document

"""Page-number rules written per target: ``target-counter(url("#id"), page)``, not ``attr(href)``.

Why: WeasyPrint 70 files what an ``attr(href)`` target-counter waits for under no anchor at all
(``formatting_structure/build.py`` hands the unresolved ``attr()`` token to
``anchor_name_from_token``, which returns None). So when a target moves to the next page in a later
layout loop (a line above it re-flowed once the numbers were filled in), the numbers already printed
for it are never re-made: the English edition printed 202 of 503 numbers one page short from page
45 on. A literal ``url("#id")`` is filed under its id, WeasyPrint's own loop then re-makes every
page that prints it, and the first render is right (``render.py`` still checks each number).
The rules skip links that carry ``data-page``, so the fallback's plain-text numbers still win.
"""

from __future__ import annotations

import html as _html
import re

_INTERNAL_HREF = re.compile(r'<a [^>]*?href="#(?P<id>[^"]+)"')


def internal_targets(html: str) -> list[str]:
    """Ids that internal links in ``html`` point at, each once, in first-seen order."""
    return list(dict.fromkeys(_html.unescape(m["id"]) for m in _INTERNAL_HREF.finditer(html)))


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string, safe inside an HTML ``<style>`` element."""
    escaped = re.sub(r'[\\"<>\n\r\f]', lambda m: f"\\{ord(m[0]):x} ", text)
    return f'"{escaped}"'


#: The counter style of the printed page numbers (``print.css``): decimal, and three digits wide
#: while WeasyPrint has not placed the target yet, so filling the number in re-flows no line.
PAGE_STYLE = "page-ref"


#: A contents entry's dotted leader: four dots a box. WeasyPrint draws each repeat of a leader's
#: string as its own text box, shaped again when drawn; with ``leader(dotted)`` (one dot) the
#: contents' dots were half of all text boxes in the handbook. The dots stay in the same columns
#: (WeasyPrint lays repeats from the line's end); a title may stand up to three dots further off.
LEADER = 'leader("....")'


def page_number_css(targets: list[str], page_ref: str, page_ref_end: str) -> str:
    """One contents rule and one cross-reference rule per target id."""
    rules = []
    for target in targets:
        href, url = css_string(f"#{target}"), f"url({css_string('#' + target)})"
        counter = f"target-counter({url}, page, {PAGE_STYLE})"
        rules.append(f".toc a[href={href}]:not([data-page])::after "
                     f'{{ content: {LEADER} " " {counter}; }}')
        rules.append(f"a.xref[href={href}]:not([data-page])::after "
                     f"{{ content: {css_string(page_ref)} {counter} {css_string(page_ref_end)}; }}")
    return "\n".join(rules)

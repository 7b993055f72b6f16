"""HTML input: a saved web page is reduced to its article text before cleaning.

readability-lxml (Mozilla Readability's algorithm, pinned in requirements/) picks the article; its
blocks become lines the pipeline already understands (# headings, "- " items, "| a | b |" rows,
paragraphs). <script>, <style>, navigation and sidebars never reach the draft. A page with no
article text is rejected with a Chinese and English message.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from .errors import BadInput

if TYPE_CHECKING:
    import lxml.html  # type: ignore[import-untyped]

logging.getLogger("readability").setLevel(logging.ERROR)

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?(?:p|div|span|br|script|style|a|li|ul|table|tr|td|h[1-6]|meta|link)\b[^>]*>",
                  re.IGNORECASE)
MIN_TAGS = 5
MIN_ARTICLE_CHARS = 20
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "blockquote", "dd", "dt")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


def looks_like_html(text: str) -> bool:
    """An HTML document or fragment: starts like one, or carries several block/script tags."""
    return bool(_HTML_START.match(text)) or len(_TAG.findall(text[:200_000])) >= MIN_TAGS


def _text(el: lxml.html.HtmlElement) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


def html_to_text(html: str, name: str) -> str:
    """The article of an HTML page as plain lines; BadInput when there is none.

    readability and lxml are imported here, not with the module: most sources are plain text, and
    scripts/clean should not pay their import for a file it never reads as HTML."""
    import lxml.html  # type: ignore[import-untyped]
    from readability import Document  # type: ignore[import-untyped]

    try:
        doc = Document(html)
        summary = doc.summary(html_partial=True)
        title = _SPACE.sub(" ", doc.short_title() or "").strip()
        root = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception as exc:  # noqa: BLE001 - lxml/readability raise many types for broken markup
        raise BadInput(f"无法解析这个 HTML 文件（{type(exc).__name__}）：{name}",
                       f"cannot parse this HTML file ({type(exc).__name__}): {name}") from None
    lines: list[str] = []
    for el in root.iter(*_BLOCKS):
        if any(a.tag in _BLOCKS for a in el.iterancestors()):
            continue  # the outer block already holds this text
        text = _text(el)
        if el.tag == "tr":
            cells = [_text(c) for c in el.iter("td", "th")]
            text = "| " + " | ".join(cells) + " |" if cells else ""
        elif el.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and text:
            text = "#" * int(el.tag[1]) + " " + text
        elif el.tag == "li" and text:
            text = "- " + text
        if text:
            lines.append(text)
    body = "\n\n".join(_with_table_separators(lines))
    if sum(len(line) for line in lines) < MIN_ARTICLE_CHARS:
        raise BadInput(f"这个 HTML 页面里找不到正文：{name}",
                       f"no article text found in this HTML page: {name}")
    if title and not any(line.startswith("# ") for line in lines):
        body = f"# {title}\n\n{body}"
    return body + "\n"


def _with_table_separators(lines: list[str]) -> list[str]:
    """Table rows stay on consecutive lines (one block), so the pipeline keeps them as a table."""
    out: list[str] = []
    for line in lines:
        if out and line.startswith("|") and out[-1].startswith("|"):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out

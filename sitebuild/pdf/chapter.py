"""Turn one built web page into one chapter of the printed handbook.

What changes on paper: the page's ``article`` is kept, screen-only parts (permalink marks, edit
buttons, forms, scripts) are dropped, collapsible blocks are opened, ids get a per-chapter prefix so
the pages can share one document, links to other printed pages become in-document links (CSS prints
their page number), and every other link gets its address printed as a footnote.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree as ET

import cssselect2
import tinyhtml5

from .columns import fix_tables

#: Screen-only parts of a Material page and of the site's widgets.
DROP_SELECTORS: tuple[str, ...] = (
    "a.headerlink",
    ".md-content__button",
    ".md-source-file",
    ".md-feedback",
    ".md-tags",
    "script",
    "style",
    "link",
    "meta",
    "noscript",
    "template",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "iframe",
    "video",
    "audio",
    "nav",
    "[hidden]",
    # The not-legal-advice line of each web page's footer: on paper the colophon says it once.
    # The footer's review date and sources stay (the about page refers to them).
    ".wld-page-meta__disclaimer",
    # Calculator widget: the live status line, and the "example from the defaults above" caption
    # (on paper there are no inputs above; the inputs-used line and the calculator note explain).
    ".calc-status",
    ".calc-output-title",
    ".screen-only",
    ".no-print",
    "[data-print=hide]",
)
#: Parts of a form that still make sense on paper: moved out before the form is dropped.
KEEP_FROM_FORMS = ".calc-title"
#: Elements that hold a calculator example; a note with the web calculator's address follows each.
CALCULATOR_SELECTOR = ".calc-widget, .calculator, [data-calculator]"

#: Chart styles for inline SVG (WeasyPrint does not apply the page's CSS inside an <svg>).
SVG_STYLE = (Path(__file__).parent / "templates" / "svg.css").read_text(encoding="utf-8")
# In SVG, <style> is parsed as markup, not raw text: it must hold no "<".
assert "<" not in SVG_STYLE, "templates/svg.css must not contain '<'"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_NS_PREFIX = {XLINK_NS: "xlink:", XML_NS: "xml:"}
_EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "ftp")


@dataclass
class Heading:
    """A heading of the chapter, for the table of contents."""

    level: int
    text: str
    anchor: str


@dataclass
class Chapter:
    """The print-ready body of one page plus what the TOC needs to know about it."""

    key: str
    title: str
    part: str | None
    body: str
    running_title: str = ""
    """Short title for the running header (the nav title, else the chapter title; may be empty)."""
    headings: list[Heading] = field(default_factory=list)
    external_links: int = 0


@dataclass(frozen=True)
class LinkContext:
    """How to resolve a page's links: its URL, the printed pages and the public address of the rest."""

    page_url: str
    """Edition-relative URL of the page being converted (``overdue/costs/``)."""
    printed: dict[str, str]
    """Edition-relative URL → chapter key, for every page printed in this PDF."""
    public_url: Callable[[str, str], str | None]
    """(edition-relative URL, fragment) → address printed on paper for a page not in this PDF
    (None when the site has no public address)."""
    site_dir: Path
    """The edition's built site, to turn image paths into local files."""


def _text(elem: ET.Element) -> str:
    return re.sub(r"\s+", " ", "".join(elem.itertext())).strip()


def _remove(elem: ET.Element, parent: ET.Element) -> None:
    """Remove an element but keep the text that follows it."""
    index = list(parent).index(elem)
    if elem.tail:
        if index:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + elem.tail
        else:
            parent.text = (parent.text or "") + elem.tail
    parent.remove(elem)


def _query(root: ET.Element, selector: str) -> list[tuple[ET.Element, ET.Element]]:
    """(element, parent) pairs matching a CSS selector, document order."""
    wrapper = cssselect2.ElementWrapper.from_html_root(root)
    return [
        (match.etree_element, match.parent.etree_element)
        for match in wrapper.query_all(selector)
        if match.parent is not None
    ]


def _plain_names(root: ET.Element) -> None:
    """Write SVG/MathML without namespace prefixes; WeasyPrint's HTML parser re-adds them."""
    for elem in root.iter():
        if isinstance(elem.tag, str) and elem.tag.startswith("{"):
            ns, local = elem.tag[1:].split("}", 1)
            elem.tag = local
            if local == "svg" and ns == SVG_NS:
                elem.set("xmlns", SVG_NS)
        for name in [n for n in elem.attrib if n.startswith("{")]:
            ns, local = name[1:].split("}", 1)
            elem.attrib[_NS_PREFIX.get(ns, "") + local] = elem.attrib.pop(name)


def _style_svgs(root: ET.Element) -> None:
    for svg in [e for e in root.iter() if e.tag in ("svg", f"{{{SVG_NS}}}svg")]:
        style = ET.Element(f"{{{SVG_NS}}}style" if svg.tag.startswith("{") else "style")
        style.text = SVG_STYLE
        svg.insert(0, style)


def _open_details(root: ET.Element) -> None:
    """Collapsible blocks (pymdownx.details) print open, styled like admonitions."""
    for details in [e for e in root.iter("details")]:
        details.tag = "div"
        classes = details.get("class", "")
        details.attrib.clear()
        details.set("class", f"admonition {classes}".strip())
        for summary in details.iter("summary"):
            summary.tag = "p"
            summary.attrib.clear()
            summary.set("class", "admonition-title")


def _unfold_tabs(root: ET.Element) -> None:
    """Tabbed blocks (pymdownx.tabbed) print every tab, each under its label."""
    for tabbed, _ in _query(root, ".tabbed-set"):
        labels = [_text(label) for label, _ in _query(tabbed, ".tabbed-labels > label")]
        blocks = [block for block, _ in _query(tabbed, ".tabbed-content > .tabbed-block")]
        if not blocks:
            continue
        tail = tabbed.tail
        tabbed.clear()
        tabbed.tail = tail
        tabbed.set("class", "tabbed-print")
        for label, block in zip(labels + [""] * len(blocks), blocks):
            title = ET.SubElement(tabbed, "p", {"class": "tab-title"})
            title.text = label
            tabbed.append(block)


def _hoist_from_forms(root: ET.Element) -> None:
    """Keep a form's title (e.g. the calculator's name) when the form itself is dropped."""
    for form, parent in _query(root, "form"):
        index = list(parent).index(form)
        for keep, holder in _query(form, KEEP_FROM_FORMS):
            holder.remove(keep)
            keep.tail = None
            parent.insert(index, keep)
            index += 1


def _task_boxes(root: ET.Element) -> None:
    """Checklist boxes print as empty (or ticked) squares to tick on paper."""
    for box, parent in _query(root, "input[type=checkbox]"):
        ticked = box.get("checked") is not None
        mark = ET.Element("span", {"class": "task-box" + (" ticked" if ticked else "")})
        mark.tail = box.tail
        parent.insert(list(parent).index(box), mark)
        parent.remove(box)


def _split_blanks(text: str | None) -> tuple[str, list[tuple[str, str]]]:
    """``text`` → (lead, [(blank, after), ...]) around each 【…】 blank."""
    parts = re.split(r"(【[^】\n]*】)", text or "")
    return parts[0], list(zip(parts[1::2], parts[2::2]))


def _mark_blanks(root: ET.Element) -> None:
    """Plain-text blocks (the letter templates) print as a sheet in the reading face, with the
    【…】 blanks to fill in highlighted. A block is plain text when the highlighter put no markup
    in it (Pygments leaves one empty ``<span>`` at the start of every block)."""
    for pre in [e for e in root.iter("pre")]:
        code = pre.find("code")
        if code is None or any(child.text or len(child) for child in code):
            continue
        pre.set("class", (pre.get("class", "") + " plain-text").strip())
        text = (code.text or "") + "".join(child.tail or "" for child in code)
        for child in list(code):
            code.remove(child)
        code.text, blanks = _split_blanks(text)
        for blank, after in blanks:
            span = ET.SubElement(code, "span", {"class": "blank"})
            span.text = blank
            span.tail = after


def _prefix_ids(root: ET.Element, key: str) -> None:
    for elem in root.iter():
        if "id" in elem.attrib:
            elem.set("id", f"{key}--{elem.get('id')}")


def _is_external(href: str) -> bool:
    return urlsplit(href).scheme.lower() in _EXTERNAL_SCHEMES


def _bare(url: str) -> str:
    """A URL without scheme, ``www.`` and trailing slash, to compare with link text."""
    url = re.sub(r"^(https?://|mailto:|tel:)", "", url.strip(), flags=re.IGNORECASE)
    return re.sub(r"^www\.", "", url).rstrip("/").lower()


#: Punctuation that may not start a line; a footnote call is printed after a run of it, not before.
NOTE_AFTER = "，。、；：？！）」』》〉】”’…,.;:?!)]"
_NOTE_AFTER_RUN = re.compile("[" + re.escape(NOTE_AFTER) + "]+")


def _add_note(link: ET.Element, parent: ET.Element, address: str) -> None:
    """Print ``address`` as a footnote of the link, unless the link text already shows it.

    WeasyPrint 70 may break a line right after a footnote call, even inside ``white-space: nowrap``,
    so a call directly before "，" could start a line with it. Closing punctuation after the link
    therefore goes before the call (the call follows punctuation, as in print), and the two share a
    ``span.note-keep`` (``nowrap`` in print.css) so the call never starts a line on its own."""
    if not address or _bare(address) in _bare(_text(link)):
        return
    note = ET.Element("span", {"class": "link-note"})
    note.text = address
    index = list(parent).index(link)
    tail, link.tail = link.tail or "", None
    closing = _NOTE_AFTER_RUN.match(tail)
    if closing:
        keep = ET.Element("span", {"class": "note-keep"})
        keep.text, keep.tail = closing[0], tail[closing.end():] or None
        keep.append(note)
        parent.insert(index + 1, keep)
    else:
        note.tail = tail or None
        parent.insert(index + 1, note)


def _resolve_links(root: ET.Element, key: str, ctx: LinkContext) -> int:
    """Rewrite links for paper; return how many got a printed address."""
    page_path = "/" + ctx.page_url
    noted = 0
    for link, parent in _query(root, "a[href]"):
        href = link.get("href", "")
        if _is_external(href):
            link.set("class", (link.get("class", "") + " ext").strip())
            before = len(parent)
            _add_note(link, parent, unquote(href.removeprefix("mailto:").removeprefix("tel:")))
            noted += len(parent) - before
            continue
        target = urlsplit(urljoin(page_path, href))
        path = posixpath.normpath(target.path) if target.path not in ("", "/") else "/"
        url = path.lstrip("/")
        if url and not posixpath.splitext(url)[1]:
            url += "/"
        url = "" if url in ("/", ".") else url.removesuffix("index.html")
        if url in ctx.printed:
            chapter = ctx.printed[url]
            link.set("href", f"#{chapter}--{target.fragment}" if target.fragment else f"#{chapter}")
            if chapter != key or target.fragment:
                link.set("class", (link.get("class", "") + " xref").strip())
        else:
            address = ctx.public_url(url, target.fragment)
            if address is None:
                # No public address to print or follow: keep the words, drop the dead link.
                link.tag = "span"
                link.attrib.pop("href")
                continue
            link.set("href", address)
            link.set("class", (link.get("class", "") + " ext").strip())
            before = len(parent)
            _add_note(link, parent, address)
            noted += len(parent) - before
    return noted


def _local_images(root: ET.Element, ctx: LinkContext) -> None:
    """Point images at the built files so WeasyPrint reads them from disk."""
    for img in root.iter("img"):
        src = img.get("src", "")
        if not src or src.startswith("data:") or _is_external(src):
            continue
        path = posixpath.normpath(urlsplit(urljoin("/" + ctx.page_url, src)).path).lstrip("/")
        img.set("src", (ctx.site_dir / unquote(path)).resolve().as_uri())
        for attr in ("srcset", "loading", "decoding"):
            img.attrib.pop(attr, None)


def _calculator_notes(root: ET.Element, note: str, url: str | None) -> None:
    """After each outermost calculator block, say where to calculate with one's own figures."""
    wrapper = cssselect2.ElementWrapper.from_html_root(root)
    blocks = list(wrapper.query_all(CALCULATOR_SELECTOR))
    inside = {id(b.etree_element) for b in blocks}
    for block in blocks:
        if any(id(a.etree_element) in inside for a in block.ancestors) or block.parent is None:
            continue
        elem, parent = block.etree_element, block.parent.etree_element
        aside = ET.Element("p", {"class": "calc-note"})
        aside.text = note
        if url:
            aside.text += " "
            ET.SubElement(aside, "a", {"href": url, "class": "ext"}).text = url
        index = list(parent).index(elem)
        aside.tail, elem.tail = elem.tail, None
        parent.insert(index + 1, aside)


def page_to_chapter(
    html: str,
    *,
    key: str,
    part: str | None,
    ctx: LinkContext,
    calculator_note: str,
    calculator_url: str | None,
    running_title: str | None = None,
    fixed_tables: bool = False,
    page_ref: str = "",
) -> Chapter:
    """Extract and adapt the ``article`` of one built page (see module docstring).

    ``fixed_tables``: give tables estimated column widths (columns.py), ``page_ref`` being what
    print.css prints after a cross-reference (its number as "000")."""
    # Parse only the article: a Material page is mostly navigation, and parsing it all would
    # triple the time this step takes. The theme writes exactly one <article>.
    start, end = html.find("<article"), html.rfind("</article>")
    if 0 <= start < end:
        html = html[start : end + len("</article>")]
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    found = _query(root, "article.md-content__inner") or _query(root, "article")
    if not found:
        raise ValueError(f"{ctx.page_url or '/'}: 页面里没有 <article> / no <article> in the built page")
    article = found[0][0]
    _task_boxes(article)
    _hoist_from_forms(article)
    for elem, parent in _query(article, ", ".join(DROP_SELECTORS)):
        _remove(elem, parent)  # nested matches go from an already detached subtree: harmless
    _mark_blanks(article)
    _style_svgs(article)
    _open_details(article)
    _unfold_tabs(article)
    h1 = next(article.iter("h1"), None)
    title = _text(h1) if h1 is not None else ""
    if not title:
        raise ValueError(f"{ctx.page_url or '/'}: 页面没有一级标题 / the page has no <h1> title")
    _prefix_ids(article, key)
    noted = _resolve_links(article, key, ctx)
    _local_images(article, ctx)
    _calculator_notes(article, calculator_note, calculator_url)
    _plain_names(article)
    if fixed_tables:  # column widths estimated here: WeasyPrint measures no cell (sitebuild/pdf/columns.py)
        fix_tables(article, page_ref)
    running = title if running_title is None else running_title
    if h1 is not None:
        h1.set("id", key)
        h1.set("class", (h1.get("class", "") + " chapter-title").strip())
        h1.set("data-running-title", running)
    headings = [
        Heading(int(h.tag[1]), _text(h), h.get("id", ""))
        for h in article.iter()
        if h.tag in ("h2",) and h.get("id")
    ]
    body = (article.text or "") + "".join(
        ET.tostring(child, encoding="unicode", method="html") for child in article
    )
    return Chapter(
        key=key,
        title=title,
        part=part,
        body=body,
        running_title=running,
        headings=headings,
        external_links=noted,
    )

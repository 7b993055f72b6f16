"""Block structure of a draft: headings, list items, Markdown tables and paragraphs.

Pages lose their structure when scraped: a bullet sits alone on its line above its text, tables
arrive as "a | b |" rows with a broken separator, ①②③ / "1)" / "(1)" lists are plain lines. Here
each kept line becomes one block; consecutive list items and table rows stay together.
"""

from __future__ import annotations

import re

from . import headings
from .boilerplate import Line

BULLETS = ("-", "*", "•", "·", "●", "▪")
_LIST_ITEM = re.compile(r"^[-*•·●▪]\s*")
#: ①②③, "1)" and "(1)" / "（1）" list markers: kept as written, the line becomes a list item.
_MARKED_ITEM = re.compile(r"^(?:[\u2460-\u2473\u2776-\u277f]|\d{1,2}\)|[（(]\d{1,2}[)）])\s*\S")
_SEPARATOR_CELL = re.compile(r"^\s*:?-*:?\s*$")


_LONE_NUMBER = re.compile(r"^(?:\d{1,2}[.．、]|[\u2460-\u2473])$")
#: "? 产生逾期违约金": a bullet ("•", "●") the page's encoding turned into "?" before the item text.
#: A Chinese sentence never starts with a question mark, so such a line is a list item.
_LOST_BULLET = re.compile(r"^[?？]\s+(?=[\u4e00-\u9fff])")


def restore_lost_bullets(lines: list[Line]) -> list[Line]:
    """Each line that starts with a bullet lost to "?" (then a space and Chinese text) starts with
    "•" again, so it becomes a list item like the page's other bullets."""
    return [Line(line.number, _LOST_BULLET.sub("• ", line.text)) for line in lines]


def join_dangling_bullets(lines: list[Line]) -> list[Line]:
    """A bullet or list number alone on its line ("-" or "1." then the item text on the next line)
    joins its text: "- text", "1. text"."""
    out = list(lines)
    for i, line in enumerate(out):
        lone_number = bool(_LONE_NUMBER.match(line.text))
        if line.text not in BULLETS and not lone_number:
            continue
        j = next((k for k in range(i + 1, len(out)) if out[k].text), None)
        if j is None or out[j].text in BULLETS or _LONE_NUMBER.match(out[j].text):
            continue
        marker = line.text if lone_number else "-"
        out[j] = Line(out[j].number, f"{marker} {out[j].text}")
        out[i] = Line(line.number, "")
    return out


def is_table_row(text: str) -> bool:
    """A Markdown table row: at least two pipes ("a | b |", "| a | b |", "---|---|")."""
    return text.count("|") >= 2 and not text.startswith("#")


def _cells(row: str) -> list[str]:
    inner = row.strip().removeprefix("|").removesuffix("|")
    return [c.strip() for c in inner.split("|")]


def render_table(rows: list[str]) -> str:
    """Rows as one Markdown table: header, one well-formed separator, body rows of equal width."""
    cells = [_cells(r) for r in rows]
    is_sep = [all(_SEPARATOR_CELL.match(c) for c in row) and "-" in "".join(row) for row in cells]
    header = next((row for row, sep in zip(cells, is_sep) if not sep), cells[0])
    width = len(header)
    body = [row for row, sep in zip(cells, is_sep) if not sep and row is not header]

    def line(row: list[str]) -> str:
        row = (row + [""] * width)[:width] if len(row) <= width else row[:width - 1] + [
            " ".join(row[width - 1:])]
        return "| " + " | ".join(row) + " |"
    return "\n".join([line(header), "|" + "---|" * width] + [line(r) for r in body])


def render_blocks(texts: list[str], working_title: str = "") -> tuple[str, str]:
    """Markdown body for the kept lines, and the H1 added from the manifest ("" if none)."""
    parsed = [None if is_table_row(t) else headings.parse(t) for t in texts]
    levels = headings.style_levels([h for h in parsed if h])
    title_index = next((i for i, h in enumerate(parsed) if h and h.style is None and h.hashes == 1),
                       None)
    blocks: list[tuple[str, str]] = []  # (kind, markdown)
    added = ""
    if title_index is None and working_title:
        added = working_title
        blocks.append(("heading", f"# {working_title}"))
    rows: list[str] = []
    for i, (text, h) in enumerate(zip(texts, parsed)):
        if is_table_row(text):
            rows.append(text)
            if i + 1 < len(texts) and is_table_row(texts[i + 1]):
                continue
            blocks.append(("table", render_table(rows)) if len(rows) > 1 else ("para", rows[0]))
            rows = []
        elif h is not None:
            is_title = i == title_index
            if h.style is None and h.hashes == 1 and not is_title:
                h = headings.HeadingLine(None, "", h.rest, 2)
            blocks.append(("heading", headings.render(h, levels, is_title)))
        elif _LIST_ITEM.match(text) and not text.startswith("**"):
            blocks.append(("item", "- " + _LIST_ITEM.sub("", text)))
        elif _MARKED_ITEM.match(text):
            blocks.append(("item", "- " + text))
        else:
            blocks.append(("para", text))
    body = ""
    for k, (kind, md) in enumerate(blocks):
        if k:
            body += "\n" if kind == "item" and blocks[k - 1][0] == "item" else "\n\n"
        body += md
    return body, added

"""Column widths for the printed tables, estimated from their text, so WeasyPrint lays them out fixed.

Why: with ``table-layout: auto`` WeasyPrint measures every cell's min-content width by breaking its
text at each opportunity and shaping the rest of it again, each time: in a Chinese cell every
character is an opportunity, so a cell of n characters is shaped about n times (n²/2 characters).
That was ~16 % of the Chinese PDF's render. ``table-layout: fixed`` with a ``<col>`` width per column
skips the measuring; the widths come from here, by the same rule as the auto layout (CSS 2.1
17.5.2.2, WeasyPrint's ``auto_table_layout``): every column gets its widest unbreakable run, and the
room left is shared in proportion to how much wider each column's longest line is than that.

Text widths are estimated, not shaped: a Chinese character (East Asian wide) is 1 em, a Latin
letter or digit :data:`NARROW` em, at the tables' 8 pt (print.css). A table with ``colspan`` or
``rowspan``, or with widths of its own, is left to the auto layout.
"""

from __future__ import annotations

import re
import unicodedata
from xml.etree import ElementTree as ET

#: Width of a narrow (Latin, digit) character in em of the table font, a little above Noto Sans
#: CJK SC's average so an unbreakable number or word is never given less than it needs.
NARROW = 0.6
#: Bold text (header cells) is this much wider.
BOLD = 1.06
#: Cell padding, left + right (print.css ``th, td``: 1.5 mm each side), in em of 8 pt (2.822 mm).
PADDING_EM = 3.0 / 2.822
#: The text block (A5, 15 mm side margins: 118 mm) in em of 8 pt; inside an admonition its padding
#: and border (3.5 mm each side + 2.5 pt) come off.
BODY_EM = 118 / 2.822
ADMONITION_EM = (118 - 7 - 0.88) / 2.822
#: Closing punctuation that may not start a line: it stays with the character before it.
_CLOSING = "，。、；：？！）」』》〉】,.;:?!)]%"
_RUN = re.compile(r"[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+[-/]?|[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF][" +
                  re.escape(_CLOSING) + r"]*")


def _char_em(ch: str) -> float:
    if ch == " ":
        return 0.25
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else NARROW


def text_em(text: str) -> float:
    """Estimated width of ``text`` on one line, in em."""
    return sum(_char_em(ch) for ch in text)


def cell_widths(text: str, bold: bool = False, unbroken: tuple[str, ...] = ()) -> tuple[float, float]:
    """(min-content, max-content) of a cell's text in em, padding included; ``unbroken``: pieces of
    its text that never break (the printed page number after a cross-reference, ``nowrap``)."""
    lines = [" ".join(line.split()) for line in text.split("\n")] or [""]
    runs = [run for line in lines for run in _RUN.findall(line)] + list(unbroken) or [""]
    scale = BOLD if bold else 1.0
    smallest = max(text_em(run.strip()) for run in runs) * scale
    widest = max(text_em(line) for line in lines) * scale
    return smallest + PADDING_EM, widest + PADDING_EM


def column_percentages(cells: list[list[tuple[float, float]]], available: float) -> list[float]:
    """Each column's share of the table width in %, from each row's (min, max) per column."""
    columns = len(cells[0])
    low = [max(row[i][0] for row in cells) for i in range(columns)]
    high = [max(max(row[i][1] for row in cells), low[i]) for i in range(columns)]
    if sum(high) <= available:  # everything fits on one line: the room left goes by max-content
        extra = available - sum(high)
        widths = [h + extra * h / sum(high) for h in high]
    elif sum(low) < available:
        stretch = sum(h - lo for h, lo in zip(high, low))
        widths = [lo + (h - lo) * (available - sum(low)) / stretch for h, lo in zip(high, low)]
    else:
        widths = low
    total = sum(widths)
    return [100 * w / total for w in widths]


def _rows(table: ET.Element) -> list[ET.Element]:
    return [row for row in table.iter("tr")]


def _cell_text(cell: ET.Element, page_ref: str) -> tuple[str, int]:
    """The cell's text as printed (``page_ref`` after each cross-reference) and how many it has."""
    parts: list[str] = []
    refs = 0

    def walk(elem: ET.Element) -> None:
        nonlocal refs
        if elem.tag == "br":
            parts.append("\n")
        elif elem.text:
            parts.append(elem.text)
        for child in elem:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if elem.tag == "a" and "xref" in (elem.get("class") or "").split():
            parts.append(page_ref)
            refs += 1
    walk(cell)
    return "".join(parts), refs


def fix_tables(root: ET.Element, page_ref: str = "") -> int:
    """Give every plain table under ``root`` a ``<colgroup>`` of estimated widths and a fixed layout;
    return how many were fixed. ``page_ref``: what print.css prints after a cross-reference, with the
    first layout loop's three-digit number ("（见第 000 页）")."""
    inside_admonition = {id(t) for box in root.iter() if "admonition" in (box.get("class") or "").split()
                         for t in box.iter("table")}
    fixed = 0
    for table in list(root.iter("table")):
        rows = _rows(table)
        cells = [[c for c in row if c.tag in ("td", "th")] for row in rows]
        if (not cells or not cells[0] or any(len(r) != len(cells[0]) for r in cells)
                or table.find("colgroup") is not None or table.find("col") is not None
                or any(c.get("colspan") or c.get("rowspan") for r in cells for c in r)
                or "width" in (table.get("style") or "")):
            continue
        sizes = []
        for row in cells:
            sizes.append([])
            for cell in row:
                text, refs = _cell_text(cell, page_ref)
                sizes[-1].append(cell_widths(text, cell.tag == "th", (page_ref,) if refs else ()))
        available = ADMONITION_EM if id(table) in inside_admonition else BODY_EM
        group = ET.Element("colgroup")
        for share in column_percentages(sizes, available):
            ET.SubElement(group, "col", {"style": f"width: {share:.2f}%"})
        table.insert(0 if table.find("caption") is None else 1, group)
        table.set("class", " ".join([*(table.get("class") or "").split(), "fixed-columns"]))
        fixed += 1
    return fixed

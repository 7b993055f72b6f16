"""sitebuild/pdf/columns.py: estimated column widths for a fixed table layout."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from sitebuild.pdf.columns import NARROW, PADDING_EM, cell_widths, column_percentages, fix_tables


@pytest.mark.parametrize(("text", "smallest", "widest"), [
    ("逾期罚息", 1.0, 4.0),                       # any character may end a line
    ("罚息，复利", 2.0, 5.0),                      # a comma stays with the character before it
    ("interest 12,345.67", 9 * NARROW, 8 * NARROW + 0.25 + 9 * NARROW),
    ("第一行\n更长的第二行", 1.0, 6.0),            # <br>: the longest line is the max-content
])
def test_a_cells_min_and_max_content(text: str, smallest: float, widest: float) -> None:
    assert cell_widths(text) == pytest.approx((smallest + PADDING_EM, widest + PADDING_EM))


def test_a_page_reference_never_breaks() -> None:
    ref = "（见第 000 页）"
    smallest, _ = cell_widths("见" + ref, unbroken=(ref,))
    assert smallest == pytest.approx(5 + 2 * 0.25 + 3 * NARROW + PADDING_EM)  # （见第页） wide, 2 spaces, 3 digits


def test_room_left_goes_by_max_content_and_a_squeezed_table_by_its_stretch() -> None:
    assert column_percentages([[(2, 10), (2, 30)]], available=80) == pytest.approx([25, 75])
    # 10 + 10 of minimum, 40 to share, stretch 10 and 30: 10 + 10, 10 + 30
    assert column_percentages([[(10, 20), (10, 40)]], available=60) == pytest.approx([100 / 3, 200 / 3])
    # narrower than the minimum: the minimum, as the auto layout does
    assert column_percentages([[(10, 20)], [(30, 31)]], available=5) == pytest.approx([100])


def _table(html: str) -> ET.Element:
    return ET.fromstring(f"<div>{html}</div>")


def test_plain_tables_get_a_colgroup_and_a_fixed_layout_and_spanning_ones_do_not() -> None:
    root = _table('<table class="calc-summary"><caption>例</caption><tr><th>罚息</th><td>225.00 元</td></tr></table>'
                  '<table><tr><td colspan="2">合计</td></tr></table>')
    assert fix_tables(root) == 1
    first, second = root.findall("table")
    assert first.get("class") == "calc-summary fixed-columns"
    assert [child.tag for child in first][:2] == ["caption", "colgroup"]
    shares = [float(col.get("style", "").removeprefix("width: ").removesuffix("%")) for col in first.iter("col")]
    assert len(shares) == 2 and sum(shares) == pytest.approx(100, abs=0.05) and shares[1] > shares[0]
    assert second.find("colgroup") is None and second.get("class") is None


def test_a_cross_reference_widens_its_column() -> None:
    html = '<table><tr><td>见</td><td><a class="xref" href="#c">法条</a></td></tr></table>'
    without, with_ref = _table(html), _table(html)
    fix_tables(without)
    fix_tables(with_ref, page_ref="（见第 000 页）")
    share = [float(t.findall(".//col")[1].get("style", "")[7:-1]) for t in (without, with_ref)]
    assert share[1] > share[0]

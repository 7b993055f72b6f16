"""Traditional characters and pinyin notes (cleaning/script.py): input beside expected output.

The real case is tests/cleaning/fixtures/unseen/u13_wwwbz417_traditional.txt (its expected draft is
beside it); these cases pin the edges: what is a pinyin note, and when a text counts as Traditional.
"""

from __future__ import annotations

import pytest

from cleaning.boilerplate import Line
from cleaning.pipeline import clean_text
from cleaning.report import render_report
from cleaning.script import strip_pinyin_notes, to_simplified


def _lines(*texts: str) -> list[Line]:
    return [Line(i + 1, t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(("raw", "expected", "notes"), [
    ("可能會(huì)被起訴", "可能會被起訴", 1),
    ("信貸產（chǎn）品", "信貸產品", 1),                # full-width brackets
    ("綠(lǜ)色", "綠色", 1),
    ("年化利率(APR)是多少", "年化利率(APR)是多少", 0),    # a Latin word without a tone mark stays
    ("拨打客服电话(95384)", "拨打客服电话(95384)", 0),
    ("(huì) at the start", "(huì) at the start", 0),     # not after a Chinese character
])
def test_a_pinyin_note_is_a_toned_syllable_in_brackets_after_a_character(raw: str, expected: str,
                                                                         notes: int) -> None:
    lines, found = strip_pinyin_notes(_lines(raw))
    assert lines[0].text == expected
    assert len(found) == (1 if notes else 0)


@pytest.mark.parametrize(("raw", "expected"), [
    ("微粒貸逾期會被起訴嗎？還不上怎麼辦", "微粒贷逾期会被起诉吗？还不上怎么办"),
    ("個人徵信報告的逾期記錄保留五年", "个人征信报告的逾期记录保留五年"),
])
def test_a_traditional_text_becomes_simplified_and_each_changed_line_is_listed(raw: str,
                                                                               expected: str) -> None:
    lines, found = to_simplified(_lines(raw))
    assert lines[0].text == expected
    assert [f.line for f in found] == [1] and "Traditional" in found[0].entry


@pytest.mark.parametrize("raw", [
    "微粒贷逾期了，乾隆年间的故事与此无关，著名的律师说先协商。",   # stray old-looking forms in Simplified
    "还款后征信记录保留五年，头发都愁白了，理发店老板也借了网贷。",
])
def test_a_simplified_text_is_left_as_it_is(raw: str) -> None:
    lines, found = to_simplified(_lines(raw))
    assert lines[0].text == raw and found == []


def test_the_draft_is_simplified_and_the_report_lists_what_was_converted() -> None:
    raw = ("微粒貸不還錢可能會(huì)被起訴法院,平臺(tái)就可能會(huì)起訴客戶。\n\n"
           "逾期以後會(huì)上報(bào)征信,還清以後記錄保留五年。\n")
    result = clean_text(raw, "traditional.txt")
    assert "微粒贷不还钱可能会被起诉法院" in result.draft and "huì" not in result.draft
    assert "貸" not in result.draft and "會" not in result.draft
    report = render_report(result, None, "0" * 64, "traditional.txt")
    assert "pinyin notes (3)" in report and "Traditional → Simplified" in report
    again = clean_text(result.draft, "traditional.txt")
    assert again.draft == result.draft and not again.script and not again.repairs

"""Every boilerplate kind is removed from the real sources, and each kind's rule works on its own."""

from __future__ import annotations

import pytest

from scripts.cleaning.boilerplate import KIND_LABELS, Line, classify, strip_boilerplate
from scripts.cleaning.pipeline import CleanResult

# What each real source is known to carry (read by hand): kind -> raw lines.
EXPECTED_REMOVED = {
    "000_3fb992986fc61d4f.txt": {
        "repeated_title": [1, 11, 106, 118], "publication": [101, 108, 208],
        "comment_prompt": [102, 104, 210], "comment_section": [209],
    },
    "001_5ec2feecebc187ed.txt": {"comment_section": [1]},
    "002_ebb8f594633c86b3.txt": {"comment_section": [1], "divider": [9], "read_next": [27]},
    "003_6a63a4e872f84dbd.txt": {
        "navigation": [1], "publication": [2], "error_report_editor": [3, 73],
        "repeated_title": [5, 17], "font_size": [7], "comment_section": [65],
        "fake_comment": [67, 68, 69, 70, 71, 72], "read_next": [74], "copyright": [76], "icp": [78],
    },
}
# Literal page furniture that must not survive anywhere in a draft.
FURNITURE = ["精彩评论", "写下你的评论", "还没有评论", "写评论", "发布于", "IP 属地", "冠县信息港", "> 正文",
             "字体", "纠错", "责任编辑", "用户夏柳", "头像", "律师助理", "Copyright", "ICP", "阅读下一篇",
             "大家还看了", "2025-05-17", "2025 03/ 18", "\n---\n\n"]


@pytest.mark.parametrize("name", sorted(EXPECTED_REMOVED))
def test_removed_lines_by_kind(cleaned: dict[str, CleanResult], name: str) -> None:
    got: dict[str, list[int]] = {}
    for r in cleaned[name].removed:
        got.setdefault(r.kind, []).append(r.number)
    assert got == EXPECTED_REMOVED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED_REMOVED))
def test_no_furniture_left_in_draft(cleaned: dict[str, CleanResult], name: str) -> None:
    body = cleaned[name].draft.split("---\n", 2)[2]
    for text in FURNITURE:
        assert text not in body, f"{text!r} survived in the draft of {name}"
    assert all(classify(line) is None for line in body.splitlines() if line)


def test_every_kind_is_exercised_by_the_real_sources() -> None:
    kinds = {k for per_source in EXPECTED_REMOVED.values() for k in per_source}
    assert kinds == set(KIND_LABELS)


@pytest.mark.parametrize(("line", "kind"), [
    ("精彩评论", "comment_section"), ("评论", "comment_section"),
    ("写下你的评论...", "comment_prompt"), ("还没有评论,发表之一个评论吧", "comment_prompt"),
    ("冠县信息港 > > 正文", "navigation"), ("当前位置：首页 > 财经", "navigation"),
    ("字体:", "font_size"), ("字号：大 中 小", "font_size"),
    ("【纠错】 【责任编辑:用户夏柳】", "error_report_editor"), ("来源:用户夏柳", "error_report_editor"),
    ("Copyright © 2000 - 2023 All Rights Reserved.", "copyright"),
    ("鲁ICP备17033019号-1.", "icp"),
    ("发布于 2025-05-17 11:20:37・IP 属地北京", "publication"), ("2025 03/ 18 21:24:49", "publication"),
    ("阅读下一篇:", "read_next"), ("大家还看了:", "read_next"), ("---", "divider"),
    ("头像 丰如曼-实习律师 2025-03-18", "fake_comment"),
])
def test_line_rules(line: str, kind: str) -> None:
    assert classify(line) == kind


@pytest.mark.parametrize("line", [
    "借款人应及时联系微粒贷客服说明自身面临的困难及还款意愿。",
    "## 一、微粒贷逾期的原因剖析", "1. 个人财务状况变化", "- 确定具体的还款日期;",
    "所谓“全款偿还”,指的是借款人需一次性结清当前所有未还本金",
])
def test_content_is_not_boilerplate(line: str) -> None:
    assert classify(line) is None


def test_fake_comment_body_and_read_next_links_go_too() -> None:
    lines = [Line(i + 1, t) for i, t in enumerate([
        "正文第一段，足够长的内容。", "头像 某某-律师 2025-03-18", "这是评论正文，看起来像法律意见。",
        "正文第二段。", "", "大家还看了:", "微粒贷逾期怎么办", "借呗逾期会怎样", "", "尾段。",
    ])]
    kept, removed = strip_boilerplate(lines)
    assert [line.text for line in kept] == ["正文第一段，足够长的内容。", "正文第二段。", "尾段。"]
    assert [r.kind for r in removed] == ["fake_comment"] * 2 + ["read_next"] * 3

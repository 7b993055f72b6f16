"""Every boilerplate kind is removed from the real sources, and each kind's rule works on its own."""

from __future__ import annotations

import pytest

from cleaning.boilerplate import KIND_LABELS, Line, classify, strip_boilerplate
from cleaning.manifest import load_manifest
from cleaning.pipeline import CleanResult, clean_text

from cleaning_helpers import FIXTURES

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


# The kinds by shape, exercised by the unseen texts (tests/cleaning/fixtures/unseen/; x02 is the
# synthetic page that carries the furniture the issue saw but the real excerpts lack).
EXPECTED_REMOVED_UNSEEN = {
    "u01_makepolo.txt": {"repeated_title": [1, 11, 19, 29, 45], "byline": [3, 5]},
    "u02_yanggu.txt": {"page_header": [1], "page_label": [5], "repeated_title": [3, 6, 8, 16], "byline": [10]},
    "u08_fqmxn.txt": {"byline": [1], "link_or_contact": [4]},
    "u09_refenxiang.txt": {"byline": [11]},
    "x02_page_furniture.txt": {
        "page_label": [1, 2, 5, 20, 24, 25, 28], "repeated_title": [3], "byline": [4], "caption": [7],
        "advert": [10], "link_or_contact": [21, 22], "digits": [23], "read_next": [26, 27]},
}


@pytest.mark.parametrize("name", sorted(EXPECTED_REMOVED_UNSEEN))
def test_removed_lines_by_kind_in_unseen_texts(name: str) -> None:
    source = FIXTURES / "unseen" / name
    result = clean_text(source.read_text(encoding="utf-8"), name, load_manifest(source))
    got: dict[str, list[int]] = {}
    for r in result.removed:
        got.setdefault(r.kind, []).append(r.number)
    assert got == EXPECTED_REMOVED_UNSEEN[name]


def test_every_kind_is_exercised_by_the_real_sources() -> None:
    kinds = {k for expected in (EXPECTED_REMOVED, EXPECTED_REMOVED_UNSEEN)
             for per_source in expected.values() for k in per_source}
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
    ("冷哲 2025-03-29 00:00:35", "byline"), ("时间:01-18人气:13作者:作茧显孤独", "byline"),
    ("编辑:yuqi 来源:逾期", "byline"), ("2024-09-28 21:34:44 逾期资讯 129", "byline"),
    ("https://www.example.com/a/1.html", "link_or_contact"), ("129", "digits"),
    ("注意:本站部分文字内容、图片由网友投稿,如侵权请联系删除,联系邮箱:a@qq.com", "link_or_contact"),
    ("发表回复", "page_label"), ("评论列表（0 条）", "page_label"), ("已到最后", "page_label"),
    ("本题链接：https://x.cn/1", "page_label"), ("标题：微粒贷逾期", "page_label"), ("正文：", "page_label"),
    ("下一篇：微粒贷怎么提前还款", "read_next"), ("上一篇：微粒贷逾期三天会上征信吗", "read_next"),
    ("图1：微粒贷还款页面截图", "caption"), ("（图片来源网络）", "caption"),
    ("有逾期问题可以找协商老师（微信:）免费咨询", "advert"), ("征信修复请加微信：abc123", "advert"),
])
def test_line_rules(line: str, kind: str) -> None:
    assert classify(line) == kind


@pytest.mark.parametrize("line", [
    "借款人应及时联系微粒贷客服说明自身面临的困难及还款意愿。",
    "## 一、微粒贷逾期的原因剖析", "1. 个人财务状况变化", "- 确定具体的还款日期;",
    "所谓“全款偿还”,指的是借款人需一次性结清当前所有未还本金",
    "2. 逾期时长是关键指标", "| 停息挂账 | 停止计息,延后还款日期 |", "协商类型 | 内容说明 |", "---|---|",
    "欠1万元,逾期3个月,费用合计可能超过12,000元。", "客户可通过拨打微粒贷客服电话95384或添加客服微信实行协商。",
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

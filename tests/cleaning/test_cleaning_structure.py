"""Duplicates, headings, punctuation and misleading-claim flags on the real sources."""

from __future__ import annotations

import re

import pytest

from cleaning import headings
from cleaning.boilerplate import Line
from cleaning.duplicates import drop_duplicates
from cleaning.pipeline import CleanResult

from cleaning_helpers import ROOT

SOURCE_000 = "000_3fb992986fc61d4f.txt"


def _paragraphs(draft: str) -> list[str]:
    return [p for p in draft.split("---\n", 2)[2].split("\n\n") if p.strip()]


def test_article_printed_twice_keeps_one_copy(cleaned: dict[str, CleanResult]) -> None:
    raw = (ROOT / "sources" / SOURCE_000).read_text(encoding="utf-8")
    assert raw.count("随着互联网金融的迅猛发展") == 2
    result = cleaned[SOURCE_000]
    assert result.draft.count("随着互联网金融的迅猛发展") == 1
    assert [(d.first, d.last, d.copy_of) for d in result.duplicates] == [(110, 206, 3)]


@pytest.mark.parametrize("name", ["000_3fb992986fc61d4f.txt", "001_5ec2feecebc187ed.txt",
                                  "002_ebb8f594633c86b3.txt", "003_6a63a4e872f84dbd.txt"])
def test_no_paragraph_appears_twice(cleaned: dict[str, CleanResult], name: str) -> None:
    paras = [p for p in _paragraphs(cleaned[name].draft) if not p.startswith("#")]
    assert len(paras) == len(set(paras))


def test_short_repeated_headings_outside_a_run_are_kept() -> None:
    lines = [Line(i, t) for i, t in enumerate(
        ["## 一、甲", "1. 定义", "甲的正文，足够长的一段话，超过二十个字符的内容。", "## 二、乙", "1. 定义",
         "乙的正文，另一段足够长的话，也超过二十个字符的内容。"], 1)]
    kept, dropped = drop_duplicates(lines)
    assert kept == lines and not dropped


def test_heading_levels_follow_numbering_styles(cleaned: dict[str, CleanResult]) -> None:
    d000 = cleaned[SOURCE_000].draft
    assert "\n## 一、微粒贷逾期的原因剖析\n" in d000 and "\n### 1. 个人财务状况变化\n" in d000
    d003 = cleaned["003_6a63a4e872f84dbd.txt"].draft
    assert "\n## 一、微粒贷逾期的直接影响\n" in d003 and "\n### （一）支付逾期利息\n" in d003
    for draft in (d000, d003):
        body = draft.split("---\n", 2)[2]
        assert not re.search(r"^(?:\d+\.|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)",
                             body, re.M), "a numbered heading line was left unconverted"


@pytest.mark.parametrize(("styles", "levels"), [
    (["cn", "arabic"], {"cn": 2, "arabic": 3}),
    (["cn", "paren"], {"cn": 2, "paren": 3}),
    (["cn", "paren", "arabic"], {"cn": 2, "paren": 3, "arabic": 4}),
    (["paren"], {"paren": 2}),
])
def test_style_levels(styles: list[str], levels: dict[str, int]) -> None:
    hs = [headings.HeadingLine(s, "一", "x", 0) for s in styles]
    assert headings.style_levels(hs) == levels


@pytest.mark.parametrize("line", ["1. 确定具体的还款日期；", "一、微粒贷是否会因逾期起诉。然后", "(一)x" + "长" * 40])
def test_sentences_are_not_headings(line: str) -> None:
    assert headings.parse(line) is None


def test_sources_without_title_get_the_manifest_working_title(cleaned: dict[str, CleanResult]) -> None:
    assert "\n# 借款逾期后的应对\n" in cleaned["001_5ec2feecebc187ed.txt"].draft
    assert "\n# 微粒贷逾期会被起诉吗\n" in cleaned["002_ebb8f594633c86b3.txt"].draft


@pytest.mark.parametrize("name", ["000_3fb992986fc61d4f.txt", "001_5ec2feecebc187ed.txt",
                                  "002_ebb8f594633c86b3.txt", "003_6a63a4e872f84dbd.txt"])
def test_no_half_width_punctuation_between_chinese(cleaned: dict[str, CleanResult], name: str) -> None:
    body = cleaned[name].draft.split("---\n", 2)[2]
    cjk = r"[\u3400-\u9fff“”（）]"
    assert not re.search(rf"{cjk}[,;:!?()]|[,;:!?()]{cjk}", body)
    assert not re.search(r"[。，；：][ \u3000]", body)


def test_autocorrect_agrees_with_every_draft(cleaned: dict[str, CleanResult]) -> None:
    import autocorrect_py as autocorrect
    for name, result in cleaned.items():
        assert autocorrect.lint_for(result.draft, "draft.md").lines == [], name


@pytest.mark.parametrize(("name", "claim"), [
    ("002_ebb8f594633c86b3.txt", "腾讯旗下"),
    ("002_ebb8f594633c86b3.txt", "删除不良记录"),
    ("002_ebb8f594633c86b3.txt", "公益活动"),
    ("001_5ec2feecebc187ed.txt", "债务重组机构"),
    ("000_3fb992986fc61d4f.txt", "消除逾期记录"),
    ("003_6a63a4e872f84dbd.txt", "律师费"),
])
def test_misleading_claims_are_flagged_with_their_fact(cleaned: dict[str, CleanResult], name: str,
                                                       claim: str) -> None:
    hits = [h for h in cleaned[name].claims if claim in h.found]
    assert hits and all(h.claim.fact for h in hits)
    assert claim in cleaned[name].draft, "the pipeline flags advice, it does not rewrite it"
    report = (ROOT / "drafts" / f"{name.removesuffix('.txt')}.report.md").read_text(encoding="utf-8")
    assert hits[0].claim.fact in report


def test_a_bullet_lost_to_a_question_mark_is_a_list_item_again() -> None:
    """Real page (sundama66.net/kz/53360.html, 2025): its "•" bullets arrive as "? " before the item
    text; they were kept as "? 产生…" paragraphs and reported as dropped words. A question mark inside
    or after a sentence stays."""
    from cleaning.pipeline import clean_text

    raw = ("微粒贷逾期以后会产生哪些具体后果？下面分阶段说明清楚。\n第一阶段（逾期30天内）：\n"
           "? 产生逾期违约金\n？ 征信报告显示当前逾期记录\n真的会被起诉吗? 要看欠款多少。\n")
    result = clean_text(raw, "lost-bullets.txt")
    assert "- 产生逾期违约金\n- 征信报告显示当前逾期记录" in result.draft
    assert "真的会被起诉吗" in result.draft and "- 要看欠款多少" not in result.draft
    assert not [s for s in result.suspicious if s.line in (3, 4)]


@pytest.mark.parametrize(("text", "flagged"), [
    ("逾期后罚息按日利率50%计收，还要算复利。", True),        # a lost 上浮: reads as 50 % a day
    ("罚息按日利率的30％计收。", True),
    ("罚息在日利率上浮50%计收。", False),                       # the rule itself, rightly worded
    ("日利率0.05%，年化18.25%。", False),                       # an ordinary daily rate
    ("逾期利息为合同利率加收50%。", False),
])
def test_a_daily_rate_of_tens_of_per_cent_is_flagged(text: str, flagged: bool) -> None:
    """Real wording (sundama66.net, 2025): "罚息按日利率50%计收" lost its 上浮 and tells a reader the
    penalty is half the debt a day; the editor is pointed at 银发〔2003〕251号, the draft keeps the words."""
    from cleaning.pipeline import clean_text

    result = clean_text("微粒贷逾期以后要付多少钱？\n" + text + "\n", "daily-rate.txt")
    hits = [h for h in result.claims if "251号" in h.claim.fact and "日" in h.found]
    assert bool(hits) is flagged, result.claims
    assert text.rstrip("。") in result.draft.replace(" ", ""), "flagged, never rewritten"

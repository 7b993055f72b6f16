"""The pipeline on real web articles it was not written against (tests/cleaning/fixtures/unseen/).

u*.txt are real public pages about 微粒贷逾期 (search excerpts kept byte-for-byte, URL in each
manifest) with a hand annotation (u*.truth.toml) of every garble and boilerplate line; x*.txt are
small synthetic pages for the cases the real texts lack (HTML, the issue's page furniture, adverts).
Each has its expected draft beside it. The figures are printed by ``python -m cleaning.measure``.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest
from cleaning_helpers import FIXTURES

from cleaning.html_input import html_to_text, looks_like_html
from cleaning.manifest import load_manifest
from cleaning.measure import (
    MAX_BOILERPLATE_LEFT,
    MIN_RECALL,
    load_truth,
    measure_folder,
    render,
    total,
)
from cleaning.pipeline import CleanResult, clean_text

UNSEEN_DIR = FIXTURES / "unseen"
REAL = sorted(UNSEEN_DIR.glob("u*.txt"))
ALL = sorted(UNSEEN_DIR.glob("*.txt"))


def _clean(source: Path) -> CleanResult:
    """As scripts/clean does: HTML first reduced to its article text."""
    text = source.read_bytes().decode("utf-8")
    if looks_like_html(text):
        text = html_to_text(text, source.name)
    return clean_text(text, source.name, load_manifest(source))


def test_at_least_ten_real_texts_each_with_url_manifest_and_annotation() -> None:
    assert len(REAL) >= 10
    for source in REAL:
        manifest = load_manifest(source)
        assert manifest is not None and manifest.file == source.name
        assert manifest.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
        assert manifest.origin_url.startswith(("http://", "https://"))
        assert source.with_suffix(".truth.toml").is_file(), f"annotate {source.name}"


@pytest.mark.parametrize("source", REAL, ids=lambda p: p.stem)
def test_annotation_points_at_the_raw_text(source: Path) -> None:
    """Every annotated garble stands on its line; every boilerplate line number is a real line."""
    lines = source.read_text(encoding="utf-8").split("\n")
    garbles, boilerplate = load_truth(source.with_suffix(".truth.toml"))
    for g in garbles:
        assert g.text and g.text in lines[g.line - 1], f"line {g.line}: {g.text!r}"
    assert all(lines[n - 1].strip() for n in boilerplate)


@pytest.mark.parametrize("source", ALL, ids=lambda p: p.stem)
def test_unseen_text_cleans_to_its_expected_draft(source: Path) -> None:
    expected = source.with_name(f"{source.stem}.expected.md").read_text(encoding="utf-8")
    assert _clean(source).draft == expected


@pytest.mark.parametrize("source", ALL, ids=lambda p: p.stem)
def test_unseen_draft_is_stable_when_cleaned_again(source: Path) -> None:
    once = _clean(source).draft
    again = clean_text(once, source.name, load_manifest(source))
    assert again.draft == once and not again.repairs and not again.removed


def test_figures_on_the_unseen_texts() -> None:
    """0 wrong repairs, ≥ 80 % of garbles repaired or flagged, ≤ 1 boilerplate line left per text."""
    figures = measure_folder(UNSEEN_DIR)
    print("\n" + render(figures))
    t = total(figures)
    assert len(figures) >= 10 and t.garbles >= 40
    assert t.wrong == [], t.wrong
    assert t.recall >= MIN_RECALL, t.missed
    assert all(len(f.left) <= MAX_BOILERPLATE_LEFT for f in figures), [(f.name, f.left) for f in figures]


def test_gap_markers_are_kept_and_flagged() -> None:
    result = _clean(UNSEEN_DIR / "u04_anju_zenmeban.txt")
    assert "通过短信、 或 APP 提醒" in result.draft and "通过微信、 、邮件等方式" in result.draft
    gaps = [f for f in result.suspicious if f.entry == "gap"]
    assert [f.line for f in gaps] == [3, 7] and "[ ]" in gaps[0].context
    wenda = _clean(UNSEEN_DIR / "u05_anju_wenda.txt").draft
    assert "可能通过 、短信、邮件" in wenda and "微粒贷的客服 或者通过微信" in wenda


def test_swap_words_are_flagged_everywhere_with_context_and_reading() -> None:
    result = _clean(UNSEEN_DIR / "u01_makepolo.txt")
    swaps = {(f.line, f.found): f for f in result.suspicious if f.entry == "swap"}
    assert {(9, "疑问"), (35, "往往情况下"), (35, "假若"), (55, "实行")} <= set(swaps)
    assert "“往往情况下” → “通常情况下”" in swaps[(35, "往往情况下")].result
    # 起因 is flagged once, by the garble table's flag_elsewhere, not a second time as a swap
    cause = [f for f in result.flags + result.suspicious if f.found == "起因"]
    assert [f.context for f in cause] == ["…金支持。由于各种[起因],部分客户也会面…"]
    assert "往往情况下" in result.draft, "flagged swap words are kept, not rewritten"


def test_structure_tables_headings_and_lists() -> None:
    table = _clean(UNSEEN_DIR / "u06_cailuewang.txt").draft
    assert "| 协商类型 | 内容说明 |\n|---|---|\n| 停息挂账 | 停止计息，延后还款日期 |" in table
    assert "- 借了微粒贷应急，没想到工资晚发或收入骤降；\n- 一时忘记还款" in table
    broken = _clean(UNSEEN_DIR / "u07_dzae74.txt").draft
    assert "| 平台 | 操作步骤 |\n|---|---|\n| 微信 | 我 → 服务 → 微粒贷借钱 |" in broken
    page = _clean(UNSEEN_DIR / "x02_page_furniture.txt").draft
    assert "## 二、微粒贷逾期后的处理方式？" in page and "## 四、协商的技巧：" in page
    assert "- ① 要保持沟通畅通" in page and "- 1) 准备好身份证" in page and "- (1) 先还罚息" in page
    rules = _clean(UNSEEN_DIR / "u10_haokouzi.txt").draft
    assert "\n1. 接电话有讲究：每周至少接 2 次" in rules and "## 1. 接电话" not in rules


def test_page_furniture_goes_by_shape_and_adverts_become_claims() -> None:
    result = _clean(UNSEEN_DIR / "x02_page_furniture.txt")
    kinds = {r.number: r.kind for r in result.removed}
    assert kinds == {1: "page_label", 2: "page_label", 3: "repeated_title", 4: "byline",
                     5: "page_label", 7: "caption", 10: "advert", 20: "page_label",
                     21: "link_or_contact", 22: "link_or_contact", 23: "digits", 24: "page_label",
                     25: "page_label", 26: "read_next", 27: "read_next", 28: "page_label"}
    assert [c.line for c in result.claims] == [10]
    for text in ("协商老师", "发表回复", "评论列表", "已到最后", "本题链接", "标题：", "正文：", "example.com"):
        assert text not in result.draft
    assert "惊慌失措，手足无措" in result.draft and "处理措施。" in result.draft


def test_html_page_is_reduced_to_its_article() -> None:
    draft = _clean(UNSEEN_DIR / "x01_html_page.txt").draft
    for text in ("<", "_hmt", "font-size", "猜你喜欢", "借呗逾期怎么办", "版权所有", "首页"):
        assert text not in draft
    assert "# 微粒贷还款逾期几天会怎样" in draft
    assert "| 逾期时长 | 后果 |\n|---|---|\n| 1-3 天 | 产生罚息，收到提醒 |" in draft
    assert "3、被催收。" in draft


def test_truth_files_parse() -> None:
    for path in UNSEEN_DIR.glob("*.truth.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert set(data) <= {"boilerplate", "garble"}, path.name


@pytest.mark.parametrize(("text", "spots"), [
    ("可以通过 、短信等方式联系", [" "]),
    ("可以通过短信、、邮件联系", ["、"]),
    ("通过电话或 的方式", [" "]),
    ("通过短信、 或APP提醒", [" "]),
    ("为什么就打 呢? 联系是一种方式", [" ", " "]),
    ("这是完整的一句话。 下一句也完整。", []),
    ("微粒贷 APP 与 QQ 钱包", []),
])
def test_gaps_are_flagged(text: str, spots: list[str]) -> None:
    from cleaning.suspicious import find_gaps
    found = find_gaps(text, 1)
    assert [f.found for f in found] == spots
    assert all("[" in f.context for f in found)


@pytest.mark.parametrize(("text", "flagged"), [
    ("这在还款中发挥了重要作用。", []),
    ("逾期会对征信产生作用", ["作用"]),
    ("聘请一位熟悉金融领域的律师", []),
    ("首先要熟悉起诉的原因", ["熟悉"]),
    ("常常情况下平台会先催收", ["常常情况下"]),
    ("倘使无法还款，应尽快协商", ["倘使"]),
    ("按照协定的还款日期还款", ["协定"]),
    ("这是一个疑问句", []),
])
def test_swap_words_are_flagged_only_as_words_of_their_own(text: str, flagged: list[str]) -> None:
    from cleaning.suspicious import find_swaps
    assert [f.found for f in find_swaps(text, 1)] == flagged


def test_a_single_short_title_line_is_not_a_page_header_and_lone_numbers_join_their_text() -> None:
    text = ("微粒贷逾期怎么办\n\n1.\n及时联系客服，说明自己的情况，提出还款计划。\n2.\n保留沟通记录，避免被催收骚扰。\n"
            "①\n先还罚息。\n")
    result = clean_text(text, "t.txt")
    assert result.removed == []
    assert result.draft.endswith("微粒贷逾期怎么办\n\n1. 及时联系客服，说明自己的情况，提出还款计划。\n\n"
                                 "2. 保留沟通记录，避免被催收骚扰。\n\n- ① 先还罚息。\n")

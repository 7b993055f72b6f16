"""The reviewed garble table: every entry is real, repaired in context, and gone from every draft."""

from __future__ import annotations

import pytest

from cleaning.garbles import Repair, Unsure, apply_repair, load_table, repair_text
from cleaning.pipeline import CleanResult

from cleaning_helpers import ROOT

REPAIRS, UNSURE = load_table()


def _raw(name: str) -> str:
    return (ROOT / "sources" / name).read_text(encoding="utf-8")


def test_table_is_marked_reviewed_and_not_empty() -> None:
    head = (ROOT / "cleaning/data/garbles.toml").read_text(encoding="utf-8")[:400]
    assert "REVIEWED" in head
    assert len(REPAIRS) >= 40 and len(UNSURE) >= 5


@pytest.mark.parametrize("entry", REPAIRS, ids=lambda e: e.garbled)
def test_entry_example_is_a_real_snippet_the_pattern_matches(entry: Repair) -> None:
    assert entry.example in _raw(entry.source), "example must be copied from its source"
    assert entry.pattern.search(entry.example), "pattern must match its own example"
    assert entry.pattern.search(_raw(entry.source))


@pytest.mark.parametrize("entry", REPAIRS, ids=lambda e: e.garbled)
def test_entry_is_repaired_in_its_example(entry: Repair) -> None:
    repaired, _ = repair_text(entry.example, 1)
    assert not entry.pattern.search(repaired)
    fixed, found, kept = apply_repair(entry, entry.example)
    assert found and entry.repair in fixed and not kept


@pytest.mark.parametrize("entry", REPAIRS, ids=lambda e: e.garbled)
def test_no_table_garble_survives_in_any_draft(cleaned: dict[str, CleanResult], entry: Repair) -> None:
    for name, result in cleaned.items():
        assert not entry.pattern.search(result.draft), f"{entry.garbled} left in draft of {name}"


@pytest.mark.parametrize("entry", UNSURE, ids=lambda e: e.pattern.pattern)
def test_unsure_spots_are_flagged_not_rewritten(cleaned: dict[str, CleanResult], entry: Unsure) -> None:
    assert entry.example in _raw(entry.source)
    result = cleaned[entry.source]
    assert any(f.result == entry.note for f in result.flags)
    assert entry.pattern.search(result.draft), "an unsure spot must be left as it is for the editor"


@pytest.mark.parametrize(("text", "expected"), [
    # the same word, right in its own context, is left alone
    ("这在还款中发挥了重要作用。", "这在还款中发挥了重要作用。"),
    ("聘请一位熟悉消费金融领域知识的专业律师", "聘请一位熟悉消费金融领域知识的专业律师"),
    ("可通过以下几个途径：", "可通过以下几个途径："),
    ("积极筹措资金，举措得当，不知所措", "积极筹措资金，举措得当，不知所措"),
    ("这是有效策略之一。", "这是有效策略之一。"),
    ("内涵与包涵", "内涵与包涵"),
    ("不要紧，按期还款", "不要紧，按期还款"),
    ("采纳了律师的建议", "采纳了律师的建议"),
    # and repaired where the context says it is a swap
    ("从而作用未来贷款申请", "从而影响未来贷款申请"),
    ("平台可能采纳法律手追讨欠款", "平台可能采取法律手段追讨欠款"),
    ("成功偿还全款只是解决疑问的之一步", "成功偿还全款只是解决问题的第一步"),
    ("遵循合同预约的时间", "遵循合同约定的时间"),
    ("其中涵高额罚息", "其中包括高额罚息"),
    ("追务期间", "追债期间"),
])
def test_context_decides(text: str, expected: str) -> None:
    assert repair_text(text, 1)[0] == expected


def test_bare_ambiguous_word_is_flagged_not_changed() -> None:
    from cleaning.garbles import find_unsure
    flags = find_unsure("这个疑惑很常见。", 7)
    assert [f.line for f in flags] == [7] and "疑惑" in flags[0].found
    assert repair_text("这个疑惑很常见。", 7)[0] == "这个疑惑很常见。"


def test_report_lists_each_repair_with_line_and_context() -> None:
    report = (ROOT / "drafts" / "002_ebb8f594633c86b3.report.md").read_text(encoding="utf-8")
    assert "| 6 | 起丝 | 起诉 | …的会因为逾期而被[起丝→起诉]假如不幸陷入这类… |" in report
    assert "| 10 | 起爽 | 起诉 | …具体到是否会直接[起爽→起诉]这取决于多个因素… |" in report
    assert "| 12 | 起爽 | 起诉 |" in report


@pytest.mark.parametrize(("text", "spared"), [
    ("他一时惊慌失措，手足无措，不知所措。", 2),  # 不知所措 is already outside the 措 pattern
    ("办理法律手续后再还款", 1),
    ("以免措手不及", 0),
])
def test_a_spot_inside_a_word_or_idiom_is_kept(text: str, spared: int) -> None:
    from cleaning.garbles import repair_text_with_kept
    new, made, kept = repair_text_with_kept(text, 3)
    assert new == text and not made
    assert len(kept) == spared, "a spot the table matched but a word holds is reported as kept"
    assert all("part of the word" in k.result for k in kept)


def test_context_of_a_repair_is_eight_characters_either_side() -> None:
    from cleaning.garbles import in_context
    text = "一二三四五六七八九十措甲乙丙丁戊己庚辛壬癸"
    assert in_context(text, 10, 11, "措→措施") == "…三四五六七八九十[措→措施]甲乙丙丁戊己庚辛…"

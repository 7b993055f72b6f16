"""scripts/clean's command line: bad input rejected in Chinese and English, output folders guarded,
--check, rerun diffs, and raw files byte-identical afterwards. Its ``main`` runs in the test process
(``run_clean``); ``--help`` and the bad inputs run the real script (``run_script``)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleaning.errors import BadInput
from cleaning.input_checks import decode_raw

from cleaning_helpers import ROOT, SOURCES, Run, run_clean, run_script, sha256

GOOD = "微粒贷逾期后应该怎么办？借款人应当及时联系客服，说明情况并协商还款计划。\n"
BAD_INPUTS = {
    "empty": (b"", "文件为空", "the file is empty"),
    "blank": (b"  \n\n \n", "文件为空", "the file is empty"),
    "gbk": (GOOD.encode("gbk"), "不是 UTF-8", "not UTF-8"),
    "utf16": (GOOD.encode("utf-16"), "UTF-16", "UTF-16"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "二进制", "binary"),
    "boilerplate": (("精彩评论\n\n写下你的评论...\n发布于 2025-05-17 11:20:37・IP 属地北京\n"
                    "Copyright © 2000 - 2023 All Rights Reserved.\n鲁ICP备17033019号-1.\n阅读下一篇:\n"
                    ).encode("utf-8"), "只有网页模板内容", "nothing but page boilerplate"),
}


@dataclass
class BadRun:
    """One scripts/clean run over a read-only file of every kind of BAD_INPUTS."""

    run: Run
    raws: dict[str, Path]
    hashes: dict[str, str]
    out: Path


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory) -> BadRun:
    """The bad inputs cleaned in one run, not one run each (a run is a Python start and the
    cleaning imports): the CLI names the file in each rejection, so each kind's test reads its
    own lines."""
    tmp = tmp_path_factory.mktemp("bad-input")
    raws = {kind: tmp / "in" / f"{kind}.txt" for kind in sorted(BAD_INPUTS)}
    raws[next(iter(raws))].parent.mkdir()
    for kind, raw in raws.items():
        raw.write_bytes(BAD_INPUTS[kind][0])
        raw.chmod(0o444)
    hashes = {kind: sha256(raw) for kind, raw in raws.items()}
    return BadRun(run_script(*raws.values(), "--out", tmp / "out"), raws, hashes, tmp / "out")


def _rejection(err: str, raw: Path) -> str:
    """The lines of scripts/clean's stderr that name ``raw``, by path or by file name (its
    rejection, in zh and en)."""
    named = re.compile(rf"(?<![\w.-]){re.escape(raw.name)}(?![\w.-])")
    return "\n".join(line for line in err.splitlines() if named.search(line))


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_is_rejected_cleanly(bad_run: BadRun, kind: str) -> None:
    data, zh, en = BAD_INPUTS[kind]
    raw, run = bad_run.raws[kind], bad_run.run
    assert run.code == 3
    said = _rejection(run.err, raw)
    assert "已拒绝 / rejected:" in said and zh in said and en in said, said or run.err[-300:]
    assert "Traceback" not in run.err + run.out
    assert sha256(raw) == bad_run.hashes[kind] and raw.read_bytes() == data
    written = sorted(p.name for p in bad_run.out.glob(f"{raw.stem}.*"))
    assert not written, f"nothing is written for a rejected file: {written}"


def test_gbk_message_names_the_encoding() -> None:
    with pytest.raises(BadInput) as exc:
        decode_raw(GOOD.encode("gbk"), "x.txt")
    assert "GBK" in exc.value.zh and "GBK" in exc.value.en and "iconv" in exc.value.en


def test_one_bad_source_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "src" / "bad.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"")
    run = run_clean(bad, SOURCES[0], "--out", tmp_path / "out")
    assert run.code == 3
    assert (tmp_path / "out" / f"{SOURCES[0].stem}.md").is_file()


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    run = run_clean(tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert run.code == 3 and "找不到文件" in run.err and "file not found" in run.err


def test_help_is_bilingual() -> None:
    run = run_script("--help")
    assert run.code == 0
    for text in ("清洗原始文章", "Clean raw source texts", "--check", "--out", "SOURCE", "退出码"):
        assert text in run.out


@pytest.mark.parametrize("target", ["docs", "docs/zh", "sources", "sources/sub"])
def test_refuses_to_write_into_docs_or_sources(target: str) -> None:
    sources_before = sorted((ROOT / "sources").rglob("*"))
    run = run_clean(SOURCES[0], "--out", ROOT / target)
    assert run.code == 2
    assert "拒绝写入" in run.err and "refusing to write" in run.err
    assert sorted((ROOT / "sources").rglob("*")) == sources_before
    stem = SOURCES[0].stem
    for name in (f"{stem}.md", f"{stem}.report.md", f"{stem}.diff"):
        assert not (ROOT / target / name).exists()
    rel = run_clean(SOURCES[0], "--out", f"drafts/../{target}")
    assert rel.code == 2


def test_refuses_to_write_beside_the_raw_file(tmp_path: Path) -> None:
    raw = tmp_path / "x.txt"
    raw.write_text(GOOD, encoding="utf-8")
    run = run_clean(raw, "--out", tmp_path)
    assert run.code == 2 and sorted(tmp_path.iterdir()) == [raw]


def test_rerun_writes_a_diff_only_when_the_draft_changes(tmp_path: Path) -> None:
    source = SOURCES[3]
    out = tmp_path / "drafts"
    first = run_clean(source, "--out", out)
    assert first.code == 0
    draft, diff = out / f"{source.stem}.md", out / f"{source.stem}.diff"
    assert diff.read_text(encoding="utf-8").startswith("--- ")  # new source: whole draft added
    second = run_clean(source, "--out", out)
    assert second.code == 0 and diff.read_text(encoding="utf-8") == ""
    assert "unchanged" in second.out
    # an editor-visible change: pretend the previous draft was older
    draft.write_text(draft.read_text(encoding="utf-8").replace("支付逾期利息", "旧标题"), encoding="utf-8")
    third = run_clean(source, "--out", out)
    text = diff.read_text(encoding="utf-8")
    assert "-### （一）旧标题" in text and "+### （一）支付逾期利息" in text
    assert text in third.out
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")], "atomic writes leave no temp files"


def test_check_fails_when_a_draft_is_out_of_date(tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    shutil.copytree(ROOT / "drafts", out)
    assert run_clean("--out", out, "--check").code == 0
    report = out / f"{SOURCES[1].stem}.report.md"
    report.write_text(report.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    run = run_clean("--out", out, "--check")
    assert run.code == 1 and "out of date" in run.err and "草稿过期" in run.err
    assert report.read_text(encoding="utf-8").endswith("edited\n"), "--check writes nothing"


def test_default_run_covers_every_source_and_keeps_raw_bytes(tmp_path: Path) -> None:
    before = {s: sha256(s) for s in SOURCES}
    run = run_clean("--out", tmp_path)
    assert run.code == 0, run.err
    assert sorted(p.name for p in tmp_path.glob("*.report.md")) == sorted(
        f"{s.stem}.report.md" for s in SOURCES)
    assert {s: sha256(s) for s in SOURCES} == before


def test_new_source_without_manifest_is_cleaned_and_reported(tmp_path: Path) -> None:
    raw = tmp_path / "src" / "004_new.txt"
    raw.parent.mkdir()
    raw.write_text("精彩评论\n\n" + GOOD + "\n咱们应当在合同预约的时间内还款,避免被起丝。\n大家还看了:\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    run = run_clean(raw, "--out", out)
    assert run.code == 0, run.err
    draft = (out / "004_new.md").read_text(encoding="utf-8")
    assert "我们应当在合同约定的时间内还款，避免被起诉。" in draft and "精彩评论" not in draft
    report = (out / "004_new.report.md").read_text(encoding="utf-8")
    assert "no manifest" in report and "| 5 | 咱们 | 我们 | [咱们→我们]应当在合同预约的… |" in report
    assert str(raw) in report
    assert "没有清单文件" in run.err and "no manifest" in run.err, "a missing manifest is said on stderr"

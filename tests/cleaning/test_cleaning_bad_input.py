"""Bad input as a new user brings it: every failure is a bilingual message, never a traceback, and
one failing source never stops the others (scripts/clean's ``main`` in the test process; every
unseen fixture through the real script, whose stderr holds no traceback)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cleaning_helpers import FIXTURES, run_clean, run_script

from cleaning import punctuation
from cleaning.errors import BadInput
from cleaning.input_checks import decode_raw
from cleaning.punctuation import CHUNK_CHARS, normalise_markdown

UNSEEN = FIXTURES / "unseen"
REAL = UNSEEN / "u09_refenxiang.txt"


def _copy(src: Path, folder: Path, name: str | None = None, manifest: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / (name or src.name)
    dst.write_bytes(src.read_bytes())
    if manifest is not None:
        dst.with_suffix(".toml").write_text(manifest, encoding="utf-8")
    return dst


def _manifest(path: Path, **fields: object) -> str:
    base = {"file": f'"{path.name}"', "sha256": f'"{hashlib.sha256(path.read_bytes()).hexdigest()}"',
            "language": '"zh-Hans"', "problems": "[]"}
    base.update({k: str(v) for k, v in fields.items()})
    return "".join(f"{k} = {v}\n" for k, v in base.items())


def _no_traceback(run: object) -> None:
    assert "Traceback" not in run.err + run.out  # type: ignore[attr-defined]


def test_utf16_without_bom_is_named_not_called_binary(tmp_path: Path) -> None:
    raw = tmp_path / "src" / "u16.txt"
    raw.parent.mkdir()
    raw.write_bytes(REAL.read_text(encoding="utf-8").encode("utf-16-le"))
    run = run_clean(raw, "--out", tmp_path / "out")
    assert run.code == 3
    assert "UTF-16LE" in run.err and "没有 BOM" in run.err and "without a byte-order mark" in run.err
    assert "二进制" not in run.err and "binary" not in run.err
    _no_traceback(run)


TRADITIONAL = "微粒貸逾期後，借款人應當盡快聯繫客服說明情況，並提出可行的還款計劃。逾期記錄會保留五年。\n"


@pytest.mark.parametrize(("data", "named"), [
    (REAL.read_text(encoding="utf-8").encode("utf-16-be"), "UTF-16BE"),
    (REAL.read_text(encoding="utf-8").encode("gb18030"), "GBK/GB18030"),
    ((TRADITIONAL * 3).encode("big5"), "Big5"),
], ids=["utf-16-be", "gb18030", "big5"])
def test_encoding_message_names_the_likely_encoding(data: bytes, named: str) -> None:
    with pytest.raises(BadInput) as exc:
        decode_raw(data, "x.txt")
    assert named in exc.value.zh and named in exc.value.en and f"iconv -f {named.split('/')[-1]}" in exc.value.en


def test_a_large_text_after_another_is_cleaned_in_pieces(tmp_path: Path) -> None:
    """A 445 KB text after another one: AutoCorrect (2.14.0) can stop with "call limit reached" on
    large input in one call (seen here from about 700 KB, not on every run); the pipeline gives it
    pieces, so both sources are written."""
    paragraphs = [p for p in REAL.read_text(encoding="utf-8").split("\n") if len(p) > 30]
    big = "\n\n".join(f"第{i}段。{paragraphs[i % len(paragraphs)]}" for i in range(2000))
    src = tmp_path / "src"
    first = _copy(UNSEEN / "u02_yanggu.txt", src)
    large = src / "zz_large.txt"
    large.write_text(big, encoding="utf-8")
    assert large.stat().st_size > 400_000
    run = run_clean(first, large, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    assert "第 1999 段。" in (tmp_path / "out" / "zz_large.md").read_text(encoding="utf-8")
    _no_traceback(run)


def test_autocorrect_pieces_give_the_same_text_as_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(f"第{i}段,微粒贷逾期后要及时联系客服:说明情况。" for i in range(3000))
    one_line = "".join(f"第{i}句,说明情况。" for i in range(2000))  # one paragraph > a piece
    assert len(text) > 2 * CHUNK_CHARS and len(one_line) > CHUNK_CHARS
    pieces = normalise_markdown(text), normalise_markdown(one_line)
    monkeypatch.setattr(punctuation, "CHUNK_CHARS", 10**9)  # one AutoCorrect call (small enough here)
    assert pieces == (normalise_markdown(text), normalise_markdown(one_line))
    assert "第 2999 段，微粒贷逾期后要及时联系客服：说明情况。" in pieces[0]


def test_bad_manifest_type_exit_3_bilingual_and_the_other_sources_still_run(tmp_path: Path) -> None:
    src = tmp_path / "src"
    good = _copy(UNSEEN / "u03_anju_beisu.txt", src)
    bad = _copy(REAL, src, "bad.txt")
    bad.with_suffix(".toml").write_text(_manifest(bad, title=123), encoding="utf-8")
    later = _copy(UNSEEN / "u05_anju_wenda.txt", src)
    run = run_clean(good, bad, later, "--out", tmp_path / "out")
    assert run.code == 3
    assert "清单字段类型错误" in run.err and "title must be a string, not int" in run.err
    assert "3 篇原文中 1 篇失败 / 1 of 3 sources failed" in run.err
    assert (tmp_path / "out" / "u03_anju_beisu.md").is_file()
    assert (tmp_path / "out" / "u05_anju_wenda.md").is_file() and not (tmp_path / "out" / "bad.md").exists()
    _no_traceback(run)


@pytest.mark.parametrize(("fields", "zh", "en"), [
    ({"problems": '"one"'}, "problems 应是字符串列表", "problems must be a list of strings"),
    ({"sha256": '"abc"'}, "sha256 应是 64 位", "sha256 must be 64 lowercase hex digits"),
    ({"titel": '"x"'}, "未知字段 titel", "unknown field titel"),
])
def test_manifest_fields_are_type_checked(tmp_path: Path, fields: dict[str, str], zh: str, en: str) -> None:
    raw = _copy(REAL, tmp_path / "src")
    raw.with_suffix(".toml").write_text(_manifest(raw, **fields), encoding="utf-8")
    run = run_clean(raw, "--out", tmp_path / "out")
    assert run.code == 3 and zh in run.err and en in run.err
    _no_traceback(run)


def test_missing_manifest_wrong_sha256_and_other_file_are_said_on_stderr(tmp_path: Path) -> None:
    src = tmp_path / "src"
    lone = _copy(REAL, src, "lone.txt")
    changed = _copy(REAL, src, "changed.txt")
    changed.with_suffix(".toml").write_text(
        _manifest(changed, file='"other.txt"', sha256=f'"{"0" * 64}"'), encoding="utf-8")
    run = run_clean(lone, changed, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    assert "没有清单文件 lone.toml" in run.err and "no manifest lone.toml" in run.err
    assert "names file 'other.txt', not 'changed.txt'" in run.err and "不是 'changed.txt'" in run.err
    assert "does not match manifest changed.toml" in run.err and "与清单 changed.toml 不符" in run.err
    report = (tmp_path / "out" / "changed.report.md").read_text(encoding="utf-8")
    assert "names another file" in report and "does not match its manifest" in report


def test_html_page_is_extracted_by_the_cli(tmp_path: Path) -> None:
    page = _copy(UNSEEN / "x01_html_page.txt", tmp_path / "src", "page.html")
    run = run_clean(page, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    assert "HTML" in run.out
    draft = (tmp_path / "out" / "page.md").read_text(encoding="utf-8")
    assert "<script" not in draft and "_hmt" not in draft and "微粒贷还款逾期几天会怎样" in draft


def test_html_without_article_is_rejected_bilingually(tmp_path: Path) -> None:
    raw = tmp_path / "src" / "empty.html"
    raw.parent.mkdir()
    raw.write_text("<!DOCTYPE html><html><head><script>var a=1;</script><style>p{}</style></head>"
                   "<body><div><a href='/'>首页</a></div></body></html>", encoding="utf-8")
    run = run_clean(raw, "--out", tmp_path / "out")
    assert run.code == 3 and "找不到正文" in run.err and "no article text" in run.err
    _no_traceback(run)


def test_no_traceback_on_any_fixture(tmp_path: Path) -> None:
    """Every unseen text, real or synthetic, in one run: all cleaned, exit 0."""
    sources = sorted(UNSEEN.glob("*.txt"))
    run = run_script(*sources, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    _no_traceback(run)
    assert len(list((tmp_path / "out").glob("*.report.md"))) == len(sources)

"""``scripts/clean``: clean raw source texts into Markdown drafts, reports and rerun diffs."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from .errors import CleaningError, RefusedOutput
from .html_input import html_to_text, looks_like_html
from .input_checks import decode_raw, read_raw
from .manifest import load_manifest, manifest_warnings
from .output import (DRAFTS, ROOT, SOURCES, atomic_write, check_out_dir, draft_paths, read_previous,
                     unified_diff)

EXIT_OK, EXIT_OUT_OF_DATE, EXIT_USAGE, EXIT_BAD_INPUT = 0, 1, 2, 3

DESCRIPTION = """\
清洗原始文章：把 sources/ 里的原文变成干净的 Markdown 草稿，并写出报告和与上次草稿的差异。
Clean raw source texts: turn each sources/*.txt into a clean Markdown draft, a report of what was
removed, repaired and flagged, and a unified diff against the previous draft.

For each SOURCE it writes <out>/<name>.md (draft), <out>/<name>.report.md (report) and
<out>/<name>.diff (what changed since the previous draft; empty when nothing did). Raw files are only
read, never written. It refuses to write into docs/ or sources/.
"""
EPILOG = """\
退出码 / exit status: 0 成功 ok; 1 草稿过期 drafts out of date (--check); 2 用法错误或拒绝的输出目录
usage error or refused output folder; 3 有原文被拒绝 a source was rejected (empty, not UTF-8, binary,
only boilerplate, bad manifest). One failing source never stops the others; the last line on stderr
says how many of how many failed. HTML pages are reduced to their article text (readability-lxml).
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/clean", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="*", type=Path, metavar="SOURCE",
                        help="原文文件 / raw text files (default: sources/*.txt)")
    parser.add_argument("--out", type=Path, default=DRAFTS,
                        help="草稿目录 / folder for drafts, reports and diffs (default: drafts/)")
    parser.add_argument("--check", action="store_true",
                        help="只检查草稿是否最新，不写文件 / write nothing; exit 1 if any draft or "
                             "report is out of date")
    return parser


def _label(path: Path) -> str:
    """A path relative to the repository when it is inside it (stable across checkouts)."""
    resolved = path.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(resolved)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process(source: Path, out: Path, check: bool) -> int:
    """Clean one source; return its exit status. Bad input raises CleaningError.

    The pipeline (jieba, AutoCorrect) is imported only once a source got past the input checks:
    ``--help``, a refused output folder or a rejected file answer without loading it."""
    data = read_raw(source)
    before = _sha256(data)
    text = decode_raw(data, str(source))
    manifest = load_manifest(source)
    for zh, en in manifest_warnings(source, manifest, before):
        print(f"警告 / warning: {zh}\n  {en}", file=sys.stderr)
    if looks_like_html(text):
        text = html_to_text(text, str(source))
        print(f"HTML：已提取正文 / HTML page: article text extracted: {source.name}")
    from .pipeline import clean_text
    from .report import render_report

    result = clean_text(text, source.name, manifest)
    report = render_report(result, manifest, before, _label(source))
    draft_path, report_path, diff_path = draft_paths(out, source)
    diff = unified_diff(read_previous(draft_path), result.draft, f"drafts/{draft_path.name}")
    status = EXIT_OK
    if check:
        stale = [p for p, want in ((draft_path, result.draft), (report_path, report))
                 if read_previous(p) != want]
        for path in stale:
            print(f"草稿过期 / out of date: {path} (run scripts/clean)", file=sys.stderr)
        if stale:
            status = EXIT_OUT_OF_DATE
            sys.stdout.write(diff)
    else:
        atomic_write(draft_path, result.draft)
        atomic_write(report_path, report)
        atomic_write(diff_path, diff)
        print(f"已写入 / wrote {draft_path}, {report_path.name}, {diff_path.name}: "
              f"删除 removed {len(result.removed)} 行 lines, 重复 duplicates {len(result.duplicates)}, "
              f"修复 repairs {len(result.repairs)}, 标记 flags {len(result.flags)}, "
              f"可疑 suspicious {len(result.suspicious)}, "
              f"误导说法 claims {len(result.claims)}")
        sys.stdout.write(diff if diff else f"与上次草稿相同 / unchanged since the previous draft\n")
    if _sha256(source.read_bytes()) != before:  # the pipeline only reads; prove it
        raise CleaningError(f"原文在处理中被改动：{source}", f"the raw file changed while cleaning: {source}")
    return status


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sources = args.sources or sorted(SOURCES.glob("*.txt"))
    if not sources:
        print("没有找到原文 / no source texts found in sources/", file=sys.stderr)
        return EXIT_USAGE
    try:
        out = check_out_dir(args.out, sources)
    except RefusedOutput as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    failed = 0
    for source in sources:
        try:
            status = max(status, process(source, out, args.check))
        except CleaningError as exc:
            print(f"已拒绝 / rejected: {exc.zh}\n  {exc.en}", file=sys.stderr)
            failed += 1
        except Exception as exc:  # noqa: BLE001 - one broken source must not stop the others
            print(f"已拒绝 / rejected: 处理 {source} 时出错（{type(exc).__name__}: {exc}）\n"
                  f"  failed while cleaning {source} ({type(exc).__name__}: {exc})", file=sys.stderr)
            failed += 1
    if failed:
        print(f"{len(sources)} 篇原文中 {failed} 篇失败 / {failed} of {len(sources)} sources failed",
              file=sys.stderr)
        status = EXIT_BAD_INPUT
    return status


if __name__ == "__main__":
    sys.exit(main())

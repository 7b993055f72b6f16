"""The per-source report (drafts/<name>.report.md): what was removed, repaired and flagged, by line.

Deterministic (no timestamps, no diff status), so ``scripts/clean --check`` can compare it.
"""

from __future__ import annotations

from collections import defaultdict

from .boilerplate import KIND_LABELS
from .manifest import Manifest
from .pipeline import CleanResult


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    """A Markdown table of ``rows`` (text cells escaped), or "None." when there are none."""
    if not rows:
        return ["None."]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    return [line(headers), "|" + "---|" * len(headers)] + [
        line([_cell(c) if isinstance(c, str) else str(c) for c in row]) for row in rows]


def _findings(items: list) -> list[list[object]]:
    """Repairs, flags and suspicious spots share one table: line, text, what, context."""
    return [[f.line, f.found, f.result, f.context] for f in items]


def render_report(result: CleanResult, manifest: Manifest | None, sha256: str, raw_label: str) -> str:
    """Markdown report for one source (``raw_label``: the raw file's path as shown to editors)."""
    out = [f"# 清洗报告 / Cleaning report: {result.name}", ""]
    out.append(f"- 原文 / raw file: `{raw_label}` (sha256 `{sha256}`)")
    if manifest is None:
        out.append("- **清单缺失 / no manifest**: write `sources/<name>.toml` (see dev/sources.md)")
    else:
        if manifest.sha256 != sha256:
            out.append(f"- **原文与清单的 sha256 不符 / raw file does not match its manifest** "
                       f"(manifest `{manifest.sha256}`)")
        if manifest.file != raw_label.rsplit("/", 1)[-1]:
            out.append(f"- **清单的 file 指向另一个文件 / the manifest's file names another file**: "
                       f"`{manifest.file}`")
        out.append(f"- 来源网站 / origin site: {manifest.origin_site or '（原文未写明 / not named）'}")
        if manifest.origin_url:
            out.append(f"- 来源网址 / origin URL: <{manifest.origin_url}>")
        out.append(f"- 发布时间 / published: {manifest.published or '（原文未写明 / not given）'}")
        out.append(f"- 语言 / language: {manifest.language}")
        for problem in manifest.problems:
            out.append(f"- 问题 / problem: {problem}")
    if result.added_title:
        out.append(f"- 标题由清单提供 / H1 from the manifest's working_title: {result.added_title}")
    out += ["", f"## 删除的模板行 / Removed boilerplate ({len(result.removed)} lines)", ""]
    by_kind: dict[str, list] = defaultdict(list)
    for r in result.removed:
        by_kind[r.kind].append(r)
    for kind, label in KIND_LABELS.items():
        if kind in by_kind:
            out += [f"### {label} ({len(by_kind[kind])})", ""]
            out += _table(["line", "text"], [[r.number, r.text] for r in by_kind[kind]])
            out.append("")
    out += [f"## 删除的重复内容 / Removed duplicates ({len(result.duplicates)})", ""]
    out += _table(["lines", "copy of line", "blocks"],
                  [[f"{d.first}–{d.last}", d.copy_of, d.blocks] for d in result.duplicates])
    if result.script:  # only texts served in another script have this section
        out += ["", f"## 转换的字形 / Converted script ({len(result.script)} lines)", "",
                "Read in Traditional characters or with pinyin notes; converted to Simplified before "
                "every other step (cleaning/script.py).", ""]
        out += _table(["line", "text", "now", "what"],
                      [[f.line, f.found, f.result, f.entry] for f in result.script])
    out += ["", f"## 修复的乱码 / Repaired garbles ({len(result.repairs)})", ""]
    out += _table(["line", "garbled", "repair", "context (±8)"], _findings(result.repairs))
    out += ["", f"## 待编辑确认 / Flagged for an editor ({len(result.flags)})", ""]
    out += _table(["line", "text", "note", "context (±8)"], _findings(result.flags))
    out += ["", f"## 保留但可疑 / Kept but suspicious ({len(result.suspicious)})", "",
            ("Not changed: swap words that usually stand for another word, gaps where a word was "
             "dropped, and spots a repair left alone because they form a dictionary word. Read each "
             "in context and fix it in docs/."), ""]
    out += _table(["line", "text", "note", "context (±8)"], _findings(result.suspicious))
    out += ["", f"## 误导性说法 / Misleading claims ({len(result.claims)})", "",
            "The pipeline does not rewrite advice; correct these in docs/ with the cited fact.", ""]
    out += _table(["line", "text", "claim", "note", "correct fact"],
                  [[c.line, c.found, c.claim.claim, c.claim.note, c.claim.fact] for c in result.claims])
    return "\n".join(out) + "\n"

"""Boilerplate: page furniture scraped along with the article (comments, navigation, widgets, footers).

Each kind is a list of line patterns; a line matching one is removed and recorded with its kind, so the
report can show editors exactly what went. A few kinds need state (the body line under a fake comment's
avatar line, link lines under a "read next" header, repeated keyword-title lines).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

#: Human-readable labels for the report, Chinese / English.
KIND_LABELS: dict[str, str] = {
    "comment_section": "评论区标题 / comment-section header",
    "fake_comment": "伪造评论 / fake comment",
    "comment_prompt": "评论提示 / comment prompt",
    "navigation": "导航与面包屑 / site navigation, breadcrumb",
    "font_size": "字号控件 / font-size widget",
    "error_report_editor": "纠错、编辑与来源行 / error-report, editor and byline",
    "copyright": "版权行 / copyright line",
    "icp": "ICP 备案行 / ICP line",
    "publication": "发布时间与 IP 属地 / publication date, IP location",
    "read_next": "“阅读下一篇”“大家还看了” / read next, others also read",
    "divider": "分隔线 / divider line",
    "repeated_title": "重复的标题行 / repeated title line",
}

_DATE = r"\d{4}\s*[-/年.]?\s*\d{1,2}\s*[-/月.]\s*\d{1,2}\s*日?"
_PATTERNS: dict[str, list[str]] = {
    "comment_section": [r"^(?:精彩|全部|热门|最新|网友)?评论(?:区)?\s*(?:\(\d+\)|（\d+）)?$"],
    "comment_prompt": [
        r"^写下?你的评论", r"^写评论$", r"^还没有评论", r"发表(?:第一|之一)个评论", r"^我来说两句",
        r"^发表评论$", r"^(?:点击)?登录后(?:参与)?评论",
    ],
    "fake_comment": [r"^头像\s"],
    "navigation": [
        r"^.{0,30}>\s*(?:>\s*)*正文\s*$", r"^(?:当前位置|您的位置|所在位置)[:：]", r"^首页\s*>",
    ],
    "font_size": [r"^(?:字体|字号)[:：]\s*(?:[大中小]\s*)*$"],
    "error_report_editor": [
        r"【纠错】", r"【?责任编辑[:：]", r"^来源[:：]", r"^(?:作者|编辑|文章来源)[:：]\S{0,20}$",
        r"^(?:举报|纠错|分享到)[:：]?$",
    ],
    "copyright": [r"^Copyright\b", r"^©", r"版权所有", r"All Rights Reserved"],
    "icp": [r"ICP\s*[备证]", r"公网安备"],
    "publication": [
        r"^(?:发布于|编辑于|发表于)\s*" + _DATE,
        r"IP\s*属地",
        r"^" + _DATE + r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$",
    ],
    "read_next": [
        r"^(?:阅读下一篇|下一篇|上一篇|大家还看了|大家都在看|其他人还看了|别人还看了|相关阅读|推荐阅读|猜你喜欢|相关文章|延伸阅读)[:：]",
        r"^(?:大家还看了|其他人还看了|相关阅读|推荐阅读|猜你喜欢|相关文章|延伸阅读)$",
    ],
    "divider": [r"^(?:-{3,}|\*{3,}|_{3,}|={3,})$"],
}
_COMPILED = {kind: [re.compile(p) for p in pats] for kind, pats in _PATTERNS.items()}

_SENTENCE_PUNCT = re.compile(r"[。！？!?；;，,：:、]")
_CJK = re.compile(r"[\u3400-\u9fff]")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])")


@dataclass(frozen=True)
class Line:
    """One line of a source with its 1-based line number in the raw file."""

    number: int
    text: str


@dataclass(frozen=True)
class Removed:
    """A removed line, for the report."""

    number: int
    kind: str
    text: str


def classify(text: str) -> str | None:
    """Return the boilerplate kind of one stripped line, or None when it is content."""
    for kind, patterns in _COMPILED.items():
        if any(p.search(text) for p in patterns):
            return kind
    return None


def _title_candidates(lines: list[Line], title: str | None) -> set[str]:
    """Short unpunctuated keyword-title lines that repeat (or equal the manifest's page title)."""
    def looks_like_title(t: str) -> bool:
        return (
            0 < len(t) <= 40 and not t.startswith(("#", "-", "*", ">")) and bool(_CJK.search(t))
            and not _SENTENCE_PUNCT.search(t) and not _NUMBERED.match(t)
        )
    counts = Counter(line.text for line in lines if looks_like_title(line.text))
    found = {t for t, n in counts.items() if n >= 2}
    if title and looks_like_title(title.strip()):
        found.add(title.strip())
    return found


def strip_boilerplate(lines: list[Line], title: str | None = None) -> tuple[list[Line], list[Removed]]:
    """Split ``lines`` (already stripped) into kept content lines and removed boilerplate lines."""
    titles = _title_candidates(lines, title)
    kept: list[Line] = []
    removed: list[Removed] = []
    pending: str | None = None  # "fake_comment" body or "read_next" link list expected next
    for line in lines:
        text = line.text
        if not text:
            if pending == "read_next":
                pending = None
            continue
        if pending == "fake_comment":
            removed.append(Removed(line.number, "fake_comment", text))
            pending = None
            continue
        kind = classify(text)
        if kind is None and pending == "read_next" and len(text) <= 40 and "。" not in text:
            kind = "read_next"
        if kind is None and text in titles:
            kind = "repeated_title"
        if kind is None:
            pending = None
            kept.append(line)
            continue
        removed.append(Removed(line.number, kind, text))
        if kind in ("fake_comment", "read_next"):
            pending = kind
    return kept, removed

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
    "byline": "署名、时间、浏览数 / byline, date/time, view count",
    "link_or_contact": "网址、邮箱、侵权声明 / URL, e-mail, take-down notice",
    "digits": "只有数字 / digits only",
    "page_label": "页面标签（标题：正文：、已到最后、分享） / page labels and widgets",
    "page_header": "页头的栏目与标签 / page-header category and tag lines",
    "caption": "图片说明 / image caption",
    "advert": "付费代理广告（已列入误导说法） / paid-agent advert (also listed as a claim)",
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
    "page_label": [
        (r"^(?:发表回复|回复|已到最后|到底了|没有更多了|分享|收藏|点赞|打赏|返回顶部|返回列表|加载更多|展开全文|"
         r"查看更多|阅读全文|本题链接|本文链接|原文链接|标题|正文)[:：]?\s*$"),
        r"^评论列表\s*(?:[（(]\s*\d+\s*条?[)）])?$", r"^(?:本题链接|本文链接|原文链接|标题)[:：]",
        r"^(?:上一篇|下一篇|上一条|下一条)(?:[:：]|\s|$)",
        r"^(?:浏览|阅读|点击|人气|浏览次数|阅读量)[:：]?\s*\d+\s*(?:次)?$",
    ],
    "caption": [
        r"^[（(]?见?(?:图\s*\d+|图片|配图|示意图|截图)(?:来源)?[:：\s]?.{0,24}[)）]?$",
        r"^[（(]图片来源.{0,20}[)）]$",
    ],
    "advert": [
        r"(?:协商老师|债务优化|征信修复|修复征信|代理协商|停息挂账专员|上岸老师).{0,30}(?:微信|VX|vx|薇信|联系|咨询|电话)",
        r"(?:加|添加)?(?:微信|VX|vx|薇信)(?:号)?[:：]\s*\S{0,20}\s*[)）]?.{0,12}(?:咨询|协商|免费|老师|优化|修复)",
    ],
}
_COMPILED = {kind: [re.compile(p) for p in pats] for kind, pats in _PATTERNS.items()}

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_URL_OR_MAIL = re.compile(r"https?://|www\.[\w-]+\.|[\w.+-]+@[\w-]+\.[\w.]+")
_BYLINE_LABEL = re.compile(r"^(?:时间|日期|作者|编辑|责编|来源|发布|文章来源|发布时间|更新时间)\s*[:：]")
_DIGITS_ONLY = re.compile(r"^[\d\s.,:：/\-|（）()]+$")
_SHORT = 40  # a line this short holding a date/time, URL or e-mail is page furniture
_HEADER_LINE = 8  # page-header category/tag lines before the article are at most this long
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
    return classify_shape(text)


def classify_shape(text: str) -> str | None:
    """Boilerplate by shape, not by list: short lines that hold a date/time, a URL or e-mail, a
    "label:" byline, or only digits; a line with an e-mail or URL and a take-down notice."""
    if _DIGITS_ONLY.match(text) and "|" not in text:
        return "digits"
    short = len(text) <= _SHORT and "。" not in text
    if (short and (re.search(_DATE, text) or re.search(_TIME, text)) and not _NUMBERED.match(text)
            and not text.startswith(("#", "|"))):
        return "byline"
    if short and _BYLINE_LABEL.match(text):
        return "byline"
    if _URL_OR_MAIL.search(text) and (short or re.search(r"侵权|联系删除|版权|转载|投稿", text)):
        return "link_or_contact"
    return None


def _is_header_line(text: str) -> bool:
    """A category/tag/widget line of a page header: very short, no punctuation, not numbered."""
    return (len(text) <= _HEADER_LINE and not _SENTENCE_PUNCT.search(text) and not
            _NUMBERED.match(text) and not text.startswith(("#", "-", "*", "|", ">")))


def _header_end(lines: list[Line]) -> int:
    """Index of the first line that starts the article: a # heading or a line of real prose."""
    for i, line in enumerate(lines):
        t = line.text
        if t.startswith("#") or len(_CJK.findall(t)) > _HEADER_LINE * 2 or _SENTENCE_PUNCT.search(t):
            return i
    return len(lines)


def _title_candidates(lines: list[Line], title: str | None) -> set[str]:
    """Short unpunctuated keyword-title lines that repeat (or equal the manifest's page title)."""
    def looks_like_title(t: str) -> bool:
        return (
            0 < len(t) <= 40 and not t.startswith(("#", "-", "*", ">")) and bool(_CJK.search(t))
            and not _SENTENCE_PUNCT.search(t) and not _NUMBERED.match(t)
        )
    counts = Counter(line.text for line in lines if looks_like_title(line.text))
    found = {t for t, n in counts.items() if n >= 2}
    if title and 0 < len(title.strip()) <= 60:  # the manifest's page title, punctuated or not
        found.add(title.strip())
    return found


def strip_boilerplate(lines: list[Line], title: str | None = None) -> tuple[list[Line], list[Removed]]:
    """Split ``lines`` (already stripped) into kept content lines and removed boilerplate lines."""
    titles = _title_candidates(lines, title)
    kept: list[Line] = []
    removed: list[Removed] = []
    pending: str | None = None  # "fake_comment" body or "read_next" link list expected next
    header_end = _header_end(lines)
    # Short tag/category lines count as a page header only when there are several: a single short
    # line above the article is more likely its title.
    header_lines = [i for i in range(header_end)
                    if lines[i].text and _is_header_line(lines[i].text)
                    and classify(lines[i].text) is None]
    if len(header_lines) < 2:
        header_lines = []
    for index, line in enumerate(lines):
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
        if kind is None and index in header_lines:
            kind = "page_header"
        if kind is None and index < header_end and _precedes_byline(lines, index):
            kind = "byline"
        if kind is None:
            pending = None
            kept.append(line)
            continue
        removed.append(Removed(line.number, kind, text))
        if kind in ("fake_comment", "read_next"):
            pending = kind
    return kept, removed


def _precedes_byline(lines: list[Line], index: int) -> bool:
    """A short author line right above a date/time byline in the page header ("张三" / "2025-…")."""
    text = lines[index].text
    if len(text) > 20 or _SENTENCE_PUNCT.search(text) or _NUMBERED.match(text):
        return False
    following = next((line.text for line in lines[index + 1:] if line.text), "")
    return classify_shape(following) == "byline"

"""Every word the PDF prints that does not come from the pages themselves, per language.

One table so that the cover, TOC, running headers and link notes of the two editions stay parallel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Labels:
    """Printed strings of one edition; ``lang`` is the BCP 47 tag written into the PDF."""

    lang: str
    language_name: str
    edition: str
    contents: str
    web_version: str
    web_may_be_newer: str
    not_legal_advice: str
    page_ref: str
    """Text before a cross-reference page number, e.g. " (p. 12)"; CSS adds the number."""
    page_ref_end: str
    calculator_note: str
    """Printed after each calculator example, followed by the web calculator's address if known."""
    printed_from: str
    colon: str

    def format_date(self, day: date) -> str:
        """The edition date as a reader of this language writes it."""
        if self.lang.startswith("zh"):
            return f"{day.year} 年 {day.month} 月 {day.day} 日"
        return f"{day.day} {day.strftime('%B')} {day.year}"


LABELS: dict[str, Labels] = {
    "zh": Labels(
        lang="zh-CN",
        language_name="简体中文版",
        edition="版本日期",
        contents="目录",
        web_version="网页版",
        web_may_be_newer="本手册由网站内容生成；网页版可能更新，请以网页版为准。",
        not_legal_advice="本手册提供一般性信息，不是法律意见。具体问题请咨询律师或当地法律援助机构。",
        page_ref="（见第 ",
        page_ref_end=" 页）",
        calculator_note="以上是按示例数字在生成本手册时算出的结果。用你自己的数字计算，请打开网页版的计算器页面。",
        printed_from="网址",
        colon="：",
    ),
    "en": Labels(
        lang="en",
        language_name="English edition",
        edition="Edition",
        contents="Contents",
        web_version="Web version",
        web_may_be_newer="This handbook is generated from the website; the web version may be newer and prevails.",
        not_legal_advice="This handbook gives general information, not legal advice. For your own case, ask a lawyer "
        "or a local legal aid office.",
        page_ref=" (p. ",
        page_ref_end=")",
        calculator_note="These results were computed with the example figures when this handbook was made. "
        "To use your own figures, open the calculator page of the web version.",
        printed_from="Website",
        colon=": ",
    ),
}


def labels_for(language: str) -> Labels:
    """Labels for a MkDocs ``theme.language`` value such as ``zh`` or ``en``."""
    key = language.split("-")[0].split("_")[0].lower()
    if key not in LABELS:
        raise SystemExit(
            f"PDF 手册不支持语言 {language!r}（只支持 {', '.join(LABELS)}）/ "
            f"no PDF labels for language {language!r} (known: {', '.join(LABELS)})"
        )
    return LABELS[key]

"""A footnoted link before closing punctuation never starts a printed line with that punctuation.

WeasyPrint 70 may break a line right after a footnote call (even inside ``white-space: nowrap``),
so "<a>来源</a>，" printed as "来源¹" / "，后面" when the call fell at the line's end. chapter.py's
``_add_note`` puts the punctuation before the call, in one unbreakable ``span.note-keep``. Here a
page of such links at every position around the line's end goes through the real chapter step and
the handbook's stylesheet; ``pdftotext`` reads the lines back.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sitebuild.pdf.chapter import LinkContext, page_to_chapter

#: WeasyPrint is imported in the tests that render, not with the module (why: tests/pdf/test_render.py).
pytestmark = pytest.mark.xdist_group("pdf_render")

NO_LINE_START = "，。、；：？！）」』》〉】”’…"
FILLER = "这是一段用来测试换行的中文文字" * 4
#: Prefix lengths that move the link's end across the end of the first and second line (A5, 9.5 pt).
LENGTHS = range(20, 70)


def _page(punctuation: str) -> str:
    paragraphs = "".join(f'<p>{FILLER[:n]}<a href="https://example.org/a">来源网站</a>{punctuation}后面还有文字。</p>'
                         for n in LENGTHS)
    return f"<html lang='zh-CN'><body><article><h1>脚注</h1>{paragraphs}</article></body></html>"


def _lines(punctuation: str, tmp_path: Path) -> list[str]:
    from sitebuild.pdf.render import render_pdf

    ctx = LinkContext("p/", {"p/": "c-p"}, lambda url, fragment: url, tmp_path)
    chapter = page_to_chapter(_page(punctuation), key="c-p", part=None, ctx=ctx,
                              calculator_note="", calculator_url=None)
    html = f"<html lang='zh-CN'><body><section class='chapter' lang='zh-CN'>{chapter.body}</section></body></html>"
    pdf = tmp_path / "notes.pdf"
    rendered = render_pdf(html, pdf, tmp_path)
    assert rendered.warnings == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_closing_punctuation_after_a_footnoted_link_does_not_start_a_line(tmp_path: Path) -> None:
    lines = _lines("，", tmp_path)
    assert "".join(lines).count("https://example.org/a") == len(LENGTHS)  # every footnote printed
    assert [ln for ln in lines if ln[0] in NO_LINE_START] == []
    # The call stays with the punctuation: no line ends on "，" with its call starting the next.
    assert [ln for ln in lines if ln.endswith("，")] == []


def test_the_call_follows_the_punctuation_in_the_chapter() -> None:
    ctx = LinkContext("p/", {}, lambda url, fragment: url, Path("/srv"))
    body = page_to_chapter("<article><h1>t</h1><p>见<a href='https://example.org/'>网站</a>）。后</p>"
                           "<p><a href='https://example.org/b'>b</a> c</p></article>",
                           key="c", part=None, ctx=ctx, calculator_note="", calculator_url=None).body
    assert ('<a href="https://example.org/" class="ext">网站</a><span class="note-keep">）。'
            '<span class="link-note">https://example.org/</span></span>后') in body
    assert '<span class="link-note">https://example.org/b</span> c' in body

"""One built page → one print chapter (sitebuild/pdf/chapter.py), on a small Material-like page.

``fixtures/page.html`` holds every kind of markup the site produces (permalinks, edit button,
admonition, collapsible block, checklist, letter template, calculator widget with form and chart,
page-meta footer, internal, unprinted and external links); ``fixtures/chapter.expected.html`` is
the chapter body it must become. After an intended change, review the new output and rewrite it
with ``UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/pdf/test_chapter.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitebuild.pdf.chapter import LinkContext, page_to_chapter

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = (FIXTURES / "page.html").read_text(encoding="utf-8")
EXPECTED = FIXTURES / "chapter.expected.html"
PRINTED = {
    "overdue/costs/": "c-overdue-costs",
    "credit/record/": "c-credit-record",
    "overdue/lawsuit/": "c-overdue-lawsuit",
    "reference/laws/": "c-reference-laws",
}
SITE = "https://weilidai.example/"


def public(url: str, fragment: str) -> str:
    return SITE + url + (f"#{fragment}" if fragment else "")


def convert(public_url=public, calculator_url: str | None = SITE + "calculator/"):  # type: ignore[no-untyped-def]
    ctx = LinkContext("overdue/costs/", PRINTED, public_url, Path("/srv/site"))
    return page_to_chapter(PAGE, key="c-overdue-costs", part="逾期之后", ctx=ctx,
                           calculator_note="用网页版计算器：", calculator_url=calculator_url,
                           running_title="逾期的代价")


def test_chapter_body_matches_expected_output() -> None:
    body = convert().body.strip() + "\n"
    if os.environ.get("UPDATE_EXPECTED"):
        EXPECTED.write_text(body, encoding="utf-8")
    assert body == EXPECTED.read_text(encoding="utf-8")


def test_title_headings_and_running_title() -> None:
    chapter = convert()
    assert chapter.title == "逾期的代价"
    assert chapter.running_title == "逾期的代价"
    assert [(h.level, h.text, h.anchor) for h in chapter.headings] == [(2, "罚息", "c-overdue-costs--罚息")]
    assert 'id="c-overdue-costs"' in chapter.body


@pytest.mark.parametrize("gone", ["headerlink", "md-content__button", "<form", "<input", "<button",
                                  "<script", "<link", "calc-status", "calc-output-title",
                                  "wld-page-meta__disclaimer", "md-header",
                                  "md-footer", "¶", "<details", "<summary"])
def test_screen_only_markup_is_dropped(gone: str) -> None:
    assert gone not in convert().body


def test_links_to_printed_pages_become_cross_references() -> None:
    body = convert().body
    assert '<a href="#c-credit-record" class="xref">' in body
    assert '<a href="#c-overdue-lawsuit--执行" class="xref">' in body
    assert '<a href="#c-overdue-costs--罚息" class="xref">' in body


def test_other_links_get_their_address_printed_once() -> None:
    chapter = convert()
    assert '<span class="link-note">https://www.pbccrc.org.cn/</span>' in chapter.body
    assert '<span class="link-note">https://weilidai.example/handbook/</span>' in chapter.body
    assert chapter.external_links == 2  # the link whose text is its address gets no note


def test_without_a_public_address_unprinted_pages_are_plain_words() -> None:
    chapter = convert(public_url=lambda url, fragment: None, calculator_url=None)
    assert "PDF 手册" in chapter.body and "/handbook/" not in chapter.body
    assert 'href="https://weilidai.example' not in chapter.body
    assert '<p class="calc-note">用网页版计算器：</p>' in chapter.body


def test_page_without_article_or_title_is_a_clear_error() -> None:
    ctx = LinkContext("x/", {}, public, Path("/srv/site"))
    with pytest.raises(ValueError, match="no <article>"):
        page_to_chapter("<p>hi</p>", key="c-x", part=None, ctx=ctx, calculator_note="", calculator_url=None)
    with pytest.raises(ValueError, match="no <h1>"):
        page_to_chapter("<article><p>hi</p></article>", key="c-x", part=None, ctx=ctx,
                        calculator_note="", calculator_url=None)

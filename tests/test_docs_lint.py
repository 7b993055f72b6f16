"""Every edited page is clean: no garble from the project's reviewed table (in word context), no SEO
filler or unsure spot, no page boilerplate or repeated paragraph, and, on Chinese pages, nothing the
CJK copywriting linter AutoCorrect would change. Fails listing file:line: finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaning.docs_lint import is_chinese_page, lint_page

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "includes").glob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_is_clean(page: Path) -> None:
    findings = lint_page(page, str(page.relative_to(ROOT)))
    assert not findings, "\n" + "\n".join(findings)


def test_there_are_chinese_pages_to_lint() -> None:
    assert any(is_chinese_page(p) for p in PAGES)


@pytest.mark.parametrize(("text", "expected"), [
    ("当事人可以采纳律师的建议，这在协商中发挥了重要作用。\n", []),
    ("逾期会作用个人信用记录。\n", ["garble '作用'"]),
    ("微粒贷是不是会被起丝\n", ["garble '起丝'"]),
    ("本文将围绕逾期展开。\n", ["garble '本文将围绕'"]),
    ("微粒贷,逾期\n", ["autocorrect"]),
    ("```text\n微粒贷,起丝\n```\n", []),
    ("---\ntitle: 微粒贷,起丝\n---\n\n正文。\n", []),
    ("正文里的 `起丝` 是代码示例。\n", []),
    ("写下你的评论...\n", ["boilerplate (comment_prompt)"]),
    ("借款人应当及时联系客服说明情况，并保留全部沟通记录以备日后使用。\n\n"
     "借款人应当及时联系客服说明情况，并保留全部沟通记录以备日后使用。\n", ["duplicated paragraph"]),
])
def test_lint_rules(tmp_path: Path, text: str, expected: list[str]) -> None:
    page = tmp_path / "zh" / "page.md"
    page.parent.mkdir()
    page.write_text(text, encoding="utf-8")
    findings = lint_page(page, "page.md")
    assert len(findings) == len(expected), findings
    for finding, want in zip(findings, expected):
        assert want in finding

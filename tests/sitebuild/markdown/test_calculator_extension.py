"""The ```calculator Markdown extension (sitebuild/markdown/calculator.py): fixture Markdown beside
its expected HTML, converted the way every engine converts a page (one Markdown per page).

Expected files are written by a person from a reviewed run: ``python tests/markdown/test_calculator_extension.py
--write`` rewrites them, and the diff is what to review.
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import pytest
from pymdownx.superfences import SuperFencesException

from sitebuild.markdown.calculator import fence

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = sorted(p.name.removesuffix(".md") for p in FIXTURES.glob("*.md"))


def convert(text: str, lang: str, extensions: list[str] | None = None) -> str:
    md = markdown.Markdown(
        extensions=extensions or ["sitebuild.markdown.calculator", "pymdownx.superfences"],
        extension_configs={
            "sitebuild.markdown.calculator": {"lang": lang, "manifest": str(FIXTURES / "runtime.json")},
            "pymdownx.superfences": {"custom_fences": [{"name": "calculator", "class": "calculator", "format": fence}]},
        })
    return md.convert(text) + "\n"


@pytest.mark.parametrize("case", CASES)
def test_fixture(case: str) -> None:
    lang = case.rsplit(".", 1)[1]
    got = convert((FIXTURES / f"{case}.md").read_text("utf-8"), lang)
    assert got == (FIXTURES / f"{case}.html").read_text("utf-8")


def test_the_fence_states_the_manifest_figures() -> None:
    html = convert((FIXTURES / "static-first.zh.md").read_text("utf-8"), "zh")
    assert "约 1.2 MB" in html and "&quot;total&quot;:1234567" in html
    assert 'data-wheel="@@calc-root@@wheels/fixture/' in html  # made page-relative by content.html


def test_without_the_extension_the_fence_fails_loudly() -> None:
    """Zensical and MkDocs both fail a build on SuperFencesException: no silent code block."""
    with pytest.raises(SuperFencesException, match="sitebuild.markdown.calculator"):
        convert("```calculator\nmode: apr\ndaily_rate: 0.05%\n```\n", "zh", ["pymdownx.superfences"])


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang must be one of"):
        convert("text\n", "fr")


def test_ids_restart_on_each_page_of_one_markdown() -> None:
    md = markdown.Markdown(
        extensions=["sitebuild.markdown.calculator", "pymdownx.superfences"],
        extension_configs={
            "sitebuild.markdown.calculator": {"lang": "zh", "manifest": str(FIXTURES / "runtime.json")},
            "pymdownx.superfences": {"custom_fences": [{"name": "calculator", "class": "calculator", "format": fence}]},
        })
    source = "```calculator\nmode: apr\ndaily_rate: 0.05%\nstatic: true\n```\n"
    first = md.convert(source)
    md.reset()
    assert md.convert(source) == first and 'id="calc-apr"' in first


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    for case in CASES:
        (FIXTURES / f"{case}.html").write_text(
            convert((FIXTURES / f"{case}.md").read_text("utf-8"), case.rsplit(".", 1)[1]), "utf-8")

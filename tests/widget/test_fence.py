"""The ```calculator fence, its page template and the CSP step, without a browser: options, errors, paths, CSP."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pymdownx.superfences import SuperFencesException

from calculators.web import compute
from sitebuild.after.csp import content_security_policy
from sitebuild.editions import by_code
from sitebuild.markdown.calculator import CalculatorAssets
from sitebuild.markdown.calculator_fence import PageIds, parse_options, widget_html

ROOT = Path(__file__).resolve().parents[2]


def _render_content(content: str, base_url: str, shared_root: str) -> str:
    """overrides/partials/content.html as the engine renders it (its includes stubbed empty)."""
    import jinja2

    partials = {f"partials/{n}.html": "" for n in ("tags", "actions", "source-file", "feedback", "comments")}
    loader = jinja2.ChoiceLoader([jinja2.DictLoader(partials), jinja2.FileSystemLoader(ROOT / "overrides")])
    page = {"content": "<h1>t</h1>" + content, "title": "t"}
    return jinja2.Environment(loader=loader).get_template("partials/content.html").render(
        page=page, base_url=base_url, config={"extra": {"shared_root": shared_root}, "site_name": "s"})


def test_options_with_a_block_value() -> None:
    source = "mode: overdue\ndaily_rate: 0.05%\ninstalments: |\n  2026-01-10,3000,150\n  2026-02-10,3000,120\nas_of: 2026-03-01\n"
    assert parse_options(source) == {"mode": "overdue", "daily_rate": "0.05%",
                                     "instalments": "2026-01-10,3000,150\n2026-02-10,3000,120", "as_of": "2026-03-01"}


@pytest.mark.parametrize("source, words", [
    ("mode: lone\n", "mode must be one of"),
    ("mode: court\nclaim: 1000\ncolour: red\n", "unknown option"),
    ("mode: court\nclaim: -5\n", "example fails"),
    ("mode court\n", "key: value"),
])
def test_a_bad_fence_fails_the_build(source: str, words: str) -> None:
    with pytest.raises(SuperFencesException, match=words):
        widget_html(parse_options(source), "zh", PageIds(), "w.whl", "p/")


def test_example_figures_are_the_packages() -> None:
    html = widget_html({"mode": "court", "claim": "30000", "procedure": "simplified"}, "en", PageIds(), "w.whl", "p/")
    for row in compute("court", {"claim": "30000", "procedure": "simplified"})["summary"]:
        assert f'data-value="{row["value"]}"' in html
    assert 'id="calc-court"' in html and 'lang="en"' in html


def test_ids_are_unique_on_a_page() -> None:
    ids = PageIds()
    assert [ids.claim("calc-apr") for _ in range(3)] == ["calc-apr", "calc-apr-2", "calc-apr-3"]


def test_static_fence_has_no_form_and_no_script_marker() -> None:
    html = widget_html({"mode": "apr", "daily_rate": "0.05%", "static": "true"}, "zh", PageIds(), "w.whl", "p/")
    assert "<form" not in html and "data-calc-widget" not in html and "calc-summary" in html


@pytest.mark.parametrize("base_url, up", [(".", ""), ("..", "../"), ("../..", "../../")])
def test_page_relative_paths(base_url: str, up: str) -> None:
    """MkDocs' base_url: "." on the home page, ".." one folder down (calculator/), "../.." two."""
    html = _render_content('<a href="@@calc-edition@@x">', base_url, "")
    assert f'<a href="{up}x">' in html and "@@" not in html


def test_english_edition_reaches_the_shared_root() -> None:
    assert (by_code("zh").shared_root, by_code("en").shared_root) == ("", "../")
    html = _render_content('<a data-w="@@calc-root@@w.whl" href="@@calc-edition@@x">', "..", "../")
    assert 'data-w="../../w.whl" href="../x"' in html


def test_csp_hashes_inline_scripts_only() -> None:
    body = 'var a="中";'
    page = (f'<script>{body}</script><script src="x.js"></script>'
            '<script id="c" type="application/json">{"a": 1}</script>')
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    policy = content_security_policy(page)
    assert f"'sha256-{digest}'" in policy and policy.count("sha256-") == 1
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self' 'wasm-unsafe-eval'" in policy and "worker-src 'self'" in policy


@pytest.mark.parametrize("static", [True, False])
def test_stylesheet_on_every_widget_page_script_only_for_interactive(static: bool) -> None:
    options = {"mode": "court", "claim": "30000", **({"static": "true"} if static else {})}
    widget = widget_html(options, "zh", PageIds(), "wheels/x/w.whl", "pyodide/1/")
    content = CalculatorAssets(None).run(f"<p>intro</p>{widget}")
    html = _render_content(content, "../..", "")
    assert html.index('href="../../assets/calculator/calculator.css"') < html.index('<div class="calc-widget')
    assert ('src="../../assets/calculator/widget.js"' in html) is not static
    assert "@@" not in html  # every figure is final before the engine runs (sitebuild/before/runtime_manifest.py)
    if not static:
        assert 'data-pyodide="../../pyodide/1/"' in html and 'data-wheel="../../wheels/x/w.whl"' in html
    assert CalculatorAssets(None).run("<p>no widget</p>") == "<p>no widget</p>"


class _TableCells(HTMLParser):
    """The text of every <td> in the detail tables (class calc-table) of a rendered widget."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._in_table = self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._in_table = "calc-table" in (dict(attrs).get("class") or "")
        elif tag == "td" and self._in_table:
            self._in_cell = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_cell = self._in_cell and tag != "td"
        self._in_table = self._in_table and tag != "table"

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1] += data


CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("options, zh_words, en_words", [
    ({"mode": "compare", "principal": "10000", "daily_rate": "0.05%", "days": "30"},
     ["今天全部还清", "30 天后全部还清"], ["Pay everything today", "Pay everything in 30 days"]),
    ({"mode": "court", "claim": "30000000", "unpaid": "25000000"},
     ["每件 50.00 元", "10,000.00–100,000.00", "> 20,000,000.00"],
     ["50.00 yuan per case", "10,000.00–100,000.00", "> 20,000,000.00"]),
])
def test_table_cells_show_the_page_language_only(options: dict[str, str], zh_words: list[str],
                                                  en_words: list[str]) -> None:
    """No Chinese in an English table cell, no English in a Chinese one (the build-time renderer)."""
    cells = {}
    for lang in ("zh", "en"):
        parser = _TableCells()
        parser.feed(widget_html(options, lang, PageIds(), "w.whl", "p/"))
        cells[lang] = parser.cells
        assert cells[lang]
    assert not [c for c in cells["en"] if CJK.search(c)]
    assert not [c for c in cells["zh"] if re.search(r"[A-Za-z]", c)]
    assert set(zh_words) <= set(cells["zh"]) and set(en_words) <= set(cells["en"])

"""The ```calculator fence and the page hook, without a browser: options, errors, paths, CSP."""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pymdownx.superfences import SuperFencesException

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

import calculator  # noqa: E402  (the hook module)
from calculator_fence import PageIds, parse_options, widget_html  # noqa: E402

from calculators.web import compute  # noqa: E402
from scripts.calculator_runtime import DOWNLOAD_BYTES_TOKEN, DOWNLOAD_MB_TOKEN  # noqa: E402


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


@pytest.mark.parametrize("url, up", [("", ""), ("calculator/", "../"), ("overdue/costs/", "../../"),
                                     ("calculator.html", "")])
def test_page_relative_paths(url: str, up: str) -> None:
    assert calculator._up(url) == up


def test_english_edition_reaches_the_shared_root() -> None:
    assert calculator._edition_to_shared(str(ROOT / "site" / "en")) == "../"
    assert calculator._edition_to_shared(str(ROOT / "site")) == ""
    assert calculator._edition_to_shared("/tmp/private-site") == ""


def test_csp_hashes_inline_scripts_only() -> None:
    body = 'var a="中";'
    page = (f'<script>{body}</script><script src="x.js"></script>'
            '<script id="c" type="application/json">{"a": 1}</script>')
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    policy = calculator.content_security_policy(page)
    assert f"'sha256-{digest}'" in policy and policy.count("sha256-") == 1
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self' 'wasm-unsafe-eval'" in policy and "worker-src 'self'" in policy


class _Page:
    url = "overdue/costs/"


@pytest.mark.parametrize("static", [True, False])
def test_stylesheet_on_every_widget_page_script_only_for_interactive(static: bool) -> None:
    options = {"mode": "court", "claim": "30000", **({"static": "true"} if static else {})}
    widget = widget_html(options, "zh", PageIds(), "wheels/x/w.whl", "pyodide/1/")
    config = type("Config", (), {"site_dir": str(ROOT / "site")})()
    html = calculator.on_page_content(f"<p>intro</p>{widget}", page=_Page(), config=config)
    assert html.index('href="../../assets/calculator/calculator.css"') < html.index('<div class="calc-widget')
    assert ('src="../../assets/calculator/widget.js"' in html) is not static
    # the download size is filled in after the build (scripts/calculator_runtime.py), from the real files
    assert "@@" not in html.replace(DOWNLOAD_BYTES_TOKEN, "").replace(DOWNLOAD_MB_TOKEN, "")
    if not static:
        assert 'data-pyodide="../../pyodide/1/"' in html and 'data-wheel="../../wheels/x/w.whl"' in html
    assert calculator.on_page_content("<p>no widget</p>", page=_Page(), config=config) == "<p>no widget</p>"


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

"""Filling the download page's placeholders, size wording, labels and printed web addresses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitebuild.pdf.download_page import PdfFacts, fill, format_size
from sitebuild.pdf.edition import Edition
from sitebuild.pdf.labels import LABELS, labels_for

FACTS = {
    "zh": PdfFacts("zh", 100, 1_283_456, date(2026, 11, 24)),
    "en": PdfFacts("en", 116, 640_400, date(2026, 11, 20)),
}


@pytest.mark.parametrize(("size", "text"), [(1_283_456, "1.3 MB"), (640_400, "640 KB"), (999_499, "999 KB"),
                                            (1_000_000, "1.0 MB"), (120, "1 KB")])
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text.replace(" ", "\u00a0")


def test_fill_replaces_every_known_placeholder_and_only_those() -> None:
    html = ('<p><span data-handbook="pages-zh"></span> 页，<span data-handbook="size-zh">old</span>，'
            '<span data-handbook="date-zh"></span>；<span data-handbook="pages-en"></span>；'
            '<span data-handbook="pages-fr"></span></p>')
    out, count = fill(html, FACTS, LABELS["zh"])
    assert count == 4
    assert ('<span data-handbook="pages-zh">100</span> 页，<span data-handbook="size-zh">1.3\u00a0MB</span>，'
            '<span data-handbook="date-zh">2026 年 11 月 24 日</span>；<span data-handbook="pages-en">116</span>；'
            '<span data-handbook="pages-fr"></span>') in out


def test_dates_are_written_the_readers_way() -> None:
    assert LABELS["en"].format_date(date(2026, 11, 4)) == "4 November 2026"
    assert LABELS["zh"].format_date(date(2026, 1, 4)) == "2026 年 1 月 4 日"


def test_unknown_language_is_a_bilingual_error() -> None:
    assert labels_for("zh-CN") is LABELS["zh"] and labels_for("en") is LABELS["en"]
    with pytest.raises(SystemExit, match="PDF 手册不支持语言.*no PDF labels"):
        labels_for("fr")


def _edition(site_url: str | None, mount: str) -> Edition:
    return Edition(Path("mkdocs.yml"), "en", LABELS["en"], "Guide", "", Path("site"), mount, site_url)


def test_public_addresses() -> None:
    assert _edition("https://w.example", "en/").public_url("overdue/costs/", "fees") == \
        "https://w.example/en/overdue/costs/#fees"
    assert _edition("https://w.example/", "").public_url("") == "https://w.example/"
    assert _edition(None, "").public_url("calculator/") is None


@pytest.mark.parametrize(("site_url", "mount", "root"), [
    ("https://w.example/en/", "en/", "https://w.example/"),
    ("https://w.example/guide/en", "en/", "https://w.example/guide/"),
    ("https://w.example/", "", "https://w.example/"),
    ("http://127.0.0.1:8000/", "", None),
    ("http://localhost:8000/en/", "en/", None),
    (None, "", None),
])
def test_public_root(site_url: str | None, mount: str, root: str | None) -> None:
    from sitebuild.pdf.edition import public_root

    assert public_root(site_url, mount) == root

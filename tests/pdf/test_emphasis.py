"""Emphasis prints upright in the other family (print.css): no synthetic oblique face is embedded.

The handbook's only families, Noto Serif / Sans CJK SC, have no italic face; ``font-style: italic``
made WeasyPrint embed a slanted copy of the sans (``...CJK-SC-Oblique``), found before only by the
built-site PDF test. Here one tiny document per language, with emphasis in running text and in a
table cell, goes through the handbook's stylesheet; ``pdffonts`` lists what was embedded.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

#: WeasyPrint is imported in the tests that render, not with the module (why: tests/pdf/test_render.py).
pytestmark = pytest.mark.xdist_group("pdf_render")


def _fonts(html: str, tmp_path: Path) -> set[str]:
    from sitebuild.pdf.render import render_pdf

    pdf = tmp_path / "em.pdf"
    assert render_pdf(html, pdf, tmp_path).warnings == []
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {line.split()[0].split("+", 1)[-1] for line in listing.splitlines()[2:]}


@pytest.mark.parametrize("lang, words", [("en", ("plain words", "stressed")), ("zh-CN", ("普通文字", "强调"))])
def test_emphasis_is_upright_in_the_other_family(lang: str, words: tuple[str, str], tmp_path: Path) -> None:
    plain, stressed = words
    running = f"<html lang='{lang}'><body><p>{plain} <em>{stressed}</em> <i>{stressed}</i></p></body></html>"
    assert _fonts(running, tmp_path) == {"Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC"}
    in_table = f"<html lang='{lang}'><body><table><tr><td>{plain} <em>{stressed}</em></td></tr></table></body></html>"
    assert _fonts(in_table, tmp_path) == {"Noto-Sans-CJK-SC", "Noto-Serif-CJK-SC"}

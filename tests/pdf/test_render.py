"""sitebuild/pdf/render.py: one render when target-counter() printed every page number right, a
re-render only when the check finds a wrong one (tiny documents with the handbook's stylesheet)."""

from __future__ import annotations

from pathlib import Path

from weasyprint import CSS, HTML

from sitebuild.pdf.document import STYLESHEET
from sitebuild.pdf.render import anchor_pages, misprinted, printed_page_numbers, render_pdf

CHAPTER = "<section class='chapter' id='{key}'><h1>{title}</h1>" + "<p>Text that fills the page.</p>" * 40 + "</section>"


def handbook(toc_attrs: str = "") -> str:
    """A contents page, three chapters of a few pages each and a cross-reference to chapter 3; links
    in double quotes, as the handbook template writes them (the fallback rewrites those)."""
    toc = "".join(f'<li class="toc-chapter"><a {toc_attrs if key == "c3" else ""}href="#{key}">{key}</a></li>'
                  for key in ("c1", "c2", "c3"))
    chapters = "".join(CHAPTER.format(key=key, title=key) for key in ("c1", "c2", "c3"))
    xref = '<p>See <a class="xref" href="#c3">chapter 3</a>.</p>'
    return (f"<html lang='en'><head><style>a.xref::after {{ content: ' (p. ' target-counter(attr(href url), page) ')'; }}"
            f"</style></head><body><section class='toc'><ul>{toc}</ul></section>{chapters}{xref}</body></html>")


def laid_out(html: str) -> tuple[dict[str, int], list[tuple[str, int]]]:
    document = HTML(string=html).render(stylesheets=[CSS(filename=str(STYLESHEET))])
    return anchor_pages(document), printed_page_numbers(document)


def test_the_numbers_read_from_the_layout_are_the_targets_pages() -> None:
    pages, printed = laid_out(handbook())
    assert sorted(printed) == sorted([("c1", pages["c1"]), ("c2", pages["c2"]), ("c3", pages["c3"]), ("c3", pages["c3"])])
    assert pages["c1"] < pages["c2"] < pages["c3"]
    assert misprinted(printed, pages) == []


def test_a_wrong_printed_number_is_found() -> None:
    pages, printed = laid_out(handbook(toc_attrs="data-page='99' "))  # the contents print 99 for c3
    assert ("c3", 99) in printed
    assert misprinted(printed, pages) == [f"#c3: printed 99, lands on {pages['c3']}"]


def test_one_render_when_the_numbers_are_right(tmp_path: Path) -> None:
    rendered = render_pdf(handbook(), tmp_path / "a.pdf", tmp_path)
    assert (rendered.passes, rendered.references, rendered.warnings) == (1, 4, [])


def test_a_wrong_number_is_re_rendered_until_right(tmp_path: Path) -> None:
    rendered = render_pdf(handbook(toc_attrs="data-page='99' "), tmp_path / "b.pdf", tmp_path)
    assert (rendered.passes, rendered.references, rendered.warnings) == (2, 4, [])

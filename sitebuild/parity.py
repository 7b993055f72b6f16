"""Compare two builds of the site made by different engines (tests/site/test_engines.py uses it).

    python -m sitebuild.parity SITE_A SITE_B             # report differences, exit 1 if any

What an engine can drop silently is counted, not trusted to an exit code: calculator widgets,
glossary ``<abbr>``, "page info" boxes, CSP metas. Page text is compared inside ``<article>``;
the page chrome field by field. Known, accepted differences are in :data:`ALLOWED`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import html as lxml_html

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
#: Published .py files: only the renderer the Pyodide worker loads.
ALLOWED_PY = frozenset({"assets/calculator/calculator_render.py", "en/assets/calculator/calculator_render.py"})
#: Accepted chrome differences between MkDocs and Zensical 0.0.73, (field, page) → why.
ALLOWED: dict[tuple[str, str], str] = {
    # Material hides the home page's own title through page.is_homepage, which Zensical lacks.
    ("title", "index.html"): "home page <title> is 'Home - site name' in Zensical",
    ("title", "en/index.html"): "home page <title> is 'Home - site name' in Zensical",
}


@dataclass(frozen=True)
class Page:
    """What is compared of one built page."""

    article: str
    lang: str
    title: str
    nav: tuple[str, ...]
    alternates: tuple[str, ...]
    canonical: str
    counts: tuple[int, int, int, int]  # widgets, <abbr>, page-meta boxes, CSP metas


def _text(node: object) -> str:
    return " ".join(str(node.text_content()).split()) if node is not None else ""  # type: ignore[attr-defined]


def counts(raw: str) -> tuple[int, int, int, int]:
    """Widgets, <abbr>, page-meta boxes, CSP metas of a page's HTML (counted in the text: no parse)."""
    return (raw.count('<div class="calc-widget'), raw.count("<abbr"), raw.count('class="wld-page-meta"'),
            raw.count('http-equiv="Content-Security-Policy"'))


@lru_cache(maxsize=1024)
def _read_page(path: Path, mtime_ns: int, size: int) -> Page:
    raw = path.read_text("utf-8")
    doc = lxml_html.fromstring(raw)
    article = doc.find(".//article")
    canonical = doc.xpath("//link[@rel='canonical']/@href")
    return Page(
        article=_text(article),
        lang=str(doc.get("lang", "")),
        title=_text(doc.find(".//title")),
        nav=tuple(_text(a) for a in doc.xpath("//*[contains(@class,'md-tabs__link')]")),
        alternates=tuple(str(h) for h in doc.xpath("//a[contains(@class,'md-select__link')]/@href")),
        canonical=str(canonical[0]) if canonical else "",
        counts=counts(raw),
    )


def read_page(path: Path) -> Page:
    """What is compared of the page at ``path``; each version of a file is parsed once per process
    (the engines test compares MkDocs' pages with two other sites)."""
    stat = path.stat()
    return _read_page(path, stat.st_mtime_ns, stat.st_size)


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def published_py(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.py")
                  if p.relative_to(site).as_posix() not in ALLOWED_PY)


def same_bytes_but_generator(a: Path, b: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    """Files that differ once the generator <meta> is removed (``diff -r`` apart from it)."""
    names_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"only in one build: {n}" for n in sorted(names_a ^ names_b)]
    for name in sorted((names_a & names_b) - skip):
        if GENERATOR.sub(b"", (a / name).read_bytes()) != GENERATOR.sub(b"", (b / name).read_bytes()):
            out.append(f"differs: {name}")
    return out


def page_differences(a: Path, b: Path) -> list[str]:
    """Article text, chrome fields and counts, page by page; '' entries never appear."""
    out = []
    names_a, names_b = pages(a), pages(b)
    if names_a != names_b:
        out.append(f"page lists differ: {sorted(set(names_a) ^ set(names_b))}")
    for name in sorted(set(names_a) & set(names_b)):
        pa, pb = read_page(a / name), read_page(b / name)
        for field in ("article", "lang", "title", "nav", "alternates", "canonical", "counts"):
            va, vb = getattr(pa, field), getattr(pb, field)
            if va != vb and (field, name) not in ALLOWED:
                out.append(f"{name}: {field}: {str(va)[:160]!r} != {str(vb)[:160]!r}")
    return out


def totals(site: Path) -> tuple[int, int, int, int]:
    sums = [0, 0, 0, 0]
    for name in pages(site):
        for i, n in enumerate(counts((site / name).read_text("utf-8"))):
            sums[i] += n
    return (sums[0], sums[1], sums[2], sums[3])


def main(argv: list[str]) -> int:
    a, b = Path(argv[0]), Path(argv[1])
    problems = page_differences(a, b) + [f"published .py: {p}" for p in published_py(b)]
    print(f"{a}: widgets, abbr, page boxes, CSP metas = {totals(a)}")
    print(f"{b}: widgets, abbr, page boxes, CSP metas = {totals(b)}")
    print("\n".join(problems) or "same article text, chrome and counts on every page")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

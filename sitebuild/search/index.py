"""Build the site's search index with Pagefind, after both MkDocs editions are built.

Why Pagefind (dev/decisions/0002-pagefind-over-lunr.md): it indexes the built HTML, so it
does not depend on Material's search plugin (end of life May 2027); it keeps one index per
``<html lang>`` (zh-CN at /, en at /en/) in one bundle; the browser fetches only the index
chunks a query needs, and only once the reader opens the search box; results come per section.

What this step adds before indexing, in a temporary copy of each edition's HTML (``site/``
itself is not changed), from ``i18n/search_synonyms.toml``: the reader's words as an invisible
line under the title of the page each entry names (Pagefind indexes ``hidden`` elements; readers
do not see them), and the rank weight of the reference pages (metadata ``rank``, applied by
overrides/assets/search/search.js). Then the Pagefind binary from the pinned npm package writes
one bundle per edition: ``site/pagefind/`` (zh-CN) and ``site/en/pagefind/`` (en);
sitebuild/search/vocabulary.py writes the index's own words beside it (``wld-vocab.json``) and
sitebuild/search/sections.py the section table the box ranks with (``wld-sections.json``).

    python -m sitebuild.search.index --site site
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sitebuild.search import sections as search_sections
from sitebuild.search import vocabulary as search_vocabulary
from sitebuild import editions

ROOT = Path(__file__).resolve().parents[2]
SYNONYMS = ROOT / "i18n" / "search_synonyms.toml"
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
#: Output folder inside each edition's root (a fixed, predictable name the service worker can
#: precache: site/pagefind/, site/en/pagefind/).
BUNDLE = "pagefind"
#: Edition → (folder inside the site root, language code of its entries in the synonym table).
EDITIONS = {e.code: e.prefix.rstrip("/") for e in editions.EDITIONS}
#: What of each page is indexed: the article (title + text), without the heading permalinks,
#: the page-info box (review date, sources, disclaimer: the same on every page) or the
#: calculator forms' labels.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = (".headerlink", ".wld-page-meta", ".md-source-file", "form", "noscript")
#: Marks the invisible synonym line (tests look for it in the bundle's fragments).
SYNONYM_CLASS = "wld-search-synonyms"
#: Pagefind weight of the synonym line (a heading's weight: h1 is 7, h2 6, body text 1), so a
#: reader's word counts as much as if the page had it in a section title.
SYNONYM_WEIGHT = 6


@dataclass(frozen=True)
class Synonyms:
    """One reviewed entry: the reader's ``words`` that should find ``page`` of ``edition``."""

    edition: str
    words: tuple[str, ...]
    page: str
    #: Where readers were seen using the words (URLs, "; "-separated), or a "legacy:" note.
    source: str = ""


def load_rank(path: Path = SYNONYMS) -> dict[str, float]:
    """The ``[rank]`` table: page → weight in (0, 1], for pages ranked below articles."""
    table = tomllib.loads(path.read_text("utf-8")).get("rank", {})
    for page, weight in table.items():
        if not 0 < float(weight) <= 1 or (page and not page.endswith("/")):
            raise ValueError(f"{path.name}: [rank] {page!r} = {weight!r}: weight in (0, 1], path ending in / "
                             "/ 权重应在 0 到 1 之间")
    return {page: float(weight) for page, weight in table.items()}


def load_synonyms(path: Path = SYNONYMS) -> list[Synonyms]:
    """Read and check the table: known edition, non-empty words, page path ending in / or empty."""
    data = tomllib.loads(path.read_text("utf-8"))
    data.pop("rank", None)
    out: list[Synonyms] = []
    for edition, entries in data.items():
        if edition not in EDITIONS:
            raise ValueError(f"{path.name}: unknown edition [[{edition}]] / 未知版本")
        for entry in entries:
            words = tuple(w.strip() for w in entry["words"] if w.strip())
            page = entry["page"]
            source = entry.get("source", "").strip()
            if not words or (page and not page.endswith("/")):
                raise ValueError(f"{path.name}: bad entry {entry!r} / 同义词条目有误")
            if not (source.startswith("legacy:") or all(u.strip().startswith(("http://", "https://"))
                                                         for u in source.split(";"))) or not source:
                raise ValueError(f"{path.name}: entry {words!r} has no source URL / 同义词条目缺少来源网址")
            out.append(Synonyms(edition, words, page, source))
    return out


def page_file(site: Path, edition: str, page: str) -> Path:
    """The built HTML file of ``page`` (a directory URL such as ``credit/record/``)."""
    return site / EDITIONS[edition] / page / "index.html"


def add_after_title(text: str, words: list[str], weight: float | None) -> str:
    """Insert, right after the page's first ``</h1>``, one hidden line with ``words`` (indexed,
    and as metadata ``meta.synonyms``: search.js ranks them like the title) and the page's rank
    weight as metadata ``meta.rank``."""
    line = ""
    if words:
        joined = html.escape(" ".join(words))
        line += (f'<p class="{SYNONYM_CLASS}" hidden data-pagefind-weight="{SYNONYM_WEIGHT}" '
                 f'data-pagefind-meta="synonyms:{html.escape("|".join(words))}">{joined}</p>')
    if weight is not None:
        line += f'<span data-pagefind-meta="rank:{weight}" hidden></span>'
    head, sep, tail = text.partition("</h1>")
    if not sep:
        raise ValueError("page has no <h1> / 页面没有一级标题")
    return head + sep + line + tail


def edition_files(site: Path, edition: str) -> list[Path]:
    """The HTML pages of one edition (not the other edition's folder, bundles or 404 pages)."""
    top = site / EDITIONS[edition]
    others = {site / folder for e, folder in EDITIONS.items() if e != edition and folder}
    skip = {top / BUNDLE, site / "pyodide", site / "wheels"} | others
    return sorted(f for f in top.rglob("*.html")
                  if f.name != "404.html" and not any(f.is_relative_to(d) for d in skip))


def stage(site: Path, edition: str, dest: Path) -> None:
    """Copy the edition's HTML pages to ``dest``, with synonym lines and rank weights added."""
    per_file: dict[Path, list[str]] = {}
    for entry in load_synonyms():
        if entry.edition != edition:
            continue
        f = page_file(site, entry.edition, entry.page)
        if not f.is_file():
            raise FileNotFoundError(f"{SYNONYMS.name}: no page {entry.edition}:{entry.page!r} / 页面不存在")
        per_file.setdefault(f, []).extend(entry.words)
    weighted = {page_file(site, edition, p): w for p, w in load_rank().items()}
    top = site / EDITIONS[edition]
    for src in edition_files(site, edition):
        text = src.read_text("utf-8")
        if src in per_file or src in weighted:
            text = add_after_title(text, per_file.get(src, []), weighted.get(src))
        out = dest / src.relative_to(top)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, "utf-8")


def build(site: Path, edition: str) -> Path:
    """Index one edition of ``site`` into ``<edition root>/pagefind/``; return that folder."""
    if not PAGEFIND.exists():
        raise FileNotFoundError("node_modules/.bin/pagefind missing: run ./scripts/setup / 请先运行 ./scripts/setup")
    out = site / EDITIONS[edition] / BUNDLE
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="search-index-") as tmp:
        stage(site, edition, Path(tmp))
        cmd = [str(PAGEFIND), "--site", tmp, "--output-path", str(out.resolve()),
               "--root-selector", ROOT_SELECTOR]
        for sel in EXCLUDE_SELECTORS:
            cmd += ["--exclude-selectors", sel]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise RuntimeError("pagefind failed / 搜索索引生成失败")
    # Pagefind's own UI and highlighter are not used (overrides/assets/search/search.js is both).
    for extra in [*out.glob("pagefind-*ui*"), out / "pagefind-highlight.js"]:
        extra.unlink()
    # The index's own words, for the box's typo and homophone tolerance (sitebuild/search/vocabulary.py).
    search_vocabulary.write(out, edition)
    # The section table the box ranks with (sitebuild/search/sections.py).
    search_sections.write(out, edition)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.search.index",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    for edition in EDITIONS:
        out = build(args.site, edition)
        files = [f for f in out.rglob("*") if f.is_file()]
        size = sum(f.stat().st_size for f in files)
        print(f"[search] {edition}: {out} ({len(files)} files, {size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

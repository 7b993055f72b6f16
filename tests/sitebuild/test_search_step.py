"""The search step writes only its bundles: every page and file it finds in the site stays as it was.

Why here: the engines test (test_engines.py) runs the steps after the pages with ``--no-search``
and checks that they keep the pages the engines are compared on; this is the same check for the
step it leaves out, on a small site (one stub page per page the synonym and rank tables name, and a
page and a file they do not), with Pagefind run for real on both editions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild.search import index

PAGE = ('<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>'
        '<article class="md-content__inner"><h1>{title}</h1><p>{text}</p></article></body></html>')


def _stub_site(site: Path) -> dict[Path, bytes]:
    """Pages for every (edition, page) the tables name, one more per edition, a non-page file."""
    pages = {(entry.edition, entry.page) for entry in index.load_synonyms()}
    pages |= {(edition, page) for edition in index.EDITIONS for page in index.load_rank()}
    pages |= {(edition, "unnamed/") for edition in index.EDITIONS}
    for edition, page in sorted(pages):
        lang = "zh-CN" if edition == "zh" else edition
        text = "逾期 利息 协商" if edition == "zh" else "overdue interest negotiation"
        path = index.page_file(site, edition, page)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(lang=lang, title=page or "home", text=text), "utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "style.css").write_text("body { margin: 0 }\n", "utf-8")
    return {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_the_search_step_changes_no_page_and_writes_only_its_bundles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    before = _stub_site(site)
    # The vocabulary and the section table (tested on the built site in tests/site/) write into
    # the bundle folder they are handed: record the folder instead of loading jieba here.
    handed: list[tuple[str, Path]] = []
    monkeypatch.setattr(index.search_vocabulary, "write", lambda out, edition: handed.append(("vocab", out)))
    monkeypatch.setattr(index.search_sections, "write", lambda out, edition: handed.append(("sections", out)))
    bundles = [index.build(site, edition) for edition in index.EDITIONS]
    assert bundles == [site / index.EDITIONS[e] / index.BUNDLE for e in index.EDITIONS]
    assert handed == [(kind, bundle) for bundle in bundles for kind in ("vocab", "sections")]
    after = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    assert {path: after.get(path) for path in before} == before
    new = [path for path in after if path not in before]
    assert new and all(any(path.is_relative_to(b) for b in bundles) for path in new)
    assert all(any(p.name.startswith("pagefind") for p in b.iterdir()) for b in bundles)

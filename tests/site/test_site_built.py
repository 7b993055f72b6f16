"""The built site (./scripts/build): both editions, right <html lang>, every internal link and
#anchor resolves, nothing is loaded from another host, every page shows its review data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_html import (
    EDITIONS,
    all_pages,
    edition_pages,
    edition_root,
    internal_target,
    read,
    target_file,
    url_of,
)

#: Tags whose URL the browser fetches by itself (a link only when rel says so).
FETCHED = {"script", "img", "source", "iframe", "video", "audio"}
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}


def test_both_editions_have_the_same_pages(site_dir: Path) -> None:
    zh, en = edition_pages(site_dir, "zh"), edition_pages(site_dir, "en")
    assert "index.html" in zh and "404.html" in zh and "404.html" in en
    assert set(zh) == set(en), f"only zh: {sorted(set(zh) - set(en))}; only en: {sorted(set(en) - set(zh))}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_html_lang(site_dir: Path, edition: str) -> None:
    expected = EDITIONS[edition][1]
    root = edition_root(site_dir, edition)
    wrong = {rel: read(root / rel).lang for rel in edition_pages(site_dir, edition)
             if read(root / rel).lang != expected}
    assert not wrong, f"<html lang> is not {expected!r} on: {wrong}"


def test_internal_links_and_anchors_resolve(site_dir: Path) -> None:
    broken: list[str] = []
    for path in all_pages(site_dir):
        page_url = url_of(site_dir, path)
        for tag, _rel, url in read(path).urls:
            target = internal_target(page_url, url)
            if target is None:
                continue
            link_path, fragment = target
            file = target_file(site_dir, link_path)
            if file is None:
                broken.append(f"{page_url}: <{tag}> {url} → no file")
            elif fragment and file.suffix == ".html" and fragment not in read(file).ids:
                broken.append(f"{page_url}: <{tag}> {url} → no id {fragment!r} in {url_of(site_dir, file)}")
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:60])


def test_nothing_is_fetched_from_another_host(site_dir: Path) -> None:
    foreign: list[str] = []
    for path in all_pages(site_dir):
        page_url = url_of(site_dir, path)
        for tag, rel, url in read(path).urls:
            fetched = tag in FETCHED or (tag == "link" and set(rel.split()) & FETCHED_LINK_RELS)
            if fetched and internal_target(page_url, url) is None and not url.startswith("data:"):
                foreign.append(f"{page_url}: <{tag}> {url}")
    assert not foreign, "resources from other hosts:\n" + "\n".join(foreign)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_shows_review_date_sources_and_disclaimer(site_dir: Path, edition: str) -> None:
    root = edition_root(site_dir, edition)
    missing = [rel for rel in edition_pages(site_dir, edition) if rel != "404.html"
               and not {"wld-page-meta__reviewed", "wld-page-meta__sources",
                        "wld-page-meta__disclaimer"} <= read(root / rel).text_classes]
    assert not missing, f"{edition}: pages without review date/sources/disclaimer: {missing}"



@pytest.mark.parametrize(("edition", "hint", "section_id"), [
    ("zh", "法律依据见本页末尾", 'id="法律依据"'),
    ("en", "see the “Legal basis” section at the end of this page", 'id="legal-basis"'),
])
def test_only_pages_with_a_legal_basis_section_point_to_it(site_dir: Path, edition: str, hint: str,
                                                            section_id: str) -> None:
    """The page note says "see the Legal basis section at the end" only where that section is."""
    root = edition_root(site_dir, edition)
    wrong, right = [], 0
    for rel in edition_pages(site_dir, edition):
        html = (root / rel).read_text("utf-8")
        if hint in html:
            right += 1
            if section_id not in html:
                wrong.append(rel)
    assert right >= 10, f"{edition}: the hint is on only {right} pages"
    assert not wrong, f"{edition}: pages pointing to a legal-basis section they do not have: {wrong}"


def test_page_notes_show_no_internal_file_names(site_dir: Path) -> None:
    leaking = [str(p.relative_to(site_dir)) for p in all_pages(site_dir)
               if re.search(r"sources/[^\s\"<]*\.txt|\d{3}_[0-9a-f]{16}\.txt", p.read_text("utf-8"))]
    assert not leaking, f"pages showing raw source file names: {leaking}"

@pytest.mark.parametrize(("edition", "labels"), [
    ("zh", ("最近核对", "搜索", "页面不存在")),
    ("en", ("Last reviewed", "Search", "Page not found")),
])
def test_ui_labels_follow_the_page_language(site_dir: Path, edition: str, labels: tuple[str, ...]) -> None:
    root = edition_root(site_dir, edition)
    article = (root / "overdue" / "costs" / "index.html").read_text("utf-8")
    not_found = (root / "404.html").read_text("utf-8")
    reviewed, search, missing = labels
    assert reviewed in article and f'placeholder="{search}"' in article
    assert missing in not_found


@pytest.mark.parametrize("edition", EDITIONS)
def test_glossary_terms_have_tooltips(site_dir: Path, edition: str) -> None:
    root = edition_root(site_dir, edition)
    with_terms = [rel for rel in edition_pages(site_dir, edition) if read(root / rel).abbreviations]
    assert len(with_terms) >= 3, f"{edition}: glossary abbreviations appear on too few pages: {with_terms}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_heading_anchors_are_readable(site_dir: Path, edition: str) -> None:
    """pymdownx.slugs keeps Chinese in anchors: no Python-Markdown fallback ids like #_2."""
    root = edition_root(site_dir, edition)
    fallback = re.compile(r"^_\d*$")
    bad = {rel: sorted(i for i in read(root / rel).ids if fallback.match(i))
           for rel in edition_pages(site_dir, edition)}
    bad = {rel: ids for rel, ids in bad.items() if ids}
    assert not bad, f"{edition}: unreadable heading anchors: {bad}"

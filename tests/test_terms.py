"""The one term list (i18n/terms.toml): generated files in sync, no variant used in docs/.

No build needed: reads the Markdown sources.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild.terms import LANGUAGES, TermList, load, outputs

ROOT = Path(__file__).resolve().parents[1]
TERMS = load()

#: Pages that may keep a listed variant for now (page, variant); each entry must still be needed.
NOT_YET_FIXED: set[tuple[str, str, str]] = set()


def _pages(lang: str) -> list[Path]:
    return sorted((ROOT / "docs" / lang).rglob("*.md"))


def variants_used(text: str, variants: dict[str, str]) -> list[tuple[str, str]]:
    """(variant, term to use) for each listed variant found in ``text``."""
    return [(v, use) for v, use in variants.items() if v in text]


def test_generated_files_are_up_to_date() -> None:
    stale = [str(p.relative_to(ROOT)) for p, text in outputs(TERMS).items() if p.read_text("utf-8") != text]
    assert not stale, f"out of date, run `.venv/bin/python -m sitebuild.terms`: {stale}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_uses_a_variant(lang: str) -> None:
    variants = TERMS.variants(lang)
    assert variants, f"{lang}: the term list names no variants to avoid"
    found = []
    for page in _pages(lang):
        rel = page.relative_to(ROOT / "docs" / lang).as_posix()
        for variant, use in variants_used(page.read_text("utf-8"), variants):
            if (lang, rel, variant) not in NOT_YET_FIXED:
                found.append(f"docs/{lang}/{rel}: {variant!r} → {use!r}")
    assert not found, "variants instead of the listed term:\n" + "\n".join(found)


def test_not_yet_fixed_entries_are_still_needed() -> None:
    """An exemption whose variant has gone must be removed (it would hide a regression)."""
    for lang, rel, variant in NOT_YET_FIXED:
        assert variant in (ROOT / "docs" / lang / rel).read_text("utf-8"), f"remove {(lang, rel, variant)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_term_is_explained_on_its_page(lang: str) -> None:
    missing = []
    for item in [*TERMS.terms, *TERMS.labels]:
        page = getattr(item, "page", None)
        if page is None:
            continue
        path = ROOT / "docs" / lang / page
        assert path.is_file(), f"{item.name[lang]}: page {page} does not exist in docs/{lang}/"
        names = list(getattr(item, "tooltips", {}).get(lang, {})) or [re.sub(r" \(.*", "", item.name[lang])]
        text = path.read_text("utf-8").lower()
        if not any(n.lower() in text for n in names):
            missing.append(f"docs/{lang}/{page}: none of {names}")
    assert not missing, "terms not mentioned on the page said to explain them:\n" + "\n".join(missing)


def test_every_glossary_term_has_a_tooltip_in_chinese() -> None:
    assert all(t.tooltips["zh"] for t in TERMS.terms), [t.id for t in TERMS.terms if not t.tooltips["zh"]]


def test_the_checker_sees_a_variant() -> None:
    terms = TermList(sections={}, terms=[], labels=[])
    assert terms.variants("zh") == {}
    variants = TERMS.variants("zh")
    assert variants_used("见[被起诉时怎么办](lawsuit.md)", variants) == [("被起诉时怎么办", "被起诉了怎么办")]
    assert variants_used("见[被起诉了怎么办](lawsuit.md)", variants) == []
    assert variants_used("“征信洗白” (credit laundering)", TERMS.variants("en")) == [("credit laundering", "credit whitewashing")]

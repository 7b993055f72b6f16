"""Every page exists in both languages with the same structure (no build needed).

Compared per page: the sequence of headings (levels), admonitions (kind and type), tables
(columns and body rows), code blocks and calculator embeds (with their options), the multiset of
link targets, and the ``sources`` front matter. ``reviewed`` must be present in both.
"""

from __future__ import annotations

import datetime

import pytest
from site_markdown import LANGUAGES, Structure, pages, parse, read

ALL_PAGES = sorted(set(pages("zh")) | set(pages("en")))


def test_every_page_has_its_translation() -> None:
    zh, en = set(pages("zh")), set(pages("en"))
    assert zh, "docs/zh has no pages"
    assert not zh - en, f"pages without English translation (docs/en): {sorted(zh - en)}"
    assert not en - zh, f"pages without Chinese original (docs/zh): {sorted(en - zh)}"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_same_structure(page: str) -> None:
    present = [lang for lang in LANGUAGES if page in pages(lang)]
    if len(present) < 2:
        pytest.fail(f"{page}: only in docs/{present[0]}/ (translation missing)")
    zh, en = read("zh", page), read("en", page)
    _same_blocks(page, zh, en)
    assert zh.links == en.links, (
        f"{page}: link targets differ\n  only zh: {dict(zh.links - en.links)}\n"
        f"  only en: {dict(en.links - zh.links)}")
    for key in ("sources",):
        assert zh.front_matter.get(key) == en.front_matter.get(key), f"{page}: front matter {key} differs"
    for lang, s in (("zh", zh), ("en", en)):
        assert isinstance(s.front_matter.get("reviewed"), datetime.date), f"docs/{lang}/{page}: no reviewed date"


def _same_blocks(page: str, zh: Structure, en: Structure) -> None:
    for n, (a, b) in enumerate(zip(zh.blocks, en.blocks, strict=False)):
        assert a == b, f"{page}: block {n + 1} differs: zh {a} vs en {b}\n  zh: {zh.blocks}\n  en: {en.blocks}"
    assert len(zh.blocks) == len(en.blocks), (
        f"{page}: zh has {len(zh.blocks)} blocks, en {len(en.blocks)}\n  zh: {zh.blocks}\n  en: {en.blocks}")


# -- the checker itself must catch differences ------------------------------------------------

PAGE = """---
sources: [a.txt]
reviewed: 2026-11-24
---
# T

## A

!!! warning "W"
    see [x](../b.md#some-heading) and [law](laws.md#civil-code-676)

| a | b |
|---|---|
| 1 | 2 |

```calculator
mode: overdue
days: 30
```
"""


def test_checker_sees_equal_structure() -> None:
    zh = parse(PAGE.replace("# T", "# 标题").replace("some-heading", "某个标题"))
    assert zh.blocks == parse(PAGE).blocks and zh.links == parse(PAGE).links


@pytest.mark.parametrize("change", [
    ("## A", "### A"),                      # heading level
    ('!!! warning "W"', '!!! tip "W"'),     # admonition type
    ("| 1 | 2 |", "| 1 | 2 |\n| 3 | 4 |"),  # table rows
    ("days: 30", "days: 31"),               # calculator option
    ("## A", "## A {#explicit-a}"),         # explicit heading id
    ("../b.md", "../c.md"),                 # link target
])
def test_checker_sees_a_difference(change: tuple[str, str]) -> None:
    a, b = parse(PAGE), parse(PAGE.replace(*change))
    assert (a.blocks, a.links) != (b.blocks, b.links)

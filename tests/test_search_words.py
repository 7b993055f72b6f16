"""The reviewed search words: i18n/search_synonyms.toml (readers' words, each with where readers
were seen using them) and i18n/jieba_userdict.txt (the pages' compound words jieba would cut).
No build needed; the built index is tested in tests/site/test_site_search_index.py."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYNONYMS = ROOT / "i18n" / "search_synonyms.toml"
USERDICT = ROOT / "i18n" / "jieba_userdict.txt"
EDITIONS = ("zh", "en")


def _entries() -> list[tuple[str, dict]]:
    table = tomllib.loads(SYNONYMS.read_text("utf-8"))
    return [(edition, entry) for edition in EDITIONS for entry in table[edition]]


def _userdict() -> list[tuple[str, int, str]]:
    rows = []
    for n, line in enumerate(USERDICT.read_text("utf-8").splitlines(), 1):
        parts = line.split()
        assert len(parts) == 3 and parts[1].isdigit(), f"jieba_userdict.txt:{n}: want 'word freq pos'"
        rows.append((parts[0], int(parts[1]), parts[2]))
    return rows


@pytest.mark.parametrize(("edition", "entry"), _entries(), ids=lambda x: x if isinstance(x, str) else x["words"][0])
def test_every_entry_says_what_it_means_and_where_readers_wrote_it(edition: str, entry: dict) -> None:
    """A source is one or more URLs of readers' texts; the old "legacy:" notes are all replaced."""
    words = entry["words"]
    assert words and len(set(words)) == len(words), f"{edition}: empty or repeated words {words}"
    assert entry.get("means", "").strip() and entry.get("why", "").strip(), words
    urls = [u.strip() for u in entry["source"].split(" ; ")]
    assert all(re.fullmatch(r"https?://\S+", u) for u in urls), f"{words}: {entry['source']!r}"
    assert len(set(urls)) == len(urls), words


#: On the worker of the search unit tests, which load jieba's dictionary with this user dictionary
#: once per process (with_userdict: a tokenizer of that load cuts as a fresh one,
#: tests/sitebuild/test_jieba_tokenizers.py); a fresh load here was a second one.
@pytest.mark.xdist_group("search_ranking_unit")
def test_the_user_dictionary_keeps_each_word_whole_and_each_word_is_on_a_page() -> None:
    from sitebuild.search.jieba_tokenizers import with_userdict

    rows = _userdict()
    words = [w for w, _, _ in rows]
    assert len(set(words)) == len(words), "a word is listed twice"
    tokenizer = with_userdict(USERDICT)
    pages = "".join(p.read_text("utf-8") for p in (ROOT / "docs" / "zh").rglob("*.md"))
    for word in words:
        assert tokenizer.lcut(word) == [word], f"jieba still cuts {word}"
        assert word in pages, f"{word} is on no Chinese page: the dictionary is for the pages' words"

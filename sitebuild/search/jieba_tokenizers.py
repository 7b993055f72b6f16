"""jieba tokenizers that share one load of the dictionary per process.

Why: a new ``jieba.Tokenizer`` reads jieba's whole prefix dictionary (~500,000 entries, from
its cache file) on first use, ~0.9 s of CPU each time. The section table and the vocabulary each
made one per zh bundle, and the search ranking unit cases two per zh case (20 loads). What a
tokenizer knows is its word table (``FREQ``), the table's ``total`` and the user dictionary's
tags; a tokenizer given copies of those from one that loaded the dictionary and the user
dictionary cuts text the same as a fresh one (tests/sitebuild/test_jieba_tokenizers.py), and a
word added to it (sections.py adds the site's phrases) stays in it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba


@cache
def _loaded(userdict: str, mtime_ns: int, size: int) -> jieba.Tokenizer:
    """jieba's default dictionary plus ``userdict``, loaded once per (file, version)."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(userdict)  # loads the default dictionary first
    return tokenizer


def with_userdict(userdict: Path) -> jieba.Tokenizer:
    """A tokenizer of its own (words added to it reach no other) with jieba's default dictionary
    and ``userdict`` loaded: the same as ``Tokenizer()`` then ``load_userdict(userdict)``."""
    import jieba

    stat = userdict.stat()
    base = _loaded(str(userdict), stat.st_mtime_ns, stat.st_size)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dict(base.FREQ), base.total
    tokenizer.user_word_tag_tab = dict(base.user_word_tag_tab)
    tokenizer.initialized = True
    return tokenizer

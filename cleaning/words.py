"""Dictionary words: jieba (with the project's user dictionary and a reviewed idiom list) decides
whether a spot already reads as a word, so a repair never breaks one (措 → 措施 inside 惊慌失措).

One tokenizer per process, built lazily; the HMM guesser is off so only dictionary words count.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
USER_DICT = ROOT / "i18n" / "jieba_userdict.txt"
IDIOMS = Path(__file__).with_name("data") / "idioms.txt"


def idioms(path: Path = IDIOMS) -> tuple[str, ...]:
    """The reviewed idiom list (one per line, # comments): words a repair must never split."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))


@cache
def tokenizer() -> jieba.Tokenizer:
    """jieba's default dictionary plus the user dictionary and the idiom list.

    jieba is imported here, on the first word looked up, not with the module: a source rejected
    before any text is cut (empty, not UTF-8, a bad manifest) never pays its import. The dictionary
    load (~1.3 s CPU) is the one the search build's tokenizers share in this process
    (sitebuild/search/jieba_tokenizers.py: a copy cuts as a fresh load does), so a test worker that
    runs cleaning and search tests loads it once."""
    import jieba  # type: ignore[import-untyped]

    from sitebuild.search.jieba_tokenizers import with_userdict

    jieba.setLogLevel(logging.WARNING)
    tok = with_userdict(USER_DICT)
    for word in idioms():
        tok.add_word(word, freq=max(tok.suggest_freq(word), 1000))
    return tok


#: jieba frequency from which a dictionary word counts as common (the no-wrong-repair check).
COMMON_FREQ = 100


def checked_words(min_freq: int = COMMON_FREQ) -> list[str]:
    """The words a repair must leave whole: jieba's common words of 2-8 characters (with the user
    dictionary) and the reviewed idioms; tests/cleaning/test_cleaning_no_wrong_repair.py checks them."""
    common = [w for w, n in tokenizer().FREQ.items() if n >= min_freq and 2 <= len(w) <= 8]
    return sorted(set(common) | set(idioms()))


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every dictionary word of ``text`` (precise mode, no HMM guessing)."""
    return list(tokenizer().tokenize(text, HMM=False))


def is_word(text: str) -> bool:
    """True when ``text`` is one dictionary word (or idiom)."""
    return len(text) > 1 and tokenizer().FREQ.get(text, 0) > 0


def word_across(text: str, start: int, end: int) -> str | None:
    """The dictionary word that holds all of text[start:end] AND more, if any.

    Such a word means the spot already reads correctly (惊慌失措 around 措, 手续 around 手), so a
    repair of the spot alone would break it. Single characters never count as words here.
    """
    for word, a, b in tokens(text):
        if len(word) > 1 and a <= start and end <= b and (a, b) != (start, end):
            return word
    return None


def frequency(text: str) -> int:
    """jieba's frequency of ``text`` as one word (0 when it is none); rare entries (期期: 3) are
    dictionary noise rather than words a reader knows."""
    return int(tokenizer().FREQ.get(text, 0))

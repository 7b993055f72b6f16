"""No repair turns a dictionary word or idiom into a non-word.

Every common word of jieba's dictionary (plus the project's user dictionary and the reviewed idiom
list) is put through the garble table on its own line; where a repair changes it, the result must
still be one dictionary word (减低 → 降低 is a repair between words; 惊慌失措 → 惊慌失措施 is not).
"""

from __future__ import annotations

import pytest

from cleaning import garbles
from cleaning.garbles import repair_text_with_kept
from cleaning.words import checked_words, is_word

FRAME = ("他说", "了。")


def broken_words(words: list[str]) -> list[str]:
    """"word → result" for every word a repair turns into something that is not one word."""
    broken = []
    for word in words:
        text = FRAME[0] + word + FRAME[1]
        new, _, _ = repair_text_with_kept(text, 1)
        result = new[len(FRAME[0]):len(new) - len(FRAME[1])]
        if new != text and not (new.startswith(FRAME[0]) and new.endswith(FRAME[1])
                                and is_word(result)):
            broken.append(f"{word} → {result}")
    return broken


def test_the_check_covers_common_words_and_the_idioms() -> None:
    words = set(checked_words())
    assert len(words) > 30_000
    assert {"惊慌失措", "手足无措", "不知所措", "措手不及", "手续", "内涵", "习惯", "健康"} <= words


def test_no_repair_turns_a_word_or_idiom_into_a_non_word() -> None:
    assert broken_words(checked_words()) == []


def test_the_check_finds_the_issue_case_without_the_word_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the dictionary guard switched off, 措 → 措施 breaks the idioms (as the issue saw)."""
    monkeypatch.setattr(garbles, "word_across", lambda text, start, end: None)
    assert broken_words(["惊慌失措", "手足无措", "健康"]) == ["惊慌失措 → 惊慌失措施",
                                                     "手足无措 → 手足无措施"]

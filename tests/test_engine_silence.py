"""bench/engine_silence.py's reading of a worker's words, as bench/engine_words.py stamps them (no
browser)."""

from __future__ import annotations

from bench.engine_silence import longest_silence
from bench.engine_words import stamped


def test_longest_silence_is_the_largest_gap_and_names_the_word_that_ended_it() -> None:
    words = [[0, "created"], [300, "progress runtime"], [2300, "progress starting"], [9300, "progress package"],
             [9800, "ready"]]
    assert longest_silence(words) == (7.0, "progress starting -> progress package")
    assert longest_silence([[5, "created"]]) == (0.0, "-")


def test_stamped_words_are_read_in_milliseconds_and_a_torn_entry_is_skipped() -> None:
    entries = ["w1 +0.4 s created", "w1 +2.5 s progress starting", "w1 +9.5 s progress working instantiated",
               "not a word", "w2 +10.0 s ready"]
    assert stamped(entries) == [(400.0, "created"), (2500.0, "progress starting"),
                                (9500.0, "progress working instantiated"), (10000.0, "ready")]
    assert longest_silence(stamped(entries)) == (7.0, "progress starting -> progress working instantiated")

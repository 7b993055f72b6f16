"""bench/engine_silence.py's reading of a worker's words (no browser)."""

from __future__ import annotations

from bench.engine_silence import longest_silence


def test_longest_silence_is_the_largest_gap_and_names_the_word_that_ended_it() -> None:
    words = [[0, "created"], [300, "progress runtime"], [2300, "progress starting"], [9300, "progress package"],
             [9800, "ready"]]
    assert longest_silence(words) == (7.0, "progress starting -> progress package")
    assert longest_silence([[5, "created"]]) == (0.0, "-")

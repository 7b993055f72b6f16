"""Duplicated content: SEO pages repeat whole articles (or single paragraphs) to pad the page.

A later run of at least ``MIN_RUN`` consecutive blocks that repeats an earlier run is dropped whole
(headings included); outside such runs, a repeated paragraph of at least ``MIN_PARAGRAPH`` characters
is dropped. Short repeated headings (the same "1. xxx" under two sections) are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .boilerplate import Line

MIN_RUN = 3
MIN_PARAGRAPH = 20
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Duplicate:
    """Lines dropped as a repeat of earlier lines, for the report."""

    first: int   # raw line number of the first dropped line
    last: int    # raw line number of the last dropped line
    copy_of: int  # raw line number where the kept original starts
    blocks: int


def _key(text: str) -> str:
    return _SPACE.sub("", text.lstrip("#"))


def drop_duplicates(lines: list[Line]) -> tuple[list[Line], list[Duplicate]]:
    """Return the lines without repeated runs and repeated long paragraphs, plus what was dropped."""
    keys = [_key(line.text) for line in lines]
    first_seen: dict[str, int] = {}
    keep = [True] * len(lines)
    dropped: list[Duplicate] = []
    i = 0
    while i < len(lines):
        j = first_seen.get(keys[i])
        if j is not None:
            run = 0
            while i + run < len(lines) and j + run < i and keys[j + run] == keys[i + run]:
                run += 1
            long_paragraph = not lines[i].text.startswith("#") and len(keys[i]) >= MIN_PARAGRAPH
            if run >= MIN_RUN or long_paragraph:
                span = run if run >= MIN_RUN else 1
                for t in range(i, i + span):
                    keep[t] = False
                dropped.append(Duplicate(lines[i].number, lines[i + span - 1].number,
                                         lines[j].number, span))
                i += span
                continue
        first_seen.setdefault(keys[i], i)
        i += 1
    return [line for line, k in zip(lines, keep) if k], dropped

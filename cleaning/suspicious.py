"""Kept but suspicious: spots the pipeline leaves as they are but an editor should read.

Two kinds, both flagged with context and never rewritten:
- swap words (data/swaps.toml): real words SEO tools put in place of the usual one (疑问 for 问题);
  flagged wherever jieba cuts them as a word of their own and no ``unless`` context says they are
  normal there;
- gaps: a space, a doubled 、 or a "、 或" where a word was dropped ("通过 、短信", "或 的").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .garbles import Finding, in_context
from .words import frequency, tokens

SWAPS = Path(__file__).with_name("data") / "swaps.toml"
_CJK = r"\u3400-\u9fff"
#: A space with Chinese on one side and Chinese or 、，, on the other, "、、", "或 的": a dropped word.
GAP = re.compile(rf"(?<=[{_CJK}、，,?？])[ \u3000]+(?=[{_CJK}、，,])|(?<=[{_CJK}])[ \u3000]+(?=[、，,?？》])"
                 rf"|、(?=、)")
UNLESS_REACH = 14  # characters either side that an ``unless`` pattern may see


@dataclass(frozen=True)
class Swap:
    """One reviewed swap word."""

    word: str
    reading: str
    unless: re.Pattern[str] | None


@cache
def load_swaps(path: Path = SWAPS) -> tuple[Swap, ...]:
    """The reviewed swap list; a bad entry fails loudly with the word named."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for e in data.get("swap", []):
        if not isinstance(e.get("word"), str) or not isinstance(e.get("reading"), str):
            raise TypeError(f"swaps.toml: word and reading must be strings: {e!r}")
        unless = re.compile(e["unless"]) if e.get("unless") else None
        out.append(Swap(e["word"], e["reading"], unless))
    return tuple(out)


def _excused(swap: Swap, text: str, start: int, end: int) -> bool:
    """True when an ``unless`` pattern matches around (and over) this occurrence."""
    if swap.unless is None:
        return False
    lo, hi = max(0, start - UNLESS_REACH), min(len(text), end + UNLESS_REACH)
    return any(m.start() <= start and end <= m.end()
               for m in swap.unless.finditer(text, lo, hi))


def find_swaps(text: str, line: int) -> list[Finding]:
    """Every swap word that stands as a word of its own in ``text``, with context and reading."""
    found: list[Finding] = []
    starts: set[int] = set()
    ends: set[int] = set()
    cut = False  # jieba cuts the paragraph once a swap word is in it: most paragraphs hold none
    for swap in load_swaps():
        for m in re.finditer(re.escape(swap.word), text):
            if not cut:
                cuts = tokens(text)
                starts, ends, cut = {a for _, a, _ in cuts}, {b for _, _, b in cuts}, True
            # its own word (or words): jieba cuts at both ends, so 疑问句 or 作用于 do not count
            if m.start() not in starts or m.end() not in ends or _excused(swap, text, *m.span()):
                continue
            found.append(Finding(line, swap.word, f"常被替换的词 / usual swap: “{swap.word}” → "
                                 f"“{swap.reading}”? (kept)", "swap", in_context(text, *m.span())))
    return found


def find_gaps(text: str, line: int) -> list[Finding]:
    """Spaces and doubled 、 that mark a dropped word, with context."""
    return [Finding(line, m.group(0) or "、", "缺词 / a word seems dropped here (gap kept)", "gap",
                    in_context(text, m.start(), m.end() or m.start() + 1))
            for m in GAP.finditer(text)]


_DOUBLED = re.compile(rf"([{_CJK}])\1")
COMMON_WORD = 50  # jieba frequency from which a doubled character is a word (天天 1855, 期期 3)


def find_doubled(text: str, line: int) -> list[Finding]:
    """A doubled character whose first half stands alone ("期期限": 期 + 期限) is usually what is left
    of a dropped word (停催期期限); 天天, 分期期数 (分期 + 期数) and other real words are not flagged."""
    out = []
    cuts = tokens(text) if _DOUBLED.search(text) else []
    for m in _DOUBLED.finditer(text):
        a = m.start()
        if frequency(m.group(0)) < COMMON_WORD and _single_at(cuts, a):
            out.append(Finding(line, m.group(0), "缺词？/ a word seems dropped before the doubled "
                               "character (kept)", "doubled", in_context(text, a, m.end())))
    return out


def _single_at(cuts: list[tuple[str, int, int]], index: int) -> bool:
    """True when jieba cut the character at ``index`` as a word of one character."""
    return any(a == index and b == index + 1 for _, a, b in cuts)


def find_suspicious(text: str, line: int) -> list[Finding]:
    """Swap words, gaps and doubled characters in one paragraph."""
    return find_swaps(text, line) + find_gaps(text, line) + find_doubled(text, line)

"""Garbles of SEO rewriting (synonym swaps, dropped characters), repaired from a reviewed data table.

The table (data/garbles.toml) is the single source of truth, used both by the pipeline and by the
docs lint test. Repairs only touch the named group ``g`` (or ``h``) of a context pattern, so a word
that is right elsewhere (作用 "role") is left alone; spots the table marks as unsure are flagged.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .words import word_across

TABLE = Path(__file__).with_name("data") / "garbles.toml"
_GROUPS = ("g", "h")


@dataclass(frozen=True)
class Repair:
    """One reviewed table entry that is repaired automatically."""

    garbled: str
    repair: str
    pattern: re.Pattern[str]
    scope: str
    kind: str
    example: str
    source: str
    bare: str | None  # the bare garbled word to flag where the context did not match


@dataclass(frozen=True)
class Unsure:
    """One reviewed spot that is flagged, never rewritten."""

    pattern: re.Pattern[str]
    note: str
    example: str
    source: str


@dataclass(frozen=True)
class Finding:
    """A repair made or a spot flagged, at one line."""

    line: int
    found: str
    result: str  # the repaired text, or the note of a flag
    entry: str   # the table entry's garbled label
    context: str = ""  # the spot with CONTEXT characters either side, "…前文[旧→新]后文…"


CONTEXT = 8


def in_context(text: str, start: int, end: int, middle: str | None = None) -> str:
    """``text[start:end]`` with CONTEXT characters either side; ``middle`` replaces the spot."""
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    spot = text[start:end] if middle is None else middle
    return (("…" if lo else "") + text[lo:start] + f"[{spot}]" + text[end:hi]
            + ("…" if hi < len(text) else ""))


@cache
def load_table(path: Path = TABLE) -> tuple[tuple[Repair, ...], tuple[Unsure, ...]]:
    """Load and validate the table; a bad pattern or scope fails loudly with the entry named."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    repairs = []
    for e in data.get("repair", []):
        if e["scope"] not in ("everywhere", "context"):
            raise ValueError(f"garbles.toml: bad scope {e['scope']!r} in {e['garbled']!r}")
        if e["kind"] not in ("synonym-swap", "dropped-character"):
            raise ValueError(f"garbles.toml: bad kind {e['kind']!r} in {e['garbled']!r}")
        pattern = re.compile(e["pattern"])
        bare = e.get("flag_elsewhere") or None
        repairs.append(Repair(e["garbled"], e["repair"], pattern, e["scope"], e["kind"],
                              e["example"], e["source"], bare))
    unsure = [Unsure(re.compile(e["pattern"]), e["note"], e["example"], e["source"])
              for e in data.get("flag", [])]
    return tuple(repairs), tuple(unsure)


def _span(match: re.Match[str]) -> tuple[int, int]:
    """The span of the garbled part: group g or h when present, else the whole match."""
    for name in _GROUPS:
        if name in match.re.groupindex and match.group(name) is not None:
            return match.span(name)
    return match.span()


def apply_repair(entry: Repair, text: str, line: int = 0) -> tuple[str, list[Finding], list[Finding]]:
    """Apply one entry to ``text``: the new text, the repairs made and the spots kept.

    A spot inside a longer dictionary word or idiom (措 in 惊慌失措, 手 in 手续) already reads
    correctly: it is kept and reported, never rewritten.
    """
    if entry.pattern.search(text) is None:  # most entries find nothing in most paragraphs
        return text, [], []
    made: list[Finding] = []
    kept: list[Finding] = []
    out: list[str] = []
    pos = 0
    for m in entry.pattern.finditer(text):
        start, end = _span(m)
        word = word_across(text, start, end) if start < end else None
        if word is not None:
            kept.append(Finding(line, text[start:end], f"not repaired to “{entry.repair}”: it is part "
                                f"of the word “{word}”", entry.garbled, in_context(text, start, end)))
            continue
        out.append(text[pos:start])
        out.append(entry.repair)
        made.append(Finding(line, text[start:end], entry.repair, entry.garbled,
                            in_context(text, start, end, f"{text[start:end]}→{entry.repair}")))
        pos = end
    out.append(text[pos:])
    return "".join(out), made, kept


def repair_text(text: str, line: int) -> tuple[str, list[Finding]]:
    """Apply every table entry in order to one paragraph; spots kept as words are not returned."""
    new, made, _ = repair_text_with_kept(text, line)
    return new, made


def repair_text_with_kept(text: str, line: int) -> tuple[str, list[Finding], list[Finding]]:
    """Apply every table entry in order: the new text, the repairs and the spots kept as words."""
    repairs, _ = load_table()
    made: list[Finding] = []
    kept: list[Finding] = []
    for entry in repairs:
        text, m, k = apply_repair(entry, text, line)
        made += m
        kept += k
    return text, made, kept


def find_unsure(text: str, line: int) -> list[Finding]:
    """Flag the table's unsure spots and bare ambiguous words the context patterns did not match."""
    repairs, unsure = load_table()
    flags = [Finding(line, m.group(0), u.note, u.pattern.pattern,
                     in_context(text, m.start(), m.end()))
             for u in unsure for m in u.pattern.finditer(text)]
    covered = [m.span() for u in unsure for m in u.pattern.finditer(text)]
    for entry in repairs:
        if entry.bare:
            for m in re.finditer(re.escape(entry.bare), text):
                if any(a <= m.start() and m.end() <= b for a, b in covered):
                    continue
                flags.append(Finding(line, m.group(0), f"“{entry.bare}” may be a swap for "
                                     f"“{entry.repair}”; context not in the table, not changed",
                                     entry.garbled, in_context(text, m.start(), m.end())))
    return flags


def find_garbles(text: str, line: int) -> list[Finding]:
    """Every table match (repairable or unsure) in already-edited text: used by the docs lint."""
    repairs, unsure = load_table()
    hits = [Finding(line, text[slice(*_span(m))], e.repair, e.garbled)
            for e in repairs for m in e.pattern.finditer(text)]
    hits += [Finding(line, m.group(0), u.note, u.pattern.pattern)
             for u in unsure for m in u.pattern.finditer(text)]
    return hits

"""Traditional characters and pinyin notes: a source read in another script becomes Simplified.

Some reposting sites serve an article converted to Traditional characters, and some of those add
the reading of a character they converted in brackets after it ("會(huì)被起訴"). The site, the
garble tables and the claim list are Simplified, so such a text is converted before any other step
(OpenCC's phrase-aware ``t2s``; it leaves Simplified text as it is) and every changed line is
listed in the report. Found on a real page (wwwbz417.com/wenda/233470.html, a Weilidai Q&A).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import opencc

from .boilerplate import Line
from .garbles import Finding

#: A bracketed pinyin syllable with a tone mark right after a Chinese character: "會(huì)".
#: Plain Latin words in brackets carry no tone mark and stay.
PINYIN_NOTE = re.compile(
    r"(?<=[\u3400-\u9fff])\s*[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\s*[)）]")
_HAN = re.compile(r"[\u3400-\u9fff]")
#: Below this share of changed characters a text is Simplified with a stray old form (乾隆 stays
#: 乾隆 anyway; a name or quotation in Traditional stays as written).
MIN_TRADITIONAL_SHARE = 0.02
CONTEXT = 12


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _excerpt(text: str) -> str:
    return text if len(text) <= 2 * CONTEXT else text[: 2 * CONTEXT] + "…"


def strip_pinyin_notes(lines: list[Line]) -> tuple[list[Line], list[Finding]]:
    """Drop the bracketed readings a converting site put after characters; one finding per line."""
    out, found = [], []
    for line in lines:
        notes = PINYIN_NOTE.findall(line.text)
        if notes:
            new = PINYIN_NOTE.sub("", line.text)
            found.append(Finding(line.number, " ".join(n.strip() for n in notes[:6]), _excerpt(new),
                                 f"拼音注音 / pinyin notes ({len(notes)})"))
            line = replace(line, text=new)
        out.append(line)
    return out, found


def traditional_share(lines: list[Line]) -> float:
    """The share of Chinese characters that OpenCC's t2s changes."""
    text = "".join(line.text for line in lines)
    han = len(_HAN.findall(text))
    if not han:
        return 0.0
    simplified = _t2s().convert(text)
    changed = sum(a != b for a, b in zip(text, simplified, strict=False))
    return changed / han


def to_simplified(lines: list[Line]) -> tuple[list[Line], list[Finding]]:
    """Convert a text written in Traditional characters, line by line; a Simplified text is returned as is."""
    if traditional_share(lines) < MIN_TRADITIONAL_SHARE:
        return lines, []
    out, found = [], []
    for line in lines:
        new = _t2s().convert(line.text)
        if new != line.text:
            n = sum(a != b for a, b in zip(line.text, new, strict=False))
            found.append(Finding(line.number, _excerpt(line.text), _excerpt(new),
                                 f"繁体→简体 / Traditional → Simplified ({n})"))
            line = replace(line, text=new)
        out.append(line)
    return out, found

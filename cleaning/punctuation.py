"""Chinese punctuation and spacing, by AutoCorrect (PyPI ``autocorrect-py``), the CJK copywriting linter.

AutoCorrect turns half-width , : ! ? between CJK into full-width and spaces CJK from Latin and digits.
It does not cover three cases seen in the sources (checked with autocorrect-py 2.14.0): a half-width
``;`` after CJK stays half-width; half-width ``( )`` around CJK get spaces instead of becoming
full-width; a half-width ``,`` or ``:`` right after a closing Chinese quote or bracket stays
half-width (so does one after a digit, %, ① or a straight quote). Those get the tiny explicit rules below; everything else is AutoCorrect's.
"""

from __future__ import annotations

import re

import autocorrect_py as autocorrect

_CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》]"
_SEMICOLON = re.compile(rf"(?<={_CJK});|;(?={_CJK})")
# Half-width , : next to Chinese quotes or brackets ("“全款偿还”,指的是"), which AutoCorrect leaves.
# Also after a digit, %, ①② or a straight quote ("问题1:为什么", "17%,但", "案例①:小王", "还",结果").
_AFTER_QUOTE = re.compile(r"(?<=[”’）》】\d%\u2460-\u2473\"])([,:])(?=[\u3400-\u9fff“‘（《【])")
# Half-width parentheses whose content holds CJK: "（如失业）" style.
_PARENS = re.compile(r"\(([^()\n]*[\u3400-\u9fff][^()\n]*)\)")
_STRAY_SPACE = re.compile(rf"(?<=[。，、；：！？”）》])[ \u3000]+(?={_CJK})|(?<={_CJK})[ \u3000]+(?=[。，、；：！？“（《])")


def tidy_line(text: str) -> str:
    """The rules AutoCorrect lacks: full-width ; and ( ) next to Chinese, stray spaces in CJK text."""
    text = _SEMICOLON.sub("；", text)
    text = _PARENS.sub(r"（\1）", text)
    text = _AFTER_QUOTE.sub(lambda m: "，" if m.group(1) == "," else "：", text)
    return _STRAY_SPACE.sub("", text)


#: A space that marks a dropped word ("通过 、短信", "例如 催收", "微信、 、邮件"): AutoCorrect and the
#: stray-space rule would delete it, so it is swapped for a private-use character meanwhile.
_GAP = re.compile(r"(?<=[\u3400-\u9fff、，])[ \u3000](?=[\u3400-\u9fff、，])")
_GAP_MARK = "\ue000"
#: AutoCorrect's parser stops with "call limit reached" on large input (about 700 KB in one call,
#: less after earlier calls); drafts are formatted in pieces of whole blocks below this size.
CHUNK_CHARS = 20_000


def normalise_markdown(markdown: str, filename: str = "draft.md") -> str:
    """Run AutoCorrect's Markdown formatter over a whole draft (it skips code and front matter)."""
    lines = markdown.split("\n")
    prose = prose_mask(lines)
    lines = [tidy_line(_GAP.sub(_GAP_MARK, line)) if ok else line for line, ok in zip(lines, prose)]
    out = format_in_pieces(lines, prose, filename).split("\n")
    prose = prose_mask(out)
    return "\n".join((_STRAY_SPACE.sub("", line) if ok else line).replace(_GAP_MARK, " ")
                     for line, ok in zip(out, prose))


def format_in_pieces(lines: list[str], prose: list[bool], filename: str) -> str:
    """AutoCorrect over the draft in pieces that end at a blank prose line (never inside a fence);
    a piece that is one huge paragraph is cut at sentence ends."""
    pieces: list[list[str]] = [[]]
    size = 0
    for line, ok in zip(lines, prose):
        pieces[-1].append(line)
        size += len(line) + 1
        if size >= CHUNK_CHARS and ok and not line.strip():
            pieces.append([])
            size = 0
    return "\n".join(_format_piece("\n".join(p), filename) for p in pieces)


def _format_piece(text: str, filename: str) -> str:
    if len(text) <= CHUNK_CHARS:
        return autocorrect.format_for(text, filename)
    # one paragraph longer than a piece: cut after sentence stops, format each part alone
    parts = re.split(r"(?<=[。！？])", text)
    out: list[str] = []
    buf = ""
    for part in parts:
        if buf and len(buf) + len(part) > CHUNK_CHARS:
            out.append(autocorrect.format_for(buf, filename))
            buf = ""
        buf += part
    out.append(autocorrect.format_for(buf, filename) if buf else "")
    return "".join(out)


def prose_mask(lines: list[str]) -> list[bool]:
    """True for lines of prose: not front matter, not inside fenced code, not the fences."""
    mask = [True] * len(lines)
    i = 0
    if lines and lines[0].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j].strip() in ("---", "..."):
                for k in range(0, j + 1):
                    mask[k] = False
                i = j + 1
                break
    fence: str | None = None
    for k in range(i, len(lines)):
        stripped = lines[k].lstrip()
        marker = stripped[:3]
        if fence is None and marker in ("```", "~~~"):
            fence = marker
            mask[k] = False
        elif fence is not None:
            mask[k] = False
            closing = stripped.strip()
            if len(closing) >= 3 and set(closing) == {fence[0]}:
                fence = None
    return mask


def lint_markdown(markdown: str, filename: str) -> list[tuple[int, str, str]]:
    """AutoCorrect's findings for a Markdown file: (line, old, new) per line it would change."""
    result = autocorrect.lint_for(markdown, filename)
    return [(r.line, r.old, r.new) for r in result.lines]

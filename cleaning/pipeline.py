"""The cleaning steps in order: script (Traditional, pinyin notes) -> boilerplate -> duplicates -> garbles
-> headings -> punctuation.

``clean_text`` is pure (text in, draft and findings out) so tests can run it twice and compare;
file handling lives in ``output`` and ``cli``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import headings
from .boilerplate import Line, Removed, strip_boilerplate
from .claims import ClaimHit, find_claims
from .duplicates import Duplicate, drop_duplicates
from .errors import BadInput
from .garbles import Finding, find_unsure, repair_text_with_kept
from .manifest import Manifest
from .punctuation import normalise_markdown
from .script import strip_pinyin_notes, to_simplified
from .structure import join_dangling_bullets, render_blocks, restore_lost_bullets
from .suspicious import find_suspicious

_CJK_OR_WORD = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
MIN_CONTENT_CHARS = 10


@dataclass
class CleanResult:
    """A draft and everything the report lists about how it was made."""

    name: str
    draft: str
    removed: list[Removed] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    repairs: list[Finding] = field(default_factory=list)
    flags: list[Finding] = field(default_factory=list)
    claims: list[ClaimHit] = field(default_factory=list)
    suspicious: list[Finding] = field(default_factory=list)  # kept but suspicious
    script: list[Finding] = field(default_factory=list)  # pinyin notes removed, Traditional converted
    added_title: str = ""


def _lines_without_front_matter(text: str) -> list[Line]:
    """Split into stripped lines, blanking a leading front matter block (drafts carry one)."""
    raw = text.split("\n")
    if raw and raw[0].strip() == "---":
        for j in range(1, len(raw)):
            if raw[j].strip() in ("---", "..."):
                raw[: j + 1] = [""] * (j + 1)
                break
    return [Line(i + 1, line.strip().strip("\u3000").strip()) for i, line in enumerate(raw)]


def _has_content(lines: list[Line]) -> bool:
    """True if any non-heading line carries at least MIN_CONTENT_CHARS letters or CJK characters."""
    return any(len(_CJK_OR_WORD.findall(line.text)) >= MIN_CONTENT_CHARS
               for line in lines if headings.parse(line.text) is None)


def clean_text(text: str, name: str, manifest: Manifest | None = None) -> CleanResult:
    """Turn one raw source text into a clean Markdown draft plus the findings for its report."""
    lines, notes = strip_pinyin_notes(_lines_without_front_matter(text))
    lines, converted = to_simplified(lines)
    lines = join_dangling_bullets(restore_lost_bullets(lines))
    kept, removed = strip_boilerplate(lines, manifest.title if manifest else None)
    kept, duplicates = drop_duplicates(kept)
    if not _has_content(kept):
        raise BadInput(
            f"文件只有网页模板内容（评论、导航、版权、日期等），没有正文：{name}",
            f"the file holds nothing but page boilerplate (comments, navigation, copyright, dates), "
            f"no article text: {name}",
        )
    result = CleanResult(name, "", removed, duplicates, script=notes + converted)
    for r in removed:
        if r.kind == "advert":  # removed from the draft, but still listed as a claim
            result.claims += find_claims(r.text, r.number)
    repaired: list[Line] = []
    for line in kept:
        new, found, kept_words = repair_text_with_kept(line.text, line.number)
        result.repairs += found
        flags = find_unsure(new, line.number)
        result.flags += flags
        flagged = {f.context for f in flags}  # a spot the table already flags is not listed twice
        result.suspicious += kept_words + [f for f in find_suspicious(new, line.number)
                                           if f.context not in flagged]
        result.claims += find_claims(new, line.number)
        repaired.append(Line(line.number, new))

    added = manifest.working_title if manifest else ""
    body, result.added_title = render_blocks([line.text for line in repaired], added)
    front = f"---\nsources: [{name}]\n---\n\n"
    result.draft = normalise_markdown(front + body + "\n")
    return result

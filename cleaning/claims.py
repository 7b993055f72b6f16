"""Known misleading claims: matched and reported for editors, never rewritten by the pipeline.

The list (data/claims.toml) pairs each claim pattern with a note and the correct fact's source from
/work/shared/facts.md, so the report tells an editor what to fix and where the right fact is.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import autocorrect_py as autocorrect

CLAIMS = Path(__file__).with_name("data") / "claims.toml"


@dataclass(frozen=True)
class Claim:
    """One known misleading claim."""

    pattern: re.Pattern[str]
    claim: str
    note: str
    fact: str


@dataclass(frozen=True)
class ClaimHit:
    """A claim found at one line of a source."""

    line: int
    found: str
    claim: Claim


@cache
def load_claims(path: Path = CLAIMS) -> tuple[Claim, ...]:
    """Load the reviewed claim list."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(Claim(re.compile(c["pattern"]), c["claim"], c["note"], c["fact"])
                 for c in data.get("claim", []))


def find_claims(text: str, line: int) -> list[ClaimHit]:
    """Every known misleading claim in one paragraph, with a little context around the match."""
    hits = []
    for claim in load_claims():
        m = claim.pattern.search(text)  # one hit per claim and paragraph is enough for an editor
        if m:
            lo, hi = max(0, m.start() - 12), min(len(text), m.end() + 12)
            hits.append(ClaimHit(line, autocorrect.format(text[lo:hi]), claim))
    return hits

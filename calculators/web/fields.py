"""Labels of the plan modes' result keys (budget, timeline): registered into ``labels.LABELS``
so the result table, the error messages and the inputs-used line can name them.

The plan modes' *input* fields are not declared here: like every mode's, they are defined once in
``calculators.schema`` (``MODES``), from which the CLI, the page's form and the docs are generated.
A result label needs only its key and its two names: how a value is shown is decided where the
result is made (``money_str``, ``percent_str``), not here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import LABELS


@dataclass(frozen=True)
class Field:
    """One result key and its Chinese and English label."""

    name: str
    zh: str
    en: str


def register(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """Add the fields' labels to ``LABELS`` (kept if already there); returns the fields."""
    for f in fields:
        LABELS.setdefault(f.name, (f.zh, f.en))
    return fields

"""Labels of the plan modes' result keys (budget, timeline): registered into ``labels.LABELS``
so the result table, the error messages and the inputs-used line can name them.

The plan modes' *input* fields are not declared here: like every mode's, they are defined once in
``calculators.schema`` (``MODES``), from which the CLI, the page's form and the docs are generated.
``kind`` is how the value is shown: amount | integer | date | text ...; the other attributes are
unused by result labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import LABELS


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    zh: str
    en: str
    hint_zh: str = ""
    hint_en: str = ""
    main: bool = True
    cli: str = ""  # the command-line option, when it is not --<name with dashes>
    repeat: bool = False  # a lines field given on the command line one line per option

    @property
    def option(self) -> str:
        return self.cli or "--" + self.name.replace("_", "-")


def register(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """Add the fields' labels to ``LABELS`` (kept if already there); returns the fields."""
    for f in fields:
        LABELS.setdefault(f.name, (f.zh, f.en))
    return fields

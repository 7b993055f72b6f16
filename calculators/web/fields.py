"""One declaration per form field of the plan modes (budget, timeline): the CLI, the page's
form and the error messages all read it, so a field is named, typed and labelled once.

``kind`` is the form control: amount | integer | date | lines. ``main`` fields are shown; the
others sit under "More options". Labels are registered into ``labels.LABELS`` (error messages
and the inputs-used line read them there).
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

"""The one error type every calculator raises for bad input.

The UI and the CLI show its message as is, so it always carries Chinese first, then English,
and the name of the form field at fault (``None`` when no single field is to blame).
"""

from __future__ import annotations


class CalculatorInputError(ValueError):
    """Bad input, with a bilingual message meant for the reader."""

    def __init__(self, field: str | None, zh: str, en: str) -> None:
        self.field = field
        self.zh = zh
        self.en = en
        super().__init__(f"{zh} / {en}")

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"

    def as_dict(self) -> dict[str, str | None]:
        """The JSON shape ``web.compute`` returns under ``"error"``."""
        return {"zh": self.zh, "en": self.en, "field": self.field}

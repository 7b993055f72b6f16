"""Bilingual errors: every rejection carries a Chinese and an English message, never a traceback."""

from __future__ import annotations


class CleaningError(Exception):
    """A refusal the user can act on; ``str()`` is "中文 / English"."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


class BadInput(CleaningError):
    """The raw text cannot be cleaned (empty, not UTF-8, binary, nothing but boilerplate)."""


class RefusedOutput(CleaningError):
    """The output folder is one the pipeline must never write to (docs/, sources/)."""

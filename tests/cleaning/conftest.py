"""Fixtures for the cleaning-pipeline tests (helpers live in cleaning_helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cleaning.pipeline import CleanResult

from cleaning_helpers import SOURCES, clean_source, sha256


@pytest.fixture(scope="session")
def cleaned() -> dict[str, CleanResult]:
    """Every real source cleaned once per session, by file name."""
    assert SOURCES, "no raw sources in sources/"
    return {s.name: clean_source(s) for s in SOURCES}


@pytest.fixture(scope="session", autouse=True)
def raw_files_untouched() -> Iterator[None]:
    """Whatever the tests do, the raw files stay byte-identical to their manifests' sha256."""
    before = {s: sha256(s) for s in SOURCES}
    yield
    after = {s: sha256(s) for s in SOURCES}
    assert before == after, "a raw source file changed during the tests"


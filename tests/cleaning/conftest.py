"""Fixtures for the cleaning-pipeline tests (helpers live in cleaning_helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaning.pipeline import CleanResult

from cleaning_helpers import SOURCES, clean_source, sha256


@pytest.hookimpl(tryfirst=True)  # before xdist's worker reads the groups into the test ids
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every cleaning test on one xdist worker, the one of the search unit tests
    (tests/site/test_search_ranking_unit.py): the session fixtures here (every real source cleaned)
    and the jieba dictionary load they share with the search tests (cleaning/words.py) are made
    once per run, not once on each worker (count the loads: bench/jieba_loads.py)."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.xdist_group("search_ranking_unit"))


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


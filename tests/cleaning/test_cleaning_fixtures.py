"""Input beside expected output: each real raw source cleans to its reviewed expected draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaning.manifest import load_manifest
from cleaning.pipeline import clean_text

from cleaning_helpers import FIXTURES, ROOT, SOURCES, clean_source, run_clean, sha256


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_source_cleans_to_expected_draft(source: Path) -> None:
    """fixtures/<name>.txt (a link to the real raw source) beside fixtures/<name>.expected.md."""
    fixture_input = FIXTURES / source.name
    assert fixture_input.resolve() == source.resolve(), "fixture input must be the real raw source"
    expected = (FIXTURES / f"{source.stem}.expected.md").read_text(encoding="utf-8")
    text = fixture_input.read_bytes().decode("utf-8")
    assert clean_text(text, source.name, load_manifest(source)).draft == expected


def test_every_fixture_input_has_a_source_and_expected_output() -> None:
    inputs = sorted(p.name for p in FIXTURES.glob("*.txt"))
    assert inputs == [s.name for s in SOURCES]
    assert sorted(p.name for p in FIXTURES.glob("*.expected.md")) == [
        f"{s.stem}.expected.md" for s in SOURCES]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_cleaning_is_idempotent(source: Path) -> None:
    once = clean_source(source).draft
    twice = clean_text(once, source.name, load_manifest(source))
    assert twice.draft == once
    assert not twice.removed and not twice.duplicates and not twice.repairs


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_source_has_a_matching_manifest(source: Path) -> None:
    manifest = load_manifest(source)
    assert manifest is not None, f"write {source.with_suffix('.toml').name}"
    assert manifest.file == source.name
    assert manifest.sha256 == sha256(source), "raw file differs from the bytes its manifest pins"
    assert manifest.language == "zh-Hans" and manifest.problems
    assert not source.stat().st_mode & 0o222, "raw sources stay read-only"


def test_committed_drafts_are_up_to_date() -> None:
    run = run_clean("--check")
    assert run.code == 0, run.err + run.out
    for source in SOURCES:
        committed = (ROOT / "drafts" / f"{source.stem}.md").read_text(encoding="utf-8")
        assert committed == (FIXTURES / f"{source.stem}.expected.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_draft_has_front_matter_and_one_title(source: Path) -> None:
    draft = clean_source(source).draft
    assert draft.startswith(f"---\nsources: [{source.name}]\n---\n\n# ")
    assert sum(1 for line in draft.splitlines() if line.startswith("# ")) == 1

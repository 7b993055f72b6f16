"""Comments and docstrings out of the shipped standard library: fixture input beside expected output.

Each ``fixtures/strip/<name>.py`` is a zip member (its path under fixtures/strip/ is the member name,
so ``_pyodide/`` keeps docstrings); ``<name>.expected.py`` is what the reduced zip holds. The real
members (Python 3.14 sources) are stripped in Pyodide at build time and run by test_wheel_pyodide.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild.calculator_stdlib.strip_sources import strip, strip_member

FIXTURES = Path(__file__).with_name("fixtures") / "strip"
CASES = sorted(p for p in FIXTURES.rglob("*.py") if not p.name.endswith(".expected.py"))


@pytest.mark.parametrize("source", CASES, ids=[p.relative_to(FIXTURES).as_posix() for p in CASES])
def test_stripped_member_matches_expected(source: Path) -> None:
    name = source.relative_to(FIXTURES).as_posix()
    stripped = strip_member(name, source.read_bytes())
    assert stripped.decode() == source.with_name(source.stem + ".expected.py").read_text(encoding="utf-8")
    assert stripped.count(b"\n") == source.read_bytes().count(b"\n"), "line numbers must not move"


def test_statements_after_a_docstring_on_its_line_stay() -> None:
    """pass takes the docstring's place; a # inside a string stays; other files are left alone."""
    source = b'def f():\n    """doc"""; x = "#"; return x\n'
    assert strip(source) == b'def f():\n    pass; x = "#"; return x\n'
    assert strip(b"x = 1\n", keep_docstrings=True) == b"x = 1\n"
    assert strip_member("data.txt", b"# not Python\n") == b"# not Python\n"

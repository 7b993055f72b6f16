"""The import ledger tells the package's standard-library imports from the test harness's.

Host Python stands in for Pyodide here: three folders play the standard library, the package and the
harness, with module names no other test uses. The real run (Pyodide, the shipped zip) is
test_wheel_pyodide.py.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitebuild.calculator_stdlib.import_ledger import ImportLedger

FILES = {
    # the "standard library"
    "std/ledger_liba.py": "import ledger_libb\n",
    "std/ledger_libb.py": "X = 1\n",
    "std/ledger_libc.py": "import ledger_libe\n",
    "std/ledger_libd.py": "Y = 2\n",
    "std/ledger_libe.py": "Z = 3\n",
    "std/ledger_libf.py": "W = 4\n",
    "std/ledger_lazy.py": "def load(name):\n    import importlib\n    return importlib.import_module(name)\n",
    # the package: one import at import time, one inside a function, one through a stdlib function
    "pkg/ledger_pkg.py": ("import ledger_liba\nimport ledger_lazy\n\n"
                          "def later():\n    import ledger_libc\n    return ledger_libc\n\n"
                          "def through_stdlib():\n    return ledger_lazy.load('ledger_libf')\n"),
    # the harness: imports libc first (so the package's later import is a cached hit) and libd for itself
    "harness/test_ledger_fake.py": ("import ledger_libc\nimport ledger_libd\nimport ledger_pkg\n\n"
                                    "def run():\n    return ledger_pkg.later(), ledger_pkg.through_stdlib()\n"),
}
NAMES = [Path(p).stem for p in FILES]


@pytest.fixture()
def tree(tmp_path: Path) -> Iterator[Path]:
    for rel, text in FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    folders = [str(tmp_path / d) for d in ("std", "pkg", "harness")]
    sys.path[:0] = folders
    importlib.invalidate_caches()
    try:
        yield tmp_path
    finally:
        for folder in folders:
            sys.path.remove(folder)
        for name in NAMES:
            sys.modules.pop(name, None)


def _run(tree: Path) -> ImportLedger:
    ledger = ImportLedger([str(tree / "std") + "/"], [str(tree / "harness") + "/"])
    ledger.install()
    try:
        harness = importlib.import_module("test_ledger_fake")
        harness.run()
    finally:
        ledger.uninstall()
    return ledger


def test_the_package_needs_what_it_imports_not_what_the_harness_imports(tree: Path) -> None:
    ledger = _run(tree)
    files = ledger.needed_files(str(tree / "std") + "/")
    # liba at import time (and libb, which liba's body imports); libc inside a function although the
    # harness had loaded it first (and libe, its body's import then); libf through importlib in a
    # stdlib function the package called; the stdlib helper itself. Not libd: only the harness's.
    assert files == sorted(["ledger_liba.py", "ledger_libb.py", "ledger_libc.py", "ledger_libe.py", "ledger_libf.py",
                            "ledger_lazy.py"])
    assert "ledger_libd.py" not in files


def test_uninstall_restores_the_import_machinery(tree: Path) -> None:
    import builtins

    before = (builtins.__import__, list(sys.meta_path))
    _run(tree)
    assert (builtins.__import__, list(sys.meta_path)) == before

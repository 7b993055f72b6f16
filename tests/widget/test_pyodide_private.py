"""The Pyodide private APIs the calculator's worker relies on (overrides/assets/calculator/
pyodide_private.js) still work in the Pyodide this repository pins. Fails loudly, one line per
broken function, after a Pyodide upgrade changes them (the checklist: dev/offline.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = Path(__file__).with_name("pyodide_private_check.mjs")
EXPECTED = {"answerFetchesFrom", "snapshotOptions+takeSnapshot", "growForSnapshot+restore+releaseSnapshot"}


def test_pyodide_private_apis_still_work() -> None:
    node = shutil.which("node")
    assert node, "node is needed (scripts/setup installs it)"
    done = subprocess.run([node, str(CHECK), str(ROOT)], capture_output=True, text=True, timeout=600)
    lines = done.stdout.strip().splitlines()
    if not lines:
        pytest.fail(f"the check did not run:\n{done.stderr[-3000:]}")
    checks = json.loads(lines[-1])
    assert set(checks) == EXPECTED
    broken = {name: result for name, result in checks.items() if result != "ok"}
    assert not broken, "Pyodide changed an API the worker relies on (see dev/offline.md, upgrade checklist):\n" + \
        "\n".join(f"  {name}: {result}" for name, result in broken.items())

"""The hand-checked unit tests, run inside real Pyodide (the browser's Python) through node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("pyodide_unit_runner.mjs")


def test_unit_tests_pass_in_pyodide() -> None:
    node = shutil.which("node")
    assert node, "node is needed (scripts/setup installs it)"
    assert (ROOT / "node_modules/pyodide/pyodide.mjs").is_file(), "run scripts/setup (npm ci) first"
    done = subprocess.run([node, str(RUNNER), str(ROOT)], capture_output=True, text=True, timeout=300)
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["platform"] == "emscripten"
    assert summary["ok"], summary["log"]
    assert summary["ran"] >= 40
    assert done.returncode == 0

"""The wheel the site ships: a pure-Python py3-none-any wheel of calculators/, and it works in Pyodide.

Reads the built site (./scripts/build puts the wheel and Pyodide there) so what is checked is what
a reader's browser downloads; then installs that very file into real Pyodide (node + the npm
package) as the worker does, on the reduced standard library the site ships, and runs the package's
hand-checked unit tests there (the one Pyodide run of them); and checks loadPackage takes the wheel.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sitebuild.calculator_runtime import (
    PACKAGE_DIR, PYODIDE_FILES, RENDERER, ROOT, STDLIB_RECORDER, STDLIB_ZIP, harness_stdlib, reduced_stdlib,
    runtime_paths, shipped_members, stdlib_files, trimmed_lock)

RUNNER = Path(__file__).with_name("wheel_in_pyodide.mjs")


@pytest.fixture(scope="module")
def wheel(site_dir: Path) -> Path:
    path = site_dir / runtime_paths().wheel
    if not path.is_file():
        pytest.fail(f"{path} missing: site/ was built from other calculators sources; run ./scripts/build")
    return path


def test_wheel_is_pure_python_and_holds_exactly_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        meta = archive.read(next(n for n in names if n.endswith(".dist-info/WHEEL"))).decode()
        shipped = {n: archive.read(n) for n in names if n.startswith("calculators/")}
    assert "Tag: py3-none-any" in meta and "Root-Is-Purelib: true" in meta
    sources = {p.relative_to(ROOT).as_posix(): p.read_bytes()
               for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts}
    assert shipped == sources
    assert all(n.startswith(("calculators/", "weilidai_calculators-")) for n in names)


def test_only_the_needed_pyodide_files_are_shipped(site_dir: Path) -> None:
    folder = site_dir / runtime_paths().pyodide_dir
    # Besides them only their pre-compressed forms (sitebuild/precompress.py), served by nginx.
    names = [p.name for p in folder.iterdir()]
    assert sorted(n for n in names if not n.endswith((".br", ".gz"))) == sorted(PYODIDE_FILES)
    assert {n.rsplit(".", 1)[0] for n in names if n.endswith((".br", ".gz"))} <= set(PYODIDE_FILES)
    for name in PYODIDE_FILES:
        if name != STDLIB_ZIP:
            assert (folder / name).read_bytes() == (ROOT / "node_modules/pyodide" / name).read_bytes()
    assert (folder / STDLIB_ZIP).read_bytes() == reduced_stdlib()


def test_reduced_stdlib_is_stored_and_holds_exactly_the_recorded_files(site_dir: Path) -> None:
    """Stored, not deflated, so the host's brotli compresses the members as one stream; each recorded
    ``.py`` is shipped as its ``.pyc`` (sitebuild/calculator_stdlib/strip_in_pyodide.mjs)."""
    with zipfile.ZipFile(site_dir / runtime_paths().pyodide_dir / STDLIB_ZIP) as archive:
        infos = archive.infolist()
    assert sorted(i.filename for i in infos) == sorted(shipped_members())
    assert all(i.compress_type == zipfile.ZIP_STORED for i in infos)
    with zipfile.ZipFile(ROOT / "node_modules/pyodide" / STDLIB_ZIP) as full:
        assert len(infos) < len(full.infolist()) / 2


def _run_on(wheel: Path, stdlib_zip: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """The recorder in node Pyodide on ``stdlib_zip`` and the trimmed lock, the harness's modules on
    a second zip: (the process, its JSON summary)."""
    lock = tmp_path / "lock.json"
    lock.write_text(json.dumps(trimmed_lock()), encoding="utf-8")
    harness = tmp_path / "harness.zip"
    harness.write_bytes(harness_stdlib())
    done = subprocess.run(["node", str(STDLIB_RECORDER), str(ROOT), str(wheel), str(RENDERER), str(stdlib_zip),
                           str(lock), str(harness)], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip(), done.stderr[-2000:]
    return done, json.loads(done.stdout.strip().splitlines()[-1])


def test_package_runs_on_the_reduced_stdlib_and_trimmed_lock(wheel: Path, site_dir: Path, tmp_path: Path) -> None:
    """The worker's boot code, every mode and every module of the package in node Pyodide with the zip
    and lock file the site ships (and nothing else), then tests/calculators/*_unit.py with the rest of
    the standard library added for the test harness: fails when the package imports a module the zip
    lacks, even one only a unit test reaches (then: python -m sitebuild.calculator_runtime
    --record-stdlib, and rebuild)."""
    done, summary = _run_on(wheel, site_dir / runtime_paths().pyodide_dir / STDLIB_ZIP, tmp_path)
    assert summary["ok"], summary["log"]
    assert done.returncode == 0
    assert summary["platform"] == "emscripten" and summary["ran"] >= 40
    assert summary["package_file"].startswith("/lib/python3"), "imported from site-packages, i.e. the wheel"
    assert summary["missing"] == [], "the package needs these, only the harness zip has them"
    assert set(summary["files"]) <= set(stdlib_files())


def test_a_package_import_the_zip_lacks_is_caught(wheel: Path, site_dir: Path, tmp_path: Path) -> None:
    """The check above can fail: ship a zip without calendar (the loan mode imports it) and the run
    reports the package's import as missing (boot alone fails first, or the ledger names it)."""
    with zipfile.ZipFile(site_dir / runtime_paths().pyodide_dir / STDLIB_ZIP) as shipped:
        members = {n: shipped.read(n) for n in shipped.namelist() if n != "calendar.pyc"}
    assert len(members) == len(stdlib_files()) - 1
    small = tmp_path / "small.zip"
    with zipfile.ZipFile(small, "w", zipfile.ZIP_STORED) as out:
        for name, data in members.items():
            out.writestr(name, data)
    done, summary = _run_on(wheel, small, tmp_path)
    assert not summary["ok"] and done.returncode == 1
    assert "calendar" in summary["log"]


def test_wheel_installs_with_pyodides_own_installer(wheel: Path, site_dir: Path, tmp_path: Path) -> None:
    """loadPackage (Pyodide's installer) takes the wheel and installs exactly its files: the same bytes
    the worker's unpackArchive puts in place, on which the unit tests pass in
    test_package_runs_on_the_reduced_stdlib_and_trimmed_lock. Pyodide runs on the standard library
    and lock file the site ships, as in the reader's worker; the installer's own extra imports
    (tarfile, ...) come from the harness zip."""
    import hashlib

    node = shutil.which("node")
    assert node, "node is needed (scripts/setup installs it)"
    lock = tmp_path / "lock.json"
    lock.write_text(json.dumps(trimmed_lock()), encoding="utf-8")
    harness = tmp_path / "harness.zip"
    harness.write_bytes(harness_stdlib())
    stdlib = site_dir / runtime_paths().pyodide_dir / STDLIB_ZIP
    done = subprocess.run([node, str(RUNNER), str(ROOT), str(wheel), str(stdlib), str(lock), str(harness)],
                          capture_output=True, text=True, timeout=300)
    assert done.stdout.strip(), done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["platform"] == "emscripten"
    assert summary["package_file"].startswith("/lib/python3"), "imported from site-packages, i.e. the wheel"
    assert summary["ok"] and done.returncode == 0
    from calculators.web import compute

    assert summary["result"] == json.loads(json.dumps(compute("overdue", {"principal": "10000", "daily_rate": "0.05%", "days": "30"})))
    with zipfile.ZipFile(wheel) as archive:
        members = {n: hashlib.sha256(archive.read(n)).hexdigest() for n in archive.namelist() if n.endswith(".py")}
    assert summary["files"] == members

"""tests/junit_summary.py: the two pytest runs of ./scripts/test give one verdict and one junit file."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.junit_summary import Counts, main, merge

ROOT = Path(__file__).resolve().parent.parent

FAST = """<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="2"
 skipped="3" tests="10"><testcase classname="a" name="t1"/></testsuite></testsuites>"""
SITE = """<?xml version="1.0" encoding="utf-8"?><testsuite name="pytest" errors="0" failures="0" skipped="1"
 tests="5"><testcase classname="b" name="t2"/></testsuite>"""


def test_counts_add_up_and_errors_count_as_failed(tmp_path: Path) -> None:
    (tmp_path / "fast.xml").write_text(FAST, "utf-8")
    (tmp_path / "site.xml").write_text(SITE, "utf-8")
    root, counts = merge([tmp_path / "fast.xml", tmp_path / "site.xml", tmp_path / "never-written.xml"])
    assert counts == Counts(passed=8, failed=3, skipped=4)
    assert [case.get("name") for case in root.iter("testcase")] == ["t1", "t2"]
    assert counts.line() == "tests: 8 passed, 3 failed, 4 skipped"


def test_the_merged_report_is_written_and_the_line_printed(tmp_path: Path, capsys: object) -> None:
    (tmp_path / "site.xml").write_text(SITE, "utf-8")
    assert main(["--out", str(tmp_path / "junit.xml"), str(tmp_path / "site.xml")]) == 0
    assert capsys.readouterr().out == "tests: 4 passed, 0 failed, 1 skipped\n"  # type: ignore[attr-defined]
    assert ET.parse(tmp_path / "junit.xml").getroot().find("testsuite").get("tests") == "5"  # type: ignore[union-attr]


def test_on_pytests_own_report(tmp_path: Path) -> None:
    """The junit pytest itself writes (one passing, one failing, one skipped test) reads right."""
    (tmp_path / "test_sample.py").write_text(
        "import pytest\ndef test_ok(): pass\ndef test_bad(): assert False\n"
        "@pytest.mark.skip\ndef test_skip(): pass\n", "utf-8")
    # junitxml is pytest's own; the installed plugins (hypothesis, xdist, playwright: ~1.3 s of CPU
    # to load) add nothing to the report, so they are not loaded
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", "/dev/null",
                    f"--junitxml={tmp_path / 'r.xml'}", str(tmp_path / "test_sample.py")],
                   cwd=tmp_path, capture_output=True, check=False,
                   env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert merge([tmp_path / "r.xml"])[1] == Counts(passed=1, failed=1, skipped=1)

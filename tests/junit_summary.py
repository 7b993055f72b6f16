"""One summary (and one junit file) for a test run made of several pytest runs (scripts/test).

Why: ./scripts/test runs the tests that need no built site while the site builds, then the rest on
every core; a reader (and CI) wants one verdict. Prints the counts as one plain closing line,
``tests: N passed, N failed, N skipped`` (errors count as failed), and writes the merged junit.

    python -m tests.junit_summary --out .cache/test/junit.xml .cache/test/fast.xml .cache/test/site.xml
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Counts:
    passed: int
    failed: int
    skipped: int

    def line(self) -> str:
        return f"tests: {self.passed} passed, {self.failed} failed, {self.skipped} skipped"


def merge(reports: list[Path]) -> tuple[ET.Element, Counts]:
    """Every <testsuite> of the reports under one <testsuites>; a missing report adds nothing."""
    root = ET.Element("testsuites")
    tests = failed = skipped = 0
    for report in reports:
        if not report.is_file():
            continue
        parsed = ET.parse(report).getroot()
        for suite in ([parsed] if parsed.tag == "testsuite" else parsed.iter("testsuite")):
            root.append(suite)
            tests += int(suite.get("tests", 0))
            failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skipped += int(suite.get("skipped", 0))
    return root, Counts(tests - failed - skipped, failed, skipped)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    root, counts = merge(args.reports)
    ET.ElementTree(root).write(args.out, encoding="utf-8", xml_declaration=True)
    print(counts.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

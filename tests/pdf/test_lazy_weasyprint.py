"""Collecting the test files imports no WeasyPrint: each pytest worker collects every file, and only
the one that runs the rendering tests (xdist group ``pdf_render``) should pay WeasyPrint's import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The rendering test modules (they import WeasyPrint inside their tests).
RENDERING = ("test_render", "test_emphasis", "test_footnote_calls", "test_page_refs")


def test_importing_the_pdf_test_modules_imports_no_weasyprint() -> None:
    code = ("import sys\n"
            + "".join(f"import tests.pdf.{name}\n" for name in RENDERING)
            + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'weasyprint'))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout

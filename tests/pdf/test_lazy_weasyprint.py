"""Collecting the test files imports no WeasyPrint: each pytest worker collects every file, and only
the one that runs the rendering tests (xdist group ``pdf_render``) should pay WeasyPrint's import.
The same for pypdf and Playwright in the modules that read the built PDFs or drive the browser
(their workers import them when a test runs; the no-site half's workers never do)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The rendering test modules (they import WeasyPrint inside their tests).
RENDERING = ("test_render", "test_emphasis", "test_footnote_calls", "test_page_refs", "test_page_number_fill")
#: Modules that import pypdf or Playwright inside the tests (or helpers) that use them.
READERS = ("tests.pdf.test_handbook_pdf", "tests.site.test_site_stated_figures", "tests.site.test_site_browser")


def test_importing_the_pdf_test_modules_imports_no_weasyprint() -> None:
    code = ("import sys\n"
            + "".join(f"import tests.pdf.{name}\n" for name in RENDERING)
            + "".join(f"import {name}\n" for name in READERS)
            + "print(sorted({m.split('.')[0] for m in sys.modules} & {'weasyprint', 'pypdf', 'playwright'}))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "tests" / "site")})  # site_html, as pytest finds it
    assert done.stdout.strip() == "[]", done.stdout

"""Site tests: optionally test a private build instead of site/ (SITE_DIR=/tmp/x pytest tests/site),
so work in progress need not touch the shared site/ folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def site_dir() -> Path:
    site = Path(os.environ.get("SITE_DIR") or Path(__file__).resolve().parents[2] / "site")
    if not (site / "index.html").is_file():
        pytest.fail(f"{site} is not built: run ./scripts/build (./scripts/test does it first)")
    return site

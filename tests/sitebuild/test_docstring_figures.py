"""No hand-typed measured figure in the docstrings and comments of the build's runtime, cache,
compression and engine modules (the rule tests/test_dev_guides_figures.py applies to dev/*.md): a
figure there goes stale like one in a guide, so each names the command that measures it or a
generated dev/results/ file instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_dev_guides_figures import measured_figures

ROOT = Path(__file__).resolve().parents[2]

MODULES = ("sitebuild/calculator_runtime.py", "sitebuild/engines.py", "sitebuild/precompress.py",
           "sitebuild/user_cache.py")


@pytest.mark.parametrize("module", MODULES)
def test_module_text_holds_no_typed_figure(module: str) -> None:
    found = measured_figures((ROOT / module).read_text(encoding="utf-8"))
    assert found == [], f"{module}: typed figures {found}: name the command that measures them"

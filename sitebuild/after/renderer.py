"""Copy the shared result renderer next to each edition's widget assets, where the Pyodide worker
loads it (``data-render``). It lives in sitebuild/markdown/ because the fence renders the same
worked examples at build time; it is not a theme file (a theme folder would publish any .py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitebuild.markdown import calculator_render

RENDERER = Path(calculator_render.__file__)


def copy_renderer(edition_dir: Path) -> Path:
    target = edition_dir / "assets" / "calculator" / RENDERER.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(RENDERER, target)
    return target

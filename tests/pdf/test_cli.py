"""sitebuild/pdf/build.py on bad input: a clear Chinese and English message and an exit status.

The bad-input runs call the command's ``main`` in this process (``run_here``): the same
arguments, exit status, stdout and stderr, without a Python start and the imports of MkDocs and
WeasyPrint per case (about a CPU second each); the edition still renders in the worker process
the command starts. An exception ``main`` does not turn into a message fails the test instead of
printing a traceback. The script itself, ``python -m sitebuild.pdf.build`` and its exit status,
runs in a process of its own in ``test_missing_config``."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from sitebuild.pdf import build

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitebuild.pdf.build", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def run_here(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m sitebuild.pdf.build ARGS`` as ``main(ARGS)`` here (main changes to the root: undone after)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = build.main(list(args))
    return subprocess.CompletedProcess(["main", *args], code, out.getvalue(), err.getvalue())


def _edition(tmp_path: Path, page_html: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("---\nreviewed: 2026-11-24\n---\n\n# Home\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(page_html, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\ndocs_dir: docs\nsite_dir: site\ntheme:\n  name: material\n  language: en\n",
                      encoding="utf-8")
    return config


def test_missing_config() -> None:
    result = run("no-such-config.yml")
    assert result.returncode == 2
    assert "找不到配置文件 / config file not found: no-such-config.yml" in result.stderr


def test_page_without_article(tmp_path: Path) -> None:
    result = run_here(str(_edition(tmp_path, "<html><body><p>not a MkDocs page</p></body></html>")))
    assert result.returncode == 1
    assert "页面里没有 <article> / no <article> in the built page" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_image(tmp_path: Path) -> None:
    config = _edition(tmp_path, '<article><h1>Home</h1><img src="gone.png"></article>')
    result = run_here(str(config))
    assert result.returncode == 1
    assert "PDF 手册生成失败 / PDF handbook failed" in result.stderr and "gone.png" in result.stderr
    assert not (tmp_path / "site" / "handbook-en.pdf").exists()


def test_small_edition_builds(tmp_path: Path) -> None:
    config = _edition(tmp_path, '<article class="md-content__inner"><h1>Home</h1><p>Text 中文</p></article>')
    result = run_here(str(config))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "handbook-en.pdf").stat().st_size > 10_000
    assert "handbook-en.pdf: 4 pages, 1 chapters" in result.stdout

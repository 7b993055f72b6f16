"""One source tree, three engines: MkDocs (default), ProperDocs and Zensical build the same site.

Each engine builds the whole site with ``python -m sitebuild --engine <name> --fast`` into a
temporary folder (the engines' own venvs are installed on first use). What an engine can drop
without an error is counted (widgets, <abbr>, page boxes, CSP metas), not trusted to an exit code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import parity
from sitebuild.editions import ROOT

ENGINES = ("mkdocs", "properdocs", "zensical")
#: One worker builds the three sites once for the whole module (scripts/test runs --dist loadgroup).
pytestmark = pytest.mark.xdist_group("engines")
#: Files that embed a hash of every page, so the generator <meta> changes them too.
HASHES_PAGES = frozenset({"sw.js"})


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for engine in ENGINES:
        site = tmp_path_factory.mktemp(engine) / "site"
        done = subprocess.run([sys.executable, "-m", "sitebuild", "--engine", engine, "--site", str(site), "--fast", "--local"],
                              cwd=ROOT, capture_output=True, text=True, timeout=1800)
        assert done.returncode == 0, f"{engine} build failed:\n{(done.stdout + done.stderr)[-4000:]}"
        out[engine] = site
    return out


def test_properdocs_output_is_mkdocs_output_but_the_generator_meta(sites: dict[str, Path]) -> None:
    assert parity.same_bytes_but_generator(sites["mkdocs"], sites["properdocs"], skip=HASHES_PAGES) == []


def test_zensical_pages_have_the_same_article_text_and_chrome(sites: dict[str, Path]) -> None:
    """Article text on every page; lang, title, tabs, language links, canonical (parity.ALLOWED)."""
    assert parity.page_differences(sites["mkdocs"], sites["zensical"]) == []


def test_nothing_is_dropped_silently(sites: dict[str, Path]) -> None:
    widgets, abbrs, boxes, csp = parity.totals(sites["mkdocs"])
    pages = sum(1 for _ in (ROOT / "docs").rglob("*.md"))  # both editions
    # every page has its "reviewed / sources" box; every page and each edition's 404 its CSP meta
    assert widgets >= 22 and abbrs > 300 and boxes == pages and csp == pages + 2
    for engine in ENGINES[1:]:
        assert parity.totals(sites[engine]) == (widgets, abbrs, boxes, csp), engine


@pytest.mark.parametrize("engine", ENGINES)
def test_no_python_published_and_no_placeholder_left(sites: dict[str, Path], engine: str) -> None:
    site = sites[engine]
    assert parity.published_py(site) == []
    assert (site / "assets/calculator/calculator_render.py").is_file()
    assert not [p for p in site.rglob("*.html") if "@@" in p.read_text("utf-8")]


def test_the_pages_state_the_published_runtime(sites: dict[str, Path]) -> None:
    """The figures the fence wrote before the engine ran (sitebuild/before/runtime_manifest.py) are
    those of the files the runtime step published: sizes, brotli sizes, sha256 (the worker checks them)."""
    import html
    import json
    import re

    from sitebuild import calculator_runtime as runtime

    site = sites["mkdocs"]
    page = (site / "calculator" / "index.html").read_text("utf-8")
    stated = json.loads(html.unescape(re.search(r'data-download="([^"]+)"', page).group(1)))  # type: ignore[union-attr]
    published = runtime.download_files(site, runtime.runtime_paths())
    assert stated["files"] == {rel.rsplit("/", 1)[-1]: list(v) for rel, v in published.items()}
    assert stated["total"] == sum(br for _, br, _ in published.values())

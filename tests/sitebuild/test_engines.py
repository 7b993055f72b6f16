"""One source tree, three engines: MkDocs (default), ProperDocs and Zensical build the same site.

Each engine builds the site's pages with ``python -m sitebuild --engine <name> --pages-only --fast``
into a temporary folder: everything an engine decides (its HTML and copied files, with the CSP
metas). The steps after the pages (runtime, offline files and tags, headers) read those pages with
the same code whatever the engine, so they run once, on a copy of MkDocs' pages (``--after-pages``):
the full MkDocs site is checked for published Python and the stated runtime. What an engine can
drop without an error is counted (widgets, <abbr>, page boxes, CSP metas), not trusted to an exit code.

Which test needs which build: the engines' pages (``mkdocs``, ``properdocs``, ``zensical``) for
the comparisons and the per-engine ``[properdocs]``/``[zensical]`` checks; the full site for
``test_the_steps_after_the_pages_keep...`` (files and tags the later steps add),
``test_nothing_is_dropped_silently`` (CSP metas, the offline step's tags), the ``[mkdocs]`` case
(the runtime's files) and ``test_the_pages_state_the_published_runtime`` (the runtime step). None
reads the search index, so the full build skips it (``--no-search``); that the search step writes
only its bundles is tests/sitebuild/test_search_step.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import parity
from sitebuild.editions import ROOT

ENGINES = ("mkdocs", "properdocs", "zensical")
#: One worker builds the three sites once for the whole module (scripts/test runs --dist loadgroup).
pytestmark = pytest.mark.xdist_group("engines")


def _build(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "sitebuild", *args, "--fast", "--local"],
                          cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"{args} failed:\n{(done.stdout + done.stderr)[-4000:]}"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each engine's pages, and "full": MkDocs' pages with every later step of a --fast build but the
    search index."""
    out = {}
    for engine in ENGINES:
        out[engine] = tmp_path_factory.mktemp(engine) / "site"
        _build("--engine", engine, "--site", str(out[engine]), "--pages-only")
    out["full"] = tmp_path_factory.mktemp("full") / "site"
    shutil.copytree(out["mkdocs"], out["full"])
    _build("--site", str(out["full"]), "--after-pages", "--no-search")
    return out


def test_the_steps_after_the_pages_keep_what_the_engines_are_compared_on(sites: dict[str, Path]) -> None:
    """They add files and tags in <head> (the offline step's manifest link and script), nothing else:
    every file of the pages is in the full site, the same bytes but the pages, and every page keeps
    its article text, chrome and counts. So comparing engines' pages compares the sites they serve."""
    pages, full = sites["mkdocs"], sites["full"]
    files = sorted(f.relative_to(pages).as_posix() for f in pages.rglob("*") if f.is_file())
    assert files and [f for f in files if not (full / f).is_file()] == []
    assert [f for f in files if not f.endswith(".html") and (pages / f).read_bytes() != (full / f).read_bytes()] == []
    assert parity.page_differences(pages, full) == []


def test_properdocs_output_is_mkdocs_output_but_the_generator_meta(sites: dict[str, Path]) -> None:
    assert parity.same_bytes_but_generator(sites["mkdocs"], sites["properdocs"]) == []


def test_zensical_pages_have_the_same_article_text_and_chrome(sites: dict[str, Path]) -> None:
    """Article text on every page; lang, title, tabs, language links, canonical (parity.ALLOWED)."""
    assert parity.page_differences(sites["mkdocs"], sites["zensical"]) == []


def test_nothing_is_dropped_silently(sites: dict[str, Path]) -> None:
    widgets, abbrs, boxes, csp = parity.totals(sites["full"])
    pages = sum(1 for _ in (ROOT / "docs").rglob("*.md"))  # both editions
    # every page has its "reviewed / sources" box; every page and each edition's 404 its CSP meta
    assert widgets >= 22 and abbrs > 300 and boxes == pages and csp == pages + 2
    for engine in ENGINES[1:]:
        assert parity.totals(sites[engine]) == (widgets, abbrs, boxes, csp), engine


@pytest.mark.parametrize("engine", ENGINES)
def test_no_python_published_and_no_placeholder_left(sites: dict[str, Path], engine: str) -> None:
    """Each engine's pages and files; the later steps' files in the full MkDocs site (the [mkdocs] case)."""
    site = sites["full" if engine == "mkdocs" else engine]
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

    site = sites["full"]
    page = (site / "calculator" / "index.html").read_text("utf-8")
    stated = json.loads(html.unescape(re.search(r'data-download="([^"]+)"', page).group(1)))  # type: ignore[union-attr]
    published = runtime.download_files(site, runtime.runtime_paths())
    assert stated["files"] == {rel.rsplit("/", 1)[-1]: list(v) for rel, v in published.items()}
    assert stated["total"] == sum(br for _, br, _ in published.values())

"""Warm start across page changes: Material's instant navigation (one engine kept alive) vs full loads.

On a full page load the calculator's worker and Pyodide start again (from the service worker / HTTP
cache, Python from worker.js's memory snapshot). With ``navigation.instant`` Material swaps the page in
place; widget.js is a module evaluated once, so its engine would survive. This builds the Chinese
edition a second time with ``navigation.instant`` added (config INHERITing mkdocs.yml, into a temp
dir, with the same runtime and service-worker steps) and measures, in both sites: open the
calculator, compute once, follow the nav link to another page, follow the nav link back, then the
time from the input event to the first result. Reported as a row of the calculator area. The
baseline is the bench's site copy, served at another URL than its sitemap names, so Material does
not intercept its links: full page loads.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from bench import paths
from bench.calculator import few_runs
from bench.context import Context
from bench.results import SECONDS, Results, Row, Sample, Skipped

AREA = "calculator"
OTHER = "overdue/costs/"


def build_instant_site(dest: Path, site_url: str) -> Path:
    """The zh edition with navigation.instant, plus the calculator runtime and the service worker.

    ``site_url`` must be where it is served: Material's instant navigation only intercepts links to
    URLs listed in the sitemap, which are written from ``site_url`` (a different port = full loads).
    """
    text = (paths.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^  features:\n((?:    - .+\n)+)", text, re.M)
    if block is None:
        raise RuntimeError("no theme.features list in mkdocs.yml")
    features = [line.strip()[2:] for line in block.group(1).splitlines()] + ["navigation.instant"]
    config = paths.ROOT / f".bench-instant-{os.getpid()}.yml"
    config.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "theme": {"features": features}}), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "SITE_URL": site_url + "/"}
    # The templates import partials the build generates before the engine runs (git-ignored, so a
    # fresh checkout has none): the build's own step writes them (sitebuild/__main__.py, page_meta).
    from sitebuild.before import page_meta
    from sitebuild.editions import EDITIONS

    page_meta.run(tuple(e for e in EDITIONS if e.code == "zh"))
    try:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(dest)],
                       cwd=paths.ROOT, env=env, check=True, stdout=sys.stderr)
    finally:
        config.unlink(missing_ok=True)
    from sitebuild import security_headers
    from sitebuild.after.csp import add_csp_metas
    from sitebuild.after.renderer import copy_renderer
    from sitebuild.calculator_runtime import install_runtime
    from sitebuild.offline import build as offline

    # as the build's step after the engine: the worker loads the renderer from assets/calculator/
    copy_renderer(dest)
    add_csp_metas(dest)

    install_runtime(dest)
    offline.build(dest)
    security_headers.write(dest)  # as ./scripts/build: the CSP must hash this build's inline scripts
    return dest


def _round_trip(ctx: Context, base: str) -> tuple[float, bool]:
    """(seconds to the first result after calculator → other page → calculator, same document?)"""
    from bench.calculator import VALUES, _change, wait_until

    context = ctx.browser().new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base + "/calculator/", wait_until="load")
        page.focus(".calc-widget[data-calc-widget] form [name]")
        wait_until(page, "document.querySelector('.calc-widget[data-calc-widget]').dataset.engine === 'ready'")
        page.evaluate("window.__samePage = true")
        # a click event on the nav link, as a tap gives (Material's instant navigation listens for it)
        page.evaluate("(s) => document.querySelector(s).click()", f"a.md-nav__link[href$='{OTHER}']")
        page.wait_for_url(f"**/{OTHER}")
        page.wait_for_load_state("load")
        page.evaluate("(s) => document.querySelector(s).click()", "a.md-nav__link[href$='calculator/']")
        page.wait_for_url("**/calculator/")
        page.wait_for_selector(".calc-widget[data-calc-widget][data-calc-init]")
        seconds = _change(page, VALUES[1])["s"]
        return seconds, bool(page.evaluate("window.__samePage === true"))
    finally:
        context.close()


def measure(ctx: Context, results: Results) -> None:
    ctx.log("calculator: building the zh edition with navigation.instant (warm start)")
    instant = ctx.work / "instant-site"
    instant.mkdir(parents=True, exist_ok=True)
    today: list[float] = []
    kept: list[float] = []
    same: list[bool] = []
    with socket.socket() as probe:  # the build needs its URL (see above), the server a built site
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    try:
        build_instant_site(instant, f"http://127.0.0.1:{port}")
    except (subprocess.CalledProcessError, OSError, RuntimeError, SystemExit) as exc:
        results.skipped.append(Skipped(AREA, f"warm start: instant build failed ({exc})"))
        return
    with paths.serve(instant, port=port) as instant_url:
        for _ in range(few_runs(ctx)):
            today.append(_round_trip(ctx, ctx.site_url())[0])
            seconds, same_doc = _round_trip(ctx, instant_url)
            kept.append(seconds)
            same.append(same_doc)
    note = (f"calculator → {OTHER} → calculator by nav links, then input event to first result (incl. 250 ms "
            f"debounce); instant navigation kept the same document in {sum(same)}/{len(same)} runs")
    results.rows.append(Row(AREA, "zh: first result after a page change, navigation.instant", SECONDS,
                            Sample.of(kept), "full page loads (snapshot)", Sample.of(today), True, note))

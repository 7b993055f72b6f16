"""Build the whole site: the steps in order, each timed.

    python -m sitebuild                       everything into site/ (what ./scripts/build runs)
    python -m sitebuild --fast                no PDFs, no pre-compression (the edit-and-look loop)
    python -m sitebuild --engine zensical --site /tmp/z --fast
    python -m sitebuild --local               allow loopback canonical URLs (a preview or test build)
    python -m sitebuild --pages-only ...      up to the engine's pages with their CSP metas, no later step
    python -m sitebuild --after-pages ...     only the later steps, on pages a --pages-only build wrote
    python -m sitebuild --no-search ...       no search index (the engines test reads none of it)
    python -m sitebuild --serve               build, then serve on http://127.0.0.1:$PORT (8000)

Data flows one way: docs → before (checks, computed figures) → engine (per edition) → after
(renderer, CSP metas, search index, runtime, PDFs, offline, headers, compression) → site/.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sitebuild import engines
from sitebuild.editions import EDITIONS, ROOT, Edition

PY = str(ROOT / ".venv" / "bin" / "python")


def cpu_seconds() -> float:
    """User + system CPU of this process and of every child it has waited for (pools included)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Steps:
    """Runs and times the steps; prints one line per step and a table at the end.

    Wall and CPU seconds side by side: CPU above wall means the step kept more than one core
    busy, and CPU is the figure that a loaded machine moves least."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float, float]] = []

    def run(self, title: str, action: Callable[[], object]) -> None:
        print(f"\033[1m[build]\033[0m {title}", flush=True)
        started, cpu = time.perf_counter(), cpu_seconds()
        action()
        self.times.append((title, time.perf_counter() - started, cpu_seconds() - cpu))
        print(f"\033[1m[build]\033[0m   {self.times[-1][1]:.1f} s wall, {self.times[-1][2]:.1f} s CPU", flush=True)

    def summary(self) -> str:
        width = max(len(t) for t, _, _ in self.times)
        lines = [f"  {t:<{width}}  {s:7.1f} s  {c:7.1f} s" for t, s, c in self.times]
        wall, cpu = sum(s for _, s, _ in self.times), sum(c for _, _, c in self.times)
        head = f"  {'step':<{width}}  {'wall':>9}  {'CPU':>9}"
        return "\n".join(["[build] step times:", head, *lines, f"  {'total':<{width}}  {wall:7.1f} s  {cpu:7.1f} s"])


def _python_step(*args: str, quiet: bool = False) -> Callable[[], None]:
    def action() -> None:
        subprocess.run([PY, "-m", *args], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL if quiet else None)
    return action


def _terms_check() -> None:
    done = subprocess.run([PY, "-m", "sitebuild.terms", "--check"], cwd=ROOT)
    if done.returncode:
        raise SystemExit("glossary out of date: run `.venv/bin/python -m sitebuild.terms` and commit "
                         "/ 术语表生成文件过期，请运行 python -m sitebuild.terms 并提交")


def _engine_step(engine: engines.Engine, edition: Edition, site: Path, env: dict[str, str]) -> Callable[[], None]:
    def action() -> None:
        engines.build(engine, edition, site, env)
    return action


def _after_engine(site: Path, editions: tuple[Edition, ...]) -> None:
    from sitebuild.after.csp import add_csp_metas
    from sitebuild.after.renderer import copy_renderer

    for edition in editions:
        copy_renderer(edition.site_dir(site))
    print(f"[build]   CSP <meta> added to {add_csp_metas(site)} pages")


def build(args: argparse.Namespace, editions: tuple[Edition, ...] = EDITIONS) -> Steps:
    """Every step in order; ``--pages-only`` stops after the pages, ``--after-pages`` starts there.

    Why the split: the pages are all an engine decides (tests/sitebuild/test_engines.py compares
    them across engines); every later step reads them with the same code whatever the engine, so
    the engines test builds those once, for MkDocs, not once per engine."""
    steps = Steps()
    if not args.after_pages:
        _build_pages(args, editions, steps)
    if not args.pages_only:
        _build_after_pages(args, editions, steps)
    return steps


def _build_pages(args: argparse.Namespace, editions: tuple[Edition, ...], steps: Steps) -> None:
    site: Path = args.site
    engine = engines.ENGINES[args.engine]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    guard = ["--local"] if args.local or args.serve else ["--public"] if args.public else []
    steps.run("canonical URLs name a real host (or --local / --serve)", _python_step("sitebuild.site_url_guard", *guard))
    if engine.venv:
        steps.run(f"engine {engine.name}: installed from {engine.requirements}", lambda: engines.ensure_installed(engine))
    steps.run("glossary snippets up to date ← i18n/terms.toml (checked, never rewritten)", _terms_check)

    def page_meta() -> None:
        from sitebuild.before import page_meta as pm
        print(f"[build]   {pm.run(editions)} pages checked")
    steps.run("page front matter checked; source titles → overrides/partials/generated/", page_meta)

    def manifest() -> None:
        from sitebuild.before import runtime_manifest
        runtime_manifest.main()
    steps.run("runtime manifest (wheel, reduced stdlib, paths, brotli sizes) → .cache/sitebuild/", manifest)
    for edition in editions:
        target = edition.site_dir(site)
        steps.run(f"{edition.code} edition ({engine.name}) → {target}/", _engine_step(engine, edition, site, env))
    steps.run("renderer copy and CSP <meta> in every page", lambda: _after_engine(site, editions))


def _build_after_pages(args: argparse.Namespace, editions: tuple[Edition, ...], steps: Steps) -> None:
    site: Path = args.site
    if args.no_search:
        print("[build] --no-search: no search index")
    else:
        steps.run("search index (Pagefind, one bundle per edition)",
                  _python_step("sitebuild.search.index", "--site", str(site)))
    steps.run("calculator wheel + self-hosted Pyodide → pyodide/, wheels/",
              _python_step("sitebuild.calculator_runtime", "--site", str(site), quiet=True))
    default_site = (ROOT / "site").resolve()
    if args.fast:
        print("[build] --fast: no PDF handbooks, no pre-compression")
    elif site.resolve() != default_site:
        print(f"[build] PDF handbooks are built into the configs' site_dir only: skipped for {site}")
    else:
        configs = [e.config for e in editions]
        steps.run("PDF handbooks (from the built pages)", _python_step("sitebuild.pdf.build", *configs))
    steps.run("service worker, web app manifests, icons (last: it hashes the pages)",
              _python_step("sitebuild.offline.build", "--site", str(site)))
    steps.run("response headers and the nginx 404 map → .deploy/",
              _python_step("sitebuild.security_headers", "--site", str(site)))
    if not args.fast:
        steps.run("pre-compressed .br and .gz", _python_step("sitebuild.precompress", "--site", str(site)))


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=sorted(engines.ENGINES), default=engines.DEFAULT_ENGINE)
    parser.add_argument("--site", type=Path, default=Path("site"), help="output folder (default: site)")
    parser.add_argument("--fast", action="store_true", help="skip the PDFs and pre-compression")
    parser.add_argument("--serve", action="store_true", help="serve the site when built")
    parser.add_argument("--public", action="store_true",
                        help="a build to publish: stop if canonical URLs would name this machine (SITE_URL unset)")
    parser.add_argument("--local", action="store_true",
                        help="a build for this machine: loopback canonical URLs allowed (sitebuild/site_url_guard.py)")
    halves = parser.add_mutually_exclusive_group()
    halves.add_argument("--pages-only", action="store_true",
                        help="stop after the engine's pages and their CSP metas (no search index, runtime, PDFs, ...)")
    halves.add_argument("--after-pages", action="store_true",
                        help="only the steps after the pages, on a site a --pages-only build wrote")
    parser.add_argument("--no-search", action="store_true",
                        help="skip the search index (it writes only its bundles: tests/sitebuild/test_search_step.py)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    os.chdir(ROOT)
    started = time.perf_counter()
    try:
        steps = build(args)
    except subprocess.CalledProcessError as exc:
        print(f"[build] failed / 构建失败: {' '.join(map(str, exc.cmd))} (exit {exc.returncode})", file=sys.stderr)
        return 1
    print(steps.summary())
    print(f"[build] done in {time.perf_counter() - started:.1f} s → {args.site}/")
    if args.serve:
        print(f"[build] serving on http://127.0.0.1:{args.port}/", flush=True)
        os.execv(PY, [PY, "-m", "sitebuild.serve", "--directory", str(args.site), "--port", str(args.port)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Command line: parse options, run the chosen areas in order, print the header and one table."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from bench import machine, report, results_file
from bench.context import Context, Options
from bench.paths import ROOT, tempdir
from bench.results import Results, Skipped

#: Area name → module path; run in this order (cheap and always-available first).
AREAS: dict[str, str] = {
    "build": "bench.site_build",
    "weight": "bench.page_weight",
    "search": "bench.search",
    "calculator": "bench.calculator",
    "pdf": "bench.pdf",
    "cleaning": "bench.cleaning",
    # Two whole cold builds (baseline commit and HEAD): only when asked, --only build-steps.
    "build-steps": "bench.build_steps",
}
#: What runs without --only.
DEFAULT_AREAS = tuple(name for name in AREAS if name != "build-steps")
QUICK_PAGES = (10,)


def _int_list(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"页数须为逗号分隔的正整数 / pages must be comma-separated positive integers: {text!r}")
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"页数须为正整数 / pages must be positive integers: {text!r}")
    return values


def _areas(text: str) -> tuple[str, ...]:
    names = tuple(x.strip() for x in text.split(",") if x.strip())
    bad = [n for n in names if n not in AREAS]
    if bad or not names:
        raise argparse.ArgumentTypeError(
            f"未知的测量项 / unknown area: {', '.join(bad) or text!r} (choose from {', '.join(AREAS)})")
    return names


def _runs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"运行次数须为正整数 / runs must be a positive integer: {text!r}")
    return value


def parse(argv: list[str] | None) -> tuple[Options, str]:
    parser = argparse.ArgumentParser(
        prog="scripts/bench",
        description="Measure build, page weight, search, calculator and PDF, each beside a baseline, "
                    "and the source-cleaning pipeline, and print one table. "
                    "测量构建、页面体积、搜索、计算器与 PDF（并与基线对照）以及原文清洗。")
    parser.add_argument("--quick", action="store_true",
                        help="tiny configuration: 1 run, 10 pages, slow parts once (what the smoke test uses)")
    parser.add_argument("--pages", type=_int_list, default=None, help="synthetic pages per language (default 10,100,500)")
    parser.add_argument("--runs", type=_runs, default=None, help="repeats per measurement (default 5; --quick: 1)")
    parser.add_argument("--only", type=_areas, default=None, help=f"comma-separated subset of: {','.join(AREAS)}")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_const", const="json", dest="format", help="print JSON instead")
    fmt.add_argument("--markdown", action="store_const", const="markdown", dest="format",
                     help="print a Markdown table and write it, one file per area, to dev/results/<area>.md")
    parser.add_argument("--build", action="store_true",
                        help="run ./scripts/build first (under /tmp/site.lock) so site/ matches the sources")
    parser.add_argument("--no-lock", action="store_true",
                        help="do not take /tmp/site.lock (only when the caller already holds it)")
    parser.add_argument("--search-sets", type=lambda t: tuple(x.strip() for x in t.split(",") if x.strip()),
                        default=(), help="search: comma-separated query sets to rank (tuning, blind, blind2, …; "
                                         "default every tests/site/search_*.json set; the README block still "
                                         "lists the others, unmeasured)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    options = Options(
        quick=args.quick,
        pages=args.pages or (QUICK_PAGES if args.quick else (10, 100, 500)),
        runs=args.runs or (1 if args.quick else 5),
        only=args.only or DEFAULT_AREAS,
        verbose=not args.quiet,
        build_site=args.build,
        lock=not args.no_lock,
        search_sets=args.search_sets,
    )
    return options, args.format or "text"


def run(options: Options) -> tuple[dict[str, str], Results]:
    import importlib

    header = machine.describe()
    header["config"] = (f"runs={options.runs}, pages/lang={','.join(map(str, options.pages))}, "
                        f"areas={','.join(options.only)}"
                        + (" (--quick: calculator and PDF first language only, no search-plugin build isolation)"
                           if options.quick else ""))
    results = Results()
    with tempdir("run") as tmp:
        ctx = Context(options, Path(tmp))
        try:
            for name in options.only:
                try:
                    measure: Callable[[Context, Results], None] = importlib.import_module(AREAS[name]).measure
                    measure(ctx, results)
                except Exception as exc:  # noqa: BLE001 - one failing area must not hide the others
                    ctx.log(f"{name}: FAILED: {exc!r}")
                    results.skipped.append(Skipped(name, f"failed: {type(exc).__name__}: {exc}"))
        finally:
            ctx.close()
        header.update(ctx.facts)
    header["load"] += f"; {machine.load()} at end"
    return header, results


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    options, fmt = parse(args)
    header, results = run(options)
    render = {"text": report.as_text, "markdown": report.as_markdown, "json": report.as_json}[fmt]
    print(render(header, results))
    if fmt == "markdown" and results.rows:
        command = " ".join(["scripts/bench", *args])
        for path in results_file.write_area_files(ROOT, options.only, command, header, results):
            print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
        if "search" in options.only:
            from bench import search_readme

            if search_readme.update(ROOT / "README.md", header, results):
                print("wrote the search figures block of README.md", file=sys.stderr)
    return 0 if results.rows else 1

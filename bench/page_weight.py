"""Area "weight": what the home page and one article per language download on a first visit.

Each page is opened in a fresh Chromium context (empty HTTP cache) on a phone-sized viewport and
left until the network is idle; every response body is counted, and text-like bodies are
compressed with gzip -6 and brotli 5, as a static host would serve them (the local server does
not compress). Baseline: the same page of a bare Material build of the same Markdown.
"""

from __future__ import annotations

from pathlib import Path

from bench.browser import PHONE, ResponseLog, Transfer
from bench.context import Context
from bench.results import COUNT, KIB, Results, Row, Sample, Skipped

AREA = "weight"
#: (label, path) of the pages weighed; the article is the one most readers land on first.
PAGES = (("home zh", "/"), ("article zh", "/overdue/costs/"),
         ("home en", "/en/"), ("article en", "/en/overdue/costs/"))
NOTE = ("first visit, empty cache, phone viewport, until network idle; response bodies only (no headers); "
        "text types (HTML, CSS, JS, JSON, SVG, wasm) compressed with gzip -6 / brotli 5, others as is")


def load(ctx: Context, url: str) -> Transfer:
    context = ctx.browser().new_context(**PHONE)
    try:
        page = context.new_page()
        log = ResponseLog(page)
        page.goto(url, wait_until="networkidle")
        return log.transfer()
    finally:
        context.close()


def _exists(site: Path, path: str) -> bool:
    return (site / path.lstrip("/") / "index.html").is_file()


def measure(ctx: Context, results: Results) -> None:
    site, bare = ctx.site_copy(), ctx.bare_site()
    runs = ctx.options.runs
    for label, path in PAGES:
        if not _exists(site, path) or not _exists(bare, path):
            results.skipped.append(Skipped(AREA, f"{label}: {path} not in the built site (or bare build)"))
            continue
        proj: list[Transfer] = []
        base: list[Transfer] = []
        ctx.log(f"weight: {label} {path} × {runs}")
        for _ in range(runs):
            proj.append(load(ctx, ctx.site_url() + path))
            base.append(load(ctx, ctx.bare_url() + path))
        for measure_name, unit, attr in (("requests", COUNT, "requests"), ("transfer gzip -6", KIB, "gzip"),
                                         ("transfer brotli 5", KIB, "brotli")):
            results.rows.append(Row(
                AREA, f"{label} {path}: {measure_name}", unit,
                Sample.of([getattr(t, attr) for t in proj]), "bare Material",
                Sample.of([getattr(t, attr) for t in base]), True, NOTE))

"""Area "build": mkdocs build time per page, cold and warm, at several sizes, beside bare Material.

For each size N a throwaway mirror of the project gets N pages per language (the real pages,
then copies of them under ``synthetic/``). Each run builds every edition in a fresh process
(cold: what ./scripts/build does) and once more in that process (warm: what ``mkdocs serve``
does on a save), then the same Markdown with a bare Material config, interleaved run by run.
At the largest size it also isolates the search step: bare with vs without the search plugin,
and jieba segmentation of the project's Chinese search index text on its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench import paths
from bench.context import Context
from bench.results import MS_PER_PAGE, SECONDS, Results, Row, Sample, Skipped
from bench.synthetic import Edition, Mirror, editions, make_mirror, write_bare_config

AREA = "build"


@dataclass(frozen=True)
class BuildTime:
    cold: float  # seconds from process spawn to the end of the first build
    warm: float  # seconds of the second build in the same process
    pages: int
    warnings: int


def subprocess_env() -> dict[str, str]:
    """Like ./scripts/build; the project root is importable so the driver runs from any cwd."""
    pythonpath = os.pathsep.join(p for p in (str(paths.ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": pythonpath}


def run_build(config: Path, cwd: Path, repeat: int = 2) -> BuildTime:
    """Build ``config`` in a fresh interpreter ``repeat`` times (see build_driver)."""
    start = time.monotonic()
    proc = subprocess.run([str(paths.PYTHON), "-m", "bench.build_driver", str(config),
                           "--repeat", str(repeat)],
                          cwd=cwd, env=subprocess_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"build of {config.name} failed: " + " | ".join(tail))
    lines = [json.loads(x) for x in proc.stdout.splitlines() if x.startswith("{")]
    return BuildTime(cold=lines[0]["end"] - start, warm=lines[-1]["seconds"] if repeat > 1 else float("nan"),
                     pages=lines[0]["pages"], warnings=lines[0]["warnings"])


def build_bare_site(dest: Path, mirror: Mirror) -> Path:
    """Bare Material build of the mirror's docs, every edition, laid out like site/ (en under /en/)."""
    dest.mkdir(parents=True, exist_ok=True)
    site = dest / "site"
    for ed in editions(mirror.root):
        rel = Path(ed.site_dir).relative_to("site") if ed.site_dir.startswith("site") else Path(ed.lang)
        cfg = write_bare_config(mirror, ed, dest / f"bare-{ed.lang}.yml", site / rel)
        run_build(cfg, dest, repeat=1)
    return site


@dataclass
class _Timings:
    """Per run, the summed cold and warm seconds of all editions; pages and warnings of the last run."""

    cold: list[float]
    warm: list[float]
    pages: int = 0
    warnings: int = 0


def _edition_set(configs: list[Path], cwd: Path, acc: _Timings, per_edition: dict[str, list[float]] | None,
                 eds: list[Edition]) -> float:
    """Build every edition once (cold + warm, fresh process each); add the sums to ``acc``."""
    cold = warm = 0.0
    pages = warnings = 0
    for cfg, ed in zip(configs, eds):
        t = run_build(cfg, cwd)
        cold += t.cold
        warm += t.warm
        pages += t.pages
        warnings += t.warnings
        if per_edition is not None:
            per_edition.setdefault(ed.lang, []).append(t.cold)
    acc.cold.append(cold)
    acc.warm.append(warm)
    acc.pages, acc.warnings = pages, warnings
    return cold


def _user_dict(mirror: Mirror) -> str:
    """The jieba user dictionary the project's Chinese search plugin loads ('' if none)."""
    from mkdocs.utils.yaml import yaml_load

    with open(mirror.root / "mkdocs.yml", "rb") as fh:
        raw = yaml_load(fh)
    for plugin in raw.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("search"), dict):
            return str(plugin["search"].get("jieba_dict_user") or "")
    return ""


def _segmentation(mirror: Mirror, ctx: Context) -> tuple[Sample, Sample] | None:
    """Time jieba's dictionary load and its segmentation of the built Chinese index text."""
    index = mirror.root / "site" / "search" / "search_index.json"
    if not index.is_file():
        return None
    code = r"""
import json, sys, time
from backrefs import bre
t0 = time.perf_counter()
import jieba, logging
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
if sys.argv[2]:
    jieba.load_userdict(sys.argv[2])
t1 = time.perf_counter()
docs = json.load(open(sys.argv[1], encoding="utf-8"))["docs"]
text = "".join(d["title"] + d["text"] for d in docs).replace("\u200b", "")
runs = bre.compile(r"\p{script: Han}+").findall(text)
t2 = time.perf_counter()
for r in runs:
    "\u200b".join(jieba.cut(r.encode("utf-8")))
t3 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "segment": t3 - t2, "chars": sum(map(len, runs))}))
"""
    loads, segs = [], []
    for _ in range(max(1, ctx.options.runs if not ctx.options.quick else 1)):
        out = subprocess.run([str(paths.PYTHON), "-c", code, str(index), _user_dict(mirror)],
                             cwd=mirror.root, env=subprocess_env(), capture_output=True, text=True, check=True).stdout
        data = json.loads(out)
        loads.append(data["load"])
        segs.append(data["segment"])
    return Sample.of(loads), Sample.of(segs)


def measure(ctx: Context, results: Results) -> None:
    eds = editions()
    if not eds:
        results.skipped.append(Skipped(AREA, "no mkdocs.yml"))
        return
    runs = ctx.options.runs
    sizes = ctx.options.pages
    langs = "+".join(e.lang for e in eds)
    for n in sizes:
        base = ctx.work / f"build-{n}"
        ctx.log(f"build: mirror with {n} pages per language ({langs})")
        mirror = make_mirror(base / "proj", n)
        proj_cfgs = [mirror.root / e.config_name for e in eds]
        bare_cfgs = [write_bare_config(mirror, e, base / f"bare-{e.lang}.yml", base / "bare-site" / e.lang)
                     for e in eds]
        proj, bare = _Timings([], []), _Timings([], [])
        proj_by_lang: dict[str, list[float]] = {}
        for r in range(runs):
            ctx.log(f"build: {n} pages/lang, run {r + 1}/{runs}: project, then bare Material")
            _edition_set(proj_cfgs, mirror.root, proj, proj_by_lang, eds)
            _edition_set(bare_cfgs, mirror.root, bare, None, eds)
        pages = proj.pages
        note = (f"mkdocs build of {langs}, {pages} pages in all; cold = fresh process per edition "
                f"(imports + build, like ./scripts/build), warm = second build in that process (like mkdocs serve)")
        if proj.warnings or bare.warnings:
            note += f"; non-strict: {proj.warnings} warnings (project), {bare.warnings} (bare) in synthetic copies"
        label = f"{n} pages/lang"
        results.rows.append(Row(AREA, f"cold build, {label}", MS_PER_PAGE, Sample.of(proj.cold).scaled(1 / pages),
                                "bare Material", Sample.of(bare.cold).scaled(1 / max(bare.pages, 1)), True, note))
        results.rows.append(Row(AREA, f"warm rebuild, {label}", MS_PER_PAGE, Sample.of(proj.warm).scaled(1 / pages),
                                "bare Material", Sample.of(bare.warm).scaled(1 / max(bare.pages, 1)), True, note))
        if n == max(sizes):
            results.rows.append(Row(AREA, f"cold build total, {label}", SECONDS, Sample.of(proj.cold),
                                    "bare Material", Sample.of(bare.cold), True, note))
            _search_step(ctx, results, mirror, eds, base, n, proj_by_lang)


def _search_step(ctx: Context, results: Results, mirror: Mirror, eds: list[Edition], base: Path, n: int,
                 proj_by_lang: dict[str, list[float]]) -> None:
    """Isolate the search index step: bare with vs without the search plugin; jieba on its own."""
    if not ctx.options.quick:
        _search_plugin_cost(ctx, results, mirror, eds, base, n)
    seg = _segmentation(mirror, ctx)
    zh = next((e for e in eds if e.lang.startswith("zh")), None)
    if seg is None or zh is None:
        # Since Pagefind replaced Material's search the project builds no jieba-segmented index:
        # nothing to measure, and nothing missing.
        if zh is not None and not (mirror.root / "site" / "search" / "search_index.json").exists():
            return
        results.skipped.append(Skipped(AREA, "jieba segmentation: no Chinese search index in the mirror"))
        return
    load, segment = seg
    zh_cold = Sample.of(proj_by_lang[zh.lang])
    note = ("jieba alone, fresh process: dictionary load (+ the project's user dictionary), then jieba.cut of "
            "every Han run of the project's zh search index text (what Material's search plugin does); "
            "baseline = project zh cold build")
    results.rows.append(Row(AREA, "jieba dictionary load", SECONDS, load, "zh cold build", zh_cold, False, note))
    results.rows.append(Row(AREA, f"jieba segmentation, {n} pages zh", SECONDS, segment, "zh cold build",
                            zh_cold, False, note))


def _search_plugin_cost(ctx: Context, results: Results, mirror: Mirror, eds: list[Edition], base: Path,
                        n: int) -> None:
    """Bare Material with vs without its search plugin: the whole search index step, cold."""
    with_search = [base / f"bare-{e.lang}.yml" for e in eds]
    without = [write_bare_config(mirror, e, base / f"nosearch-{e.lang}.yml", base / "nosearch-site" / e.lang,
                                 search=False) for e in eds]
    a, b = _Timings([], []), _Timings([], [])
    runs = ctx.options.runs
    for r in range(runs):
        ctx.log(f"build: search step at {n} pages/lang, run {r + 1}/{runs}")
        _edition_set(with_search, mirror.root, a, None, eds)
        _edition_set(without, mirror.root, b, None, eds)
    results.rows.append(Row(
        AREA, f"bare build with search plugin, {n} pages/lang", SECONDS, Sample.of(a.cold), "no search plugin",
        Sample.of(b.cold), True,
        "search step = Material search plugin (index + jieba segmentation of Han text), cold, all editions"))

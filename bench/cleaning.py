"""Area "cleaning": what the source-cleaning pipeline does to the raw sources, and how well.

Three groups of rows, all produced by the pipeline's own code, so dev/sources.md links here instead
of typing a figure:

* per raw source in sources/ (what ``scripts/clean`` cleans): lines in, boilerplate lines removed,
  duplicate lines dropped, garbles repaired, spots flagged from the table's unsure list, "kept but
  suspicious" spots, misleading claims found; and the time of ``clean_text`` on it after one
  warm-up run (jieba and AutoCorrect loaded);
* all sources at once in a fresh process (``python -m cleaning --out <tmp>``): what a maintainer
  waits for, imports and dictionary loading included;
* the hand-annotated texts it was not written against (``cleaning.measure``): annotated garbles,
  repaired, flagged, missed, wrong repairs, share repaired or flagged, boilerplate lines left; and
  how many dictionary words the no-wrong-repair test puts through the garble table.

No baseline: there is no other cleaner to compare with; the targets are in dev/sources.md.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from bench import paths
from bench.context import Context
from bench.results import COUNT, SECONDS, Results, Row, Sample, Skipped, Unit, stopwatch
from cleaning.html_input import html_to_text, looks_like_html
from cleaning.input_checks import decode_raw, read_raw
from cleaning.manifest import load_manifest
from cleaning.pipeline import CleanResult, clean_text

AREA = "cleaning"
SOURCES = paths.ROOT / "sources"
#: A share shown in per cent (samples hold 0..1).
PERCENT = Unit("%", 100.0, 0, "share")


def clean_source(source: Path) -> CleanResult:
    """Clean one raw source exactly as ``scripts/clean`` reads it (encoding check, HTML article)."""
    text = decode_raw(read_raw(source), str(source))
    if looks_like_html(text):
        text = html_to_text(text, str(source))
    return clean_text(text, source.name, load_manifest(source))


def source_counts(raw_lines: int, result: CleanResult) -> list[tuple[str, int]]:
    """What the pipeline did to one source, as (what, how many) in report order."""
    duplicate_lines = sum(d.last - d.first + 1 for d in result.duplicates)
    return [("lines in the raw text", raw_lines),
            ("boilerplate lines removed", len(result.removed)),
            ("duplicate lines dropped", duplicate_lines),
            ("garbles repaired", len(result.repairs)),
            ("unsure spots flagged", len(result.flags)),
            ("kept but suspicious (flagged for an editor)", len(result.suspicious)),
            ("misleading claims found", len(result.claims))]


def measure_sources(results: Results, sources: list[Path], runs: int) -> None:
    """The per-source rows: counts, then the warm ``clean_text`` time."""
    for source in sources:
        label = source.stem.split("_", 1)[0]  # 000, 001, …: the file names are hashes
        raw_lines = len(decode_raw(read_raw(source), str(source)).splitlines())
        result = clean_source(source)  # the warm-up run: jieba and AutoCorrect load here
        for what, n in source_counts(raw_lines, result):
            results.rows.append(Row(AREA, f"source {label}: {what}", COUNT, Sample.of([n])))
        times = []
        for _ in range(runs):
            with stopwatch() as t:
                clean_source(source)
            times.append(t[0])
        results.rows.append(Row(AREA, f"source {label}: clean time (warm, in process)", SECONDS,
                                Sample.of(times), note=f"{source.name}: clean_text after one warm-up run"))


def measure_fresh_process(ctx: Context, results: Results, runs: int) -> None:
    """All sources through ``python -m cleaning`` in a new process each run, into a temp folder."""
    out = ctx.work / "cleaning-drafts"
    times = []
    for _ in range(runs):
        with stopwatch() as t:
            done = subprocess.run([str(paths.PYTHON), "-m", "cleaning", "--out", str(out)], cwd=paths.ROOT,
                                  capture_output=True, text=True)
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-2:]
            raise RuntimeError(" | ".join(tail))
        times.append(t[0])
    results.rows.append(Row(AREA, "all sources, fresh process (python -m cleaning)", SECONDS, Sample.of(times),
                            note="imports, jieba and AutoCorrect loading, every source cleaned and written"))


def measure_unseen(results: Results) -> None:
    """The annotated texts the pipeline was not written against (cleaning.measure's figures)."""
    from cleaning.measure import measure_folder, total
    from cleaning.words import checked_words

    figures = measure_folder()
    if not figures:
        results.skipped.append(Skipped(AREA, "no annotated texts (tests/cleaning/fixtures/unseen/*.truth.toml)"))
        return
    t = total(figures)
    for what, n in (("annotated texts", len(figures)), ("annotated garbles", t.garbles),
                    ("garbles repaired", t.repaired), ("garbles flagged", t.flagged),
                    ("garbles missed", len(t.missed)), ("wrong repairs", len(t.wrong)),
                    ("annotated boilerplate lines", t.boilerplate), ("boilerplate lines left", len(t.left)),
                    ("most boilerplate lines left in one text", max(len(f.left) for f in figures))):
        results.rows.append(Row(AREA, f"unseen texts: {what}", COUNT, Sample.of([n])))
    results.rows.append(Row(AREA, "unseen texts: garbles repaired or flagged", PERCENT, Sample.of([t.recall])))
    results.rows.append(Row(AREA, "words the no-wrong-repair test checks", COUNT, Sample.of([len(checked_words())]),
                            note="jieba words of 2-8 characters with frequency >= 100, plus the idiom list"))


def measure(ctx: Context, results: Results) -> None:
    runs = ctx.options.runs
    sources = sorted(SOURCES.glob("*.txt"))
    if not sources:
        results.skipped.append(Skipped(AREA, "no raw texts in sources/"))
    else:
        ctx.log(f"cleaning: {len(sources)} sources, {runs} runs each")
        measure_sources(results, sources, runs)
        measure_fresh_process(ctx, results, 1 if ctx.options.quick else runs)
    ctx.log("cleaning: the annotated unseen texts")
    measure_unseen(results)

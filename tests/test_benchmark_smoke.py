"""scripts/bench: the benchmark runs on a tiny configuration and prints its header and table.

No timing is asserted (the machine is shared and noisy); what is checked is that every area
produced rows with numbers beside a baseline, and the pure helpers that decide what the
table says (median, spread, paired ratio, alignment).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from scripts.benchmark import report
from scripts.benchmark.cli import AREAS, parse
from scripts.benchmark.paths import lock_is_held
from scripts.benchmark.results import COUNT, SECONDS, Results, Row, Sample, Skipped

ROOT = Path(__file__).resolve().parent.parent
NUMBER = r"-?[\d,]+(?:\.\d+)?"
ROW = re.compile(rf"^(?P<area>{'|'.join(AREAS)})\s+(?P<measure>.+?)\s+(?P<n>\d+)\s+(?P<median>{NUMBER})\s+"
                 rf"(?P<spread>–|{NUMBER}–{NUMBER})\s")


def test_sample_median_spread_and_paired_ratio() -> None:
    value = Sample.of([2.0, 9.0, 4.0])
    base = Sample.of([1.0, 3.0, 2.0])
    assert (value.median, value.lo, value.hi, value.n) == (4.0, 2.0, 9.0, 3)
    paired = Row("build", "x", SECONDS, value, "bare", base, paired=True)
    unpaired = Row("build", "x", SECONDS, value, "bare", base, paired=False)
    assert paired.ratio == 2.0          # median of 2/1, 9/3, 4/2
    assert unpaired.ratio == 2.0        # 4 / 2
    drift = Row("build", "x", SECONDS, Sample.of([10.0, 20.0, 30.0]), "bare", Sample.of([5.0, 10.0, 100.0]), True)
    assert drift.ratio == 2.0           # per-run ratios 2, 2, 0.3: the outlier run does not move it
    assert Row("weight", "y", COUNT, value).ratio is None


def test_text_table_is_aligned_and_lists_what_was_not_measured() -> None:
    results = Results(rows=[
        Row("build", "cold build, 10 pages/lang", SECONDS, Sample.of([1.5, 1.25]), "bare Material",
            Sample.of([1.0, 1.0]), True, "a note"),
        Row("weight", "home zh /: requests", COUNT, Sample.of([12]), "bare Material", Sample.of([6])),
    ], skipped=[Skipped("pdf", "no site")])
    text = report.as_text({"date": "today", "machine": "test"}, results)
    lines = text.splitlines()
    table = [ln for ln in lines if ln.startswith(("area", "build", "weight"))]
    assert len(table) == 3
    end = table[0].index("median") + len("median")  # numbers are right-aligned under their header
    for line in table[1:]:
        assert line[end - 1].isdigit() and line[end] == " ", (line, end)
    assert "1.38" in text and "1.25–1.50" in text and "1.38×" in text and "2.00×" in text
    assert "NOT MEASURED:" in text and "pdf: no site" in text and "a note" in text
    assert "| build | cold build, 10 pages/lang | 2 |" in report.as_markdown({}, results)


def test_bad_options_are_refused_with_a_bilingual_message(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--pages", "ten"], ["--runs", "0"], ["--only", "speed"]):
        with pytest.raises(SystemExit) as exc:
            parse(argv)
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert re.search(r"[\u4e00-\u9fff]", err) and re.search(r"[a-z]{4}", err), err
    options, fmt = parse(["--quick"])
    assert options.runs == 1 and options.pages == (10,) and fmt == "text"


def test_bench_quick_prints_header_and_a_row_for_every_area() -> None:
    """Runs ``scripts/bench --quick`` for real (needs the built site/, as the browser tests do)."""
    if not (ROOT / "site" / "index.html").is_file():
        pytest.fail("site/ is not built: run ./scripts/build (./scripts/test does it first)")
    # Under `flock /tmp/site.lock … pytest`, our caller holds the lock: do not wait for ourselves.
    extra = ["--no-lock"] if lock_is_held() else []
    proc = subprocess.run([str(ROOT / "scripts" / "bench"), "--quick", "-q", *extra], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr[-2000:] + out[-2000:]
    for key in ("date", "machine", "python", "browser", "pyodide", "packages", "load", "config"):
        assert re.search(rf"^{key}\s+\S", out, re.M), f"header lacks {key}:\n{out}"
    assert re.search(r"^area\s+measure\s+n\s+median\s+min–max\s+unit\s+baseline\s+base median\s+ratio$", out, re.M)
    rows = [m for m in map(ROW.match, out.splitlines()) if m]
    areas = {m["area"] for m in rows}
    assert areas == set(AREAS), f"areas without rows: {set(AREAS) - areas}\n{out}"
    for m in rows:
        assert int(m["n"]) >= 1 and float(m["median"].replace(",", "")) >= 0, m.group(0)
    assert "NOT MEASURED" not in out, out


def test_markdown_results_files_one_per_area_that_produced_rows(tmp_path: Path) -> None:
    from scripts.benchmark.results_file import GENERATED, RESULTS_DIR, write_area_files

    results = Results(rows=[
        Row("build", "cold build, 10 pages/lang", SECONDS, Sample.of([1.5]), "bare Material", Sample.of([1.0])),
        Row("weight", "home zh /: requests", COUNT, Sample.of([12]), "bare Material", Sample.of([6])),
    ], skipped=[Skipped("pdf", "failed: no site")])
    header = {"date": "2026-12-07 03:00 UTC", "commit": "abc1234", "load": "1.00 2.00 3.00 (1/5/15 min, at start)"}
    folder = tmp_path / RESULTS_DIR
    folder.mkdir(parents=True)
    (folder / "pdf.md").write_text("the last good pdf figures")
    written = write_area_files(tmp_path, ("build", "weight", "pdf"), "scripts/bench --markdown", header, results)
    assert [p.name for p in written] == ["build.md", "weight.md"]
    build = (folder / "build.md").read_text()
    assert build.startswith(GENERATED + "\n")
    for fact in ("2026-12-07 03:00 UTC", "abc1234", "1.00 2.00 3.00", "`scripts/bench --markdown`"):
        assert fact in build, fact
    assert "| build | cold build, 10 pages/lang | 1 | 1.50 |" in build and "home zh" not in build
    assert "| weight | home zh /: requests | 1 | 12 |" in (folder / "weight.md").read_text()
    assert (folder / "pdf.md").read_text() == "the last good pdf figures"  # a failed area keeps its file

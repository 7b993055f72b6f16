"""scripts/bench's own code, on tiny fixtures: the benchmark itself is not part of the test suite.

No timing is asserted (the machine is shared and noisy). What is checked: the driver runs every
area it is given, with the machine header, and one failing area does not hide the others; the
pure helpers that decide what the table says (median, spread, paired ratio, alignment, the
results files); and each area's helpers that turn what a page or a server did into a figure.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

from bench import cli, report
from bench.cli import AREAS, parse
from bench.context import Context, Options
from bench.results import COUNT, SECONDS, Results, Row, Sample, Skipped

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


def test_markdown_results_files_one_per_area_that_produced_rows(tmp_path: Path) -> None:
    from bench.results_file import GENERATED, RESULTS_DIR, write_area_files

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


def _fake_area(monkeypatch: pytest.MonkeyPatch, name: str, measure: object) -> str:
    """A module with a ``measure`` function, importable by name for the test's duration."""
    module = types.ModuleType(f"bench_fixture_{name}")
    module.measure = measure  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    return module.__name__


def test_run_prints_the_header_and_a_row_for_every_area_and_isolates_a_failure(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``scripts/bench --quick`` once checked in the suite, on fixture areas: the header names
    the machine and the run, every area that works gives a numeric row, a failing one is listed."""
    def works(area: str):  # noqa: ANN202 - a fixture area
        def measure(ctx: Context, results: Results) -> None:
            assert ctx.options.runs == 1 and ctx.work.is_dir()
            results.rows.append(Row(area, f"{area} figure", SECONDS, Sample.of([0.5]), "baseline", Sample.of([0.25])))
        return measure

    def fails(ctx: Context, results: Results) -> None:
        raise RuntimeError("no site")

    areas = {"build": works("build"), "weight": works("weight"), "search": fails}
    monkeypatch.setattr(cli, "AREAS", {name: _fake_area(monkeypatch, name, m) for name, m in areas.items()})
    options, _ = parse(["--quick", "-q"])
    options = Options(**{**options.__dict__, "only": tuple(areas)})
    header, results = cli.run(options)
    out = report.as_text(header, results)
    for key in ("date", "machine", "python", "browser", "pyodide", "packages", "commit", "load", "config"):
        assert re.search(rf"^{key}\s+\S", out, re.M), f"header lacks {key}:\n{out}"
    assert "at end" in header["load"] and "--quick" in header["config"]
    rows = [m for m in map(ROW.match, out.splitlines()) if m]
    assert {m["area"] for m in rows} == {"build", "weight"}
    assert all(float(m["median"]) == 0.5 for m in rows)
    assert "NOT MEASURED:" in out and "search: failed: RuntimeError: no site" in out


def test_page_transfer_compresses_only_text_bodies() -> None:
    from bench.browser import Transfer, compressible, compressed_sizes

    text = ("微粒贷逾期 overdue " * 200).encode()
    binary = bytes(range(256)) * 4
    t = Transfer()
    t.add("http://x/a.html", "text/html; charset=utf-8", text)
    t.add("http://x/p.png", "image/png", binary)
    gz, br = compressed_sizes(text)
    assert compressible("application/wasm") and compressible("text/css") and not compressible("image/png")
    assert (t.requests, t.raw) == (2, len(text) + len(binary))
    assert (t.gzip, t.brotli) == (gz + len(binary), br + len(binary)) and gz < len(text) and br < len(text)


def test_search_shares_count_the_wanted_page_first_and_in_the_top_three() -> None:
    from bench.search import _paths, _shares
    from bench.search_eval import Case

    cases = [Case("zh", "q1", ("credit/record/",), ()), Case("zh", "q2", ("overdue/lawsuit/", "overdue/court-traps/"), ()),
             Case("zh", "q3", ("letters/",), ())]
    found = [["/credit/record/", "/x/"], ["/x/", "/y/", "/overdue/court-traps/"], ["/a/", "/b/", "/c/", "/letters/"]]
    assert _shares(found, "/", cases) == (1 / 3, 2 / 3)
    assert _paths(["http://127.0.0.1:9/en/credit/?h=x#a"]) == ["/en/credit/"]


def test_calculator_runtime_urls_are_the_first_widgets() -> None:
    from bench.calculator import _runtime_urls

    page = ('<div data-pyodide="../pyodide/314.0.7-abc/" data-wheel="../wheels/f3/w.whl"></div>'
            '<div data-pyodide="../other/" data-wheel="../other.whl"></div>')
    assert _runtime_urls(page, "http://h/en/calculator/") == ("http://h/en/pyodide/314.0.7-abc/", "http://h/en/wheels/f3/w.whl")
    assert _runtime_urls("<p>no widget</p>", "http://h/") is None


def test_slow_network_precompress_and_the_wire_tally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import brotli

    from bench import slow_network

    monkeypatch.setattr(slow_network, "CACHE", tmp_path / "cache")
    site = tmp_path / "site"
    (site / "pyodide").mkdir(parents=True)
    (site / "pyodide" / "a.js").write_text("const x = 1;\n" * 500)
    (site / "pyodide" / "b.png").write_bytes(b"\x89PNG" * 10)
    total = slow_network.precompress(site, ("pyodide",))
    br = site / "pyodide" / "a.js.br"
    assert brotli.decompress(br.read_bytes()) == (site / "pyodide" / "a.js").read_bytes()
    assert total == br.stat().st_size and not (site / "pyodide" / "b.png.br").exists()
    tally = slow_network.Tally()
    tally.add(10)
    tally.add(5)
    assert (tally.take(), tally.take()) == (15, 0)


def test_synthetic_mirror_has_the_asked_pages_per_language(tmp_path: Path) -> None:
    from bench.synthetic import editions, make_mirror, real_pages

    root = tmp_path / "project"
    for lang, config, extra in (("zh", "mkdocs.yml", "theme:\n  language: zh\n"),
                                ("en", "mkdocs.en.yml", "theme:\n  language: en\ndocs_dir: docs/en\n")):
        docs = root / "docs" / lang
        (docs / "sub").mkdir(parents=True)
        (docs / "index.md").write_text(f"# {lang} home\n")
        (docs / "sub" / "page.md").write_text(f"# {lang} page\n\ntext\n")
        (root / config).write_text(f"site_name: {lang}\n{extra}" + ("docs_dir: docs/zh\n" if lang == "zh" else ""))
    assert [e.lang for e in editions(root)] == ["zh", "en"]
    mirror = make_mirror(tmp_path / "mirror", 5, root=root)
    assert mirror.pages == {"zh": 5, "en": 5}
    for e in editions(mirror.root):
        assert len(real_pages(mirror.root / e.docs_dir)) == 5
        assert real_pages(mirror.root / e.docs_dir)[0] == Path("index.md")
    assert len(real_pages(root / "docs" / "zh")) == 2, "the project itself is not touched"


def test_cleaning_rows_count_what_the_pipeline_did_to_a_source(tmp_path: Path) -> None:
    """A small source: three page-label lines, one repeated paragraph, one swap word; the rows say so."""
    from bench.cleaning import measure_sources

    para = "微粒贷逾期以后，银行会先通过短信和电话提醒借款人尽快还款，并说明逾期的后果和可以协商的办法。"
    lines = ["标题：微粒贷逾期怎么办", para, "",
             "第二段：借款人应当熟悉借款记录，再联系客服说明困难情况，请求延期或者分期。", "",
             para, "", "发表回复", "评论列表"]
    source = tmp_path / "100_abc.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = Results()
    measure_sources(results, [source], runs=2)
    rows = {r.measure: r for r in results.rows}
    counts = {m.removeprefix("source 100: "): r.value.median for m, r in rows.items() if r.unit == COUNT}
    assert counts == {"lines in the raw text": 9, "boilerplate lines removed": 3, "duplicate lines dropped": 1,
                      "garbles repaired": 0, "unsure spots flagged": 0,
                      "kept but suspicious (flagged for an editor)": 1, "misleading claims found": 0}
    timing = rows["source 100: clean time (warm, in process)"]
    assert timing.unit == SECONDS and timing.value.n == 2


def test_cpu_time_counts_an_orphaned_grandchild(tmp_path: Path) -> None:
    """bench/cpu_time.py counts a grandchild whose parent exited first (as Chromium's renderers
    are re-parented): the grandchild's own CPU time is part of the total."""
    import subprocess

    report = tmp_path / "grandchild.txt"
    burn = ("import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\n"
            f"open({str(report)!r}, 'w').write(str(time.process_time()))")
    # the child starts the grandchild detached and exits at once: only a subreaper can reap it
    child = f"import subprocess, sys; subprocess.Popen([sys.executable, '-c', {burn!r}])"
    done = subprocess.run([sys.executable, "-m", "bench.cpu_time", sys.executable, "-c", child],
                          capture_output=True, text=True, timeout=60, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    line = done.stderr.strip().splitlines()[-1]
    cpu = float(re.search(r"= ([\d.]+) s cpu rc=0$", line).group(1))  # type: ignore[union-attr]
    assert cpu >= float(report.read_text()), line

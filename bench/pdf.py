"""Area "pdf": build time and size of each language's PDF handbook.

Each edition's PDF is built by the project's own step (``sitebuild.pdf.build.build_one``) in a
fresh process from the snapshot of the built site, so the time includes importing WeasyPrint
and loading fonts, as in ./scripts/build (which renders the editions in parallel; here they run
one after the other so each time is its own). Baseline: the same assembled handbook HTML
rendered by WeasyPrint with no stylesheet (no page layout, no CJK font choice), interleaved.
``--quick`` builds the first edition only.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from bench import paths
from bench.context import Context
from bench.results import COUNT, KIB, SECONDS, Results, Row, Sample, Skipped
from bench.site_build import subprocess_env
from bench.synthetic import editions

AREA = "pdf"

_PROJECT = """
import json, sys
from pathlib import Path
from sitebuild.pdf.build import build_one
r = build_one(sys.argv[1], sys.argv[2])
print(json.dumps({"size": r.size, "pages": r.pages, "language": r.language, "warnings": len(r.warnings)}))
"""

_BARE = """
import json, sys
from pathlib import Path
from sitebuild.pdf.document import build_chapters, handbook_html
from sitebuild.pdf.edition import load_edition
from weasyprint import HTML
ed = load_edition(Path(sys.argv[1]), Path(sys.argv[2]))
html = handbook_html(ed, build_chapters(ed))
out = Path(sys.argv[3])
doc = HTML(string=html, base_url=ed.site_dir.as_uri() + "/").render()
doc.write_pdf(out)
print(json.dumps({"size": out.stat().st_size, "pages": len(doc.pages)}))
"""


def _run(code: str, args: list[str], cwd: Path) -> tuple[float, dict[str, object]]:
    start = time.perf_counter()
    proc = subprocess.run([str(paths.PYTHON), "-c", code, *args], cwd=cwd, env=subprocess_env(),
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError(" | ".join(tail))
    return seconds, json.loads(proc.stdout.strip().splitlines()[-1])


def measure(ctx: Context, results: Results) -> None:
    mirror = ctx.snapshot()
    site = mirror.root / "site"
    runs = ctx.options.runs
    eds = editions(mirror.root)
    for ed in (eds[:1] if ctx.options.quick else eds):
        ctx.log(f"pdf: {ed.lang} × {runs} (project step, then bare WeasyPrint)")
        times, bare_times = [], []
        info: dict[str, object] = {}
        bare_info: dict[str, object] = {}
        try:
            for _ in range(runs):
                t, info = _run(_PROJECT, [ed.config_name, str(site)], mirror.root)
                times.append(t)
                bt, bare_info = _run(_BARE, [ed.config_name, str(site), str(ctx.work / f"bare-{ed.lang}.pdf")],
                                     mirror.root)
                bare_times.append(bt)
        except (RuntimeError, ValueError) as exc:
            results.skipped.append(Skipped(AREA, f"{ed.lang}: {exc}"))
            continue
        lang = str(info.get("language", ed.lang))
        note = ("sitebuild.pdf.build.build_one in a fresh process (imports, fonts, HTML assembly, render, write); "
                "bare = same assembled HTML, WeasyPrint without the project stylesheet")
        results.rows.append(Row(AREA, f"{lang}: build time", SECONDS, Sample.of(times), "bare WeasyPrint",
                                Sample.of(bare_times), True, note))
        results.rows.append(Row(AREA, f"{lang}: size", KIB, Sample.of([float(info["size"])]), "bare WeasyPrint",
                                Sample.of([float(bare_info["size"])]), False, note))
        results.rows.append(Row(AREA, f"{lang}: pages", COUNT, Sample.of([float(info["pages"])]),
                                "bare WeasyPrint", Sample.of([float(bare_info["pages"])]), False, note))

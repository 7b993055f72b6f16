"""Area "build-steps": the whole build (``python -m sitebuild --local``), step by step, from a cold
``.cache/``, at HEAD beside the build before issue #24 part 1 (:data:`BASELINE_REF`).

Each side is a fresh export of its commit (``git archive``) sharing only ``.venv`` and
``node_modules``, so nothing is warm but the Python and npm packages, as in a fresh clone's CI.
Figures: wall seconds per step (the driver's own table), and CPU seconds (user + system of the
driver and every child it waited for: the figure a loaded machine moves least). The two builds run
one after the other, baseline first; their outputs are compared file by file (``diff -r``): a change
that only moves work between cores must leave every byte as it was.
"""

from __future__ import annotations

import filecmp
import re
import resource
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench import paths
from bench.context import Context
from bench.results import COUNT, SECONDS, Results, Row, Sample

AREA = "build-steps"
#: The last commit before the build used both cores and compressed each file once (issue #24).
BASELINE_REF = "5ff994f"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
STEP_TIME = re.compile(r"^\[build\]   (?P<wall>[0-9.]+) s(?:ec)?(?: wall, (?P<cpu>[0-9.]+) s CPU)?$")


@dataclass(frozen=True)
class BuildRun:
    steps: dict[str, tuple[float, float | None]]  # title → (wall s, CPU s or None: older drivers)
    wall: float
    cpu: float
    site: Path


def step_times(output: str) -> dict[str, tuple[float, float | None]]:
    """The driver's per-step lines: ``[build] <title>`` then ``[build]   <s> s[ wall, <s> s CPU]``."""
    steps: dict[str, tuple[float, float | None]] = {}
    title = None
    for line in ANSI.sub("", output).splitlines():
        timed = STEP_TIME.match(line)
        if timed and title:
            steps[title] = (float(timed["wall"]), float(timed["cpu"]) if timed["cpu"] else None)
            title = None
        elif line.startswith("[build] ") and not line.startswith("[build]  ") and not line.startswith("[build] step times"):
            title = line[len("[build] "):].strip()
    return steps


def export(ref: str, into: Path) -> Path:
    """A fresh tree of ``ref`` with the shared .venv and node_modules linked in."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=paths.ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    for shared in (".venv", "node_modules"):
        (into / shared).symlink_to((paths.ROOT / shared).resolve())
    return into


def cold_build(tree: Path) -> BuildRun:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    import os
    import time

    started = time.perf_counter()
    done = subprocess.run([str(tree / ".venv" / "bin" / "python"), "-m", "sitebuild", "--local"], cwd=tree,
                          env={**os.environ, **env}, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(f"build of {tree.name} failed:\n{(done.stdout + done.stderr)[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return BuildRun(step_times(done.stdout), wall, cpu, tree / "site")


def differing_files(a: Path, b: Path) -> list[str]:
    """Files only in one tree or with other bytes (``diff -r``), as paths relative to the roots."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(out)


def measure(ctx: Context, results: Results) -> None:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    ctx.log(f"{AREA}: cold build of {BASELINE_REF} (baseline), then of {head}")
    trees = export(BASELINE_REF, ctx.work / "build-steps-base"), export(head, ctx.work / "build-steps-head")
    base, new = cold_build(trees[0]), cold_build(trees[1])  # both exported first: HEAD may move meanwhile
    label = f"build at {BASELINE_REF}"
    for title, (wall, cpu) in new.steps.items():
        old = base.steps.get(title)
        results.rows.append(Row(AREA, f"{title[:60]}: wall", SECONDS, Sample.of([wall]),
                                label if old else "", Sample.of([old[0]]) if old else None))
        if cpu is not None:
            old_cpu = old[1] if old else None
            results.rows.append(Row(AREA, f"{title[:60]}: CPU", SECONDS, Sample.of([cpu]),
                                    label if old_cpu is not None else "",
                                    Sample.of([old_cpu]) if old_cpu is not None else None))
    results.rows.append(Row(AREA, "whole build, cold .cache/: wall", SECONDS, Sample.of([new.wall]),
                            label, Sample.of([base.wall])))
    results.rows.append(Row(AREA, "whole build, cold .cache/: CPU (user+sys, all processes)", SECONDS,
                            Sample.of([new.cpu]), label, Sample.of([base.cpu]),
                            note="getrusage(RUSAGE_CHILDREN) around the driver: every process it started"))
    differ = differing_files(base.site, new.site)
    results.rows.append(Row(AREA, "files of site/ that differ from the baseline's (diff -r)", COUNT,
                            Sample.of([len(differ)]),
                            note="; ".join(differ[:12]) or "none: byte-identical output"))

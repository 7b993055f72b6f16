"""Where a core idles in a run: a command's CPU over time, per phase, sampled from /proc.

Why: CI is CPU-bound on 2 cores, so moving work around pays only where a core idles. This runs a
command (``./scripts/test``), samples its whole process tree every ``--interval`` seconds and
prints, per phase, the wall seconds, the tree's CPU seconds and two idle figures:

* ``left``: cores x wall - the tree's CPU, what the run left unused (on a shared machine this
  includes the time other people's processes took from it);
* ``idle``: the sum over samples of (cores - the tree's runnable threads, when fewer) x interval,
  what would idle on a machine of our own (a thread waiting for a core is still runnable).

A phase is the set of named processes alive at a sample (``--phase name=regex`` on the command
line of a process in the tree; for ./scripts/test: setup, the build beside the no-site half,
either alone, the built-site half). Orphans (Chromium's double-forked renderers) are counted:
this process makes itself the child subreaper, as bench/cpu_time.py does.

    .venv/bin/python -m bench.idle_cores --out /tmp/idle.tsv -- ./scripts/test
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36
TICK = os.sysconf("SC_CLK_TCK")
#: ./scripts/test's phases: which of its three big processes are alive (setup: none yet).
SCRIPTS_TEST_PHASES = (("build", r"-m sitebuild --local\b"), ("fast", r"-m pytest .*--fast\b"),
                       ("site", r"-m pytest .*--built-site-only\b"))


@dataclass(frozen=True)
class Task:
    """One process of /proc: its parent, CPU ticks (own + reaped children), runnable threads, command."""

    pid: int
    ppid: int
    ticks: int
    runnable: int
    command: str


@dataclass(frozen=True)
class Sample:
    at: float  # monotonic seconds
    ticks: int  # the tree's CPU so far, in clock ticks
    runnable: int
    alive: frozenset[str]  # names of the phase processes alive


@dataclass
class Phase:
    name: str
    wall: float = 0.0
    cpu: float = 0.0
    idle: float = 0.0
    spans: list[tuple[float, float]] = field(default_factory=list)


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text(errors="replace")
    except OSError:
        return None


def _stat_fields(text: str) -> list[str]:
    """The fields after ``comm`` (which may hold spaces and parentheses)."""
    return text[text.rindex(")") + 2:].split()


def read_task(pid: int) -> Task | None:
    """A process's parent, CPU ticks (utime, stime, cutime, cstime) and runnable threads, or None if gone."""
    stat = _read(f"/proc/{pid}/stat")
    if stat is None:
        return None
    f = _stat_fields(stat)
    runnable = 0
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        threads = []
    for tid in threads:
        t = _read(f"/proc/{pid}/task/{tid}/stat")
        if t is not None and _stat_fields(t)[0] == "R":
            runnable += 1
    command = (_read(f"/proc/{pid}/cmdline") or "").replace("\0", " ").strip()
    return Task(pid, int(f[1]), sum(int(x) for x in f[11:15]), runnable, command)


def tree(root: int, tasks: Iterable[Task]) -> list[Task]:
    """``root``'s descendants (not ``root`` itself)."""
    children: dict[int, list[Task]] = {}
    for t in tasks:
        children.setdefault(t.ppid, []).append(t)
    out, todo = [], [root]
    while todo:
        for t in children.get(todo.pop(), []):
            out.append(t)
            todo.append(t.pid)
    return out


def all_tasks() -> list[Task]:
    return [t for p in os.listdir("/proc") if p.isdigit() and (t := read_task(int(p))) is not None]


def phase_of(alive: frozenset[str], names: list[str], started: set[str]) -> str:
    """``setup`` before any named process, ``+``-joined names while some live, ``after`` at the end."""
    if alive:
        return "+".join(n for n in names if n in alive)
    return "after" if started else "setup"


def summarise(samples: list[Sample], names: list[str], cores: int) -> list[Phase]:
    """Per phase, in order of first appearance: wall, CPU and runnable-based idle core-seconds."""
    phases: dict[str, Phase] = {}
    started: set[str] = set()
    for before, after in zip(samples, samples[1:]):
        started |= before.alive
        name = phase_of(before.alive, names, started)
        p = phases.setdefault(name, Phase(name))
        dt = after.at - before.at
        p.wall += dt
        p.cpu += max(0, after.ticks - before.ticks) / TICK
        p.idle += max(0, cores - before.runnable) * dt
    return list(phases.values())


def table(phases: list[Phase], cores: int) -> str:
    lines = [f"{'phase':<18}{'wall s':>8}{'cpu s':>8}{'left s':>8}{'idle s':>8}"]
    for p in phases + [Phase("total", sum(p.wall for p in phases), sum(p.cpu for p in phases),
                             sum(p.idle for p in phases))]:
        lines.append(f"{p.name:<18}{p.wall:8.1f}{p.cpu:8.1f}{cores * p.wall - p.cpu:8.1f}{p.idle:8.1f}")
    return "\n".join(lines)


def run(command: list[str], interval: float, patterns: list[tuple[str, re.Pattern[str]]]) -> tuple[list[Sample], int]:
    """Run ``command`` and sample its tree until it and every orphan it left have ended; the samples
    and the command's exit status (a wrapped CI run must still fail when its tests fail)."""
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")
    me = os.getpid()
    base = sum(int(x) for x in _stat_fields(_read(f"/proc/{me}/stat") or "")[13:15])  # cutime, cstime
    proc = subprocess.Popen(command)
    samples: list[Sample] = []
    while True:
        now = time.monotonic()
        mine = tree(me, all_tasks())
        reaped = sum(int(x) for x in _stat_fields(_read(f"/proc/{me}/stat") or "")[13:15]) - base
        alive = frozenset(name for name, rx in patterns for t in mine if rx.search(t.command))
        samples.append(Sample(now, reaped + sum(t.ticks for t in mine), sum(t.runnable for t in mine), alive))
        if proc.poll() is not None:
            try:
                while os.waitpid(-1, os.WNOHANG)[0]:
                    pass
            except ChildProcessError:
                break
        time.sleep(max(0.0, interval - (time.monotonic() - now)))
    return samples, proc.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interval", type=float, default=0.25, help="seconds between samples")
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--phase", action="append", metavar="NAME=REGEX",
                        help="a named process (regex on its command line); default: ./scripts/test's")
    parser.add_argument("--out", type=Path, help="also write every sample here (TSV)")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)
    pairs = [tuple(p.split("=", 1)) for p in args.phase] if args.phase else list(SCRIPTS_TEST_PHASES)
    patterns = [(name, re.compile(rx)) for name, rx in pairs]
    samples, status = run(args.command, args.interval, patterns)
    if args.out:
        start = samples[0].at
        args.out.write_text("".join(f"{s.at - start:.2f}\t{s.ticks / TICK:.2f}\t{s.runnable}\t{','.join(sorted(s.alive))}\n"
                                    for s in samples))
    print(table(summarise(samples, [n for n, _ in patterns], args.cores), args.cores), file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""What the numbers were measured on: CPU, cores, RAM, load, tool versions, date and commit."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from bench.paths import CHROMIUM, ROOT

PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jieba", "weasyprint", "playwright")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(pkg: str) -> str:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return "absent"


def _chromium() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout
        return out.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "absent"


def _pyodide() -> str:
    for p in (ROOT / "site" / "pyodide" / "package.json", ROOT / "node_modules" / "pyodide" / "package.json"):
        try:
            return str(json.loads(p.read_text())["version"])
        except (OSError, ValueError, KeyError):
            continue
    return "absent"


def _git() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=30).stdout.strip()
        return sha + (" (+ uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def load() -> str:
    """1/5/15-minute load averages: other work on a shared machine shows up here."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def describe() -> dict[str, str]:
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{_cpu_model()}, {cores} cores ({usable} usable), {_ram()} RAM, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "browser": _chromium(),
        "pyodide": _pyodide(),
        "packages": ", ".join(f"{p} {_version(p)}" for p in PACKAGES),
        "commit": _git(),
        "load": f"{load()} (1/5/15 min, at start)",
    }

"""The calculator worker keeps talking while it works, and only then (issue 24's deploy-story stall).

The page calls an engine "stalled" after STALL_MS (widget.js) without a word from its worker. Once
every byte of the runtime is in, a start is CPU work: on a loaded machine or a slow phone the worker's
share of a core is small, and the old worker said nothing from "starting" to "package", a silence
that grew toward STALL_MS with the load (dev/ci.md, "An open flake"). worker_words_check.mjs runs the
real worker.js in node on a stand-in Pyodide whose start takes the steps a browser's worker runs
without a break: the wasm's instantiation with Emscripten's init, then Python's init (1.5 s each),
then BOOT's steps (0.4 s each)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = Path(__file__).with_name("worker_words_check.mjs")


def _words(scenario: str, run_ms: int) -> tuple[list[list], int]:
    node = shutil.which("node")
    assert node, "node is needed (scripts/setup installs it)"
    done = subprocess.run([node, str(CHECK), str(ROOT), scenario, str(run_ms)], capture_output=True, text=True,
                          timeout=60)
    lines = done.stdout.strip().splitlines()
    assert lines, f"the check did not run:\n{done.stderr[-3000:]}"
    out = json.loads(lines[-1])
    return out["words"], out["end"]


def test_a_slow_start_is_never_silent_for_longer_than_one_step() -> None:
    words, _ = _words("slow-boot", 20_000)
    stages = [w[2] or w[1] for w in words]
    assert stages[-1] == "ready", words
    downloaded = max(i for i, stage in enumerate(stages) if stage == "download")  # every byte in
    package = stages.index("package")
    assert words[package][0] - words[downloaded][0] >= 3000, words  # both 1.5 s steps ran in between
    at = [w[0] for w in words[downloaded:]]
    silences = [b - a for a, b in zip(at, at[1:])]
    # one 1.5 s step at most (the old worker: both, from "starting" to "package")
    assert max(silences) < 2500, f"silent for {max(silences)} ms: {words}"
    assert {"instantiated", "unpacked", "imported 1/3", "imported 3/3", "snapshot"} <= {w[3] for w in words}, words


def test_a_download_that_stops_still_ends_in_silence() -> None:
    """No word comes from a timer: a download that stops still lets the page report a stall (the words
    above must not hide it). The wasm's download stops; the stand-in instantiates it as Pyodide does."""
    words, end = _words("hung-download", 3500)
    assert "starting" not in [w[2] for w in words] and words[-1][2] == "download", words
    assert end - words[-1][0] >= 2000, f"a word after the download stopped: {words}, end {end}"

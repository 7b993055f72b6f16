"""bench/idle_cores.py's accounting on fixture samples: phases by the processes alive, CPU and idle per phase."""

from __future__ import annotations

import re

import pytest

from bench import idle_cores
from bench.idle_cores import TICK, Sample, phase_of, summarise, tree, Task


def test_phases_follow_the_named_processes_and_count_cpu_and_idle() -> None:
    both, fast = frozenset({"build", "fast"}), frozenset({"fast"})
    samples = [Sample(0.0, 0, 1, frozenset()),          # setup: one runnable thread for 1 s
               Sample(1.0, 1 * TICK, 2, both),          # both cores busy for 2 s
               Sample(3.0, 5 * TICK, 1, fast),          # the build ended: one thread for 1 s
               Sample(4.0, 6 * TICK, 0, frozenset()),   # after
               Sample(5.0, 6 * TICK, 0, frozenset())]
    phases = {p.name: p for p in summarise(samples, ["build", "fast", "site"], cores=2)}
    assert list(phases) == ["setup", "build+fast", "fast", "after"]
    assert (phases["setup"].wall, phases["setup"].cpu, phases["setup"].idle) == (1.0, 1.0, 1.0)
    assert (phases["build+fast"].wall, phases["build+fast"].cpu, phases["build+fast"].idle) == (2.0, 4.0, 0.0)
    assert (phases["fast"].cpu, phases["fast"].idle) == (1.0, 1.0)
    assert (phases["after"].cpu, phases["after"].idle) == (0.0, 2.0)
    assert "total" in idle_cores.table(list(phases.values()), 2)


def test_a_phase_name_keeps_the_given_order_and_setup_differs_from_after() -> None:
    assert phase_of(frozenset({"fast", "build"}), ["build", "fast"], set()) == "build+fast"
    assert phase_of(frozenset(), ["build"], set()) == "setup"
    assert phase_of(frozenset(), ["build"], {"build"}) == "after"


def test_tree_holds_descendants_only() -> None:
    tasks = [Task(1, 0, 0, 0, "init"), Task(10, 1, 0, 0, "me"), Task(11, 10, 5, 1, "child"),
             Task(12, 11, 7, 0, "grandchild"), Task(13, 1, 9, 1, "stranger")]
    assert sorted(t.pid for t in tree(10, tasks)) == [11, 12]


@pytest.mark.parametrize(("command", "name"), [
    (".venv/bin/python -m sitebuild --local", "build"),
    (".venv/bin/python -m pytest -n 2 --dist loadgroup --fast --junitxml=.cache/test/fast.xml", "fast"),
    (".venv/bin/python -m pytest -n 2 --dist loadgroup --built-site-only --junitxml=x", "site"),
])
def test_scripts_test_phases_match_its_commands_only(command: str, name: str) -> None:
    matched = [n for n, rx in idle_cores.SCRIPTS_TEST_PHASES if re.search(rx, command)]
    assert matched == [name]
    assert not any(re.search(rx, ".venv/bin/python -m sitebuild.engines --install")
                   for _, rx in idle_cores.SCRIPTS_TEST_PHASES)


def test_the_wrapped_command_s_exit_status_is_returned() -> None:
    """A CI run wrapped in idle_cores must still fail when its tests fail. In a process of its own:
    idle_cores becomes the subreaper of, and waits for, every child of the process it runs in."""
    import subprocess
    import sys

    def status(*command: str) -> int:
        return subprocess.run([sys.executable, "-m", "bench.idle_cores", "--interval", "0.05", "--", *command],
                              capture_output=True, timeout=60).returncode

    assert status("sh", "-c", "exit 3") == 3
    assert status("true") == 0

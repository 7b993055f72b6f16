"""CPU seconds of a command and of every process it started, Chromium's included.

Why: ``/usr/bin/time`` and ``getrusage(RUSAGE_CHILDREN)`` count only the children their parent
waited for. Chromium's zygote double-forks its renderers, so they are reaped by init and their CPU
is lost: a browser test measured that way looks 3-5x cheaper than it is. Here this process makes
itself the child subreaper (Linux ``PR_SET_CHILD_SUBREAPER``), so every orphaned descendant is
re-parented to it and counted when it is reaped.

    .venv/bin/python -m bench.cpu_time .venv/bin/python -m pytest tests/widget/test_loan_widget.py -q

prints ``<wall> s wall <user>+<sys> = <cpu> s cpu rc=<code>`` on stderr and exits with the
command's code. Linux only.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass

PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class Usage:
    """What one command cost: wall seconds, user and system CPU seconds of it and its descendants."""

    wall: float
    user: float
    system: float
    returncode: int

    @property
    def cpu(self) -> float:
        return self.user + self.system

    def line(self) -> str:
        return (f"{self.wall:.2f} s wall {self.user:.2f}+{self.system:.2f} = {self.cpu:.2f} s cpu "
                f"rc={self.returncode}")


def measure(command: list[str]) -> Usage:
    """Run ``command`` to its end, then reap every orphan it left, and return what all of it used.
    Counts only what ran after the call (earlier children of this process are subtracted)."""
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    code = subprocess.call(command)
    while True:  # the orphans: Chromium renderers, background servers the command did not stop
        try:
            os.wait()
        except ChildProcessError:
            break
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Usage(time.monotonic() - start, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime, code)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    usage = measure(argv)
    print(usage.line(), file=sys.stderr)
    return usage.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Samples and table rows: the one place that decides what "median", "spread" and "ratio" mean."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sample:
    """Repeated measurements of one quantity (seconds, bytes or a count)."""

    values: tuple[float, ...]

    @classmethod
    def of(cls, values: Sequence[float]) -> Sample:
        if not values:
            raise ValueError("a sample needs at least one value")
        return cls(tuple(float(v) for v in values))

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def lo(self) -> float:
        return min(self.values)

    @property
    def hi(self) -> float:
        return max(self.values)

    def scaled(self, factor: float) -> Sample:
        return Sample(tuple(v * factor for v in self.values))


@dataclass(frozen=True)
class Unit:
    """How a quantity is shown: ``scale`` turns the stored base unit into the shown one."""

    label: str
    scale: float = 1.0
    digits: int = 2
    base: str = ""  # the unit samples are stored in (JSON output gives raw values in it)


SECONDS = Unit("s", 1.0, 2, "s")
MILLISECONDS = Unit("ms", 1000.0, 0, "s")
MS_PER_PAGE = Unit("ms/page", 1000.0, 1, "s/page")
KIB = Unit("KiB", 1 / 1024, 1, "bytes")
COUNT = Unit("", 1.0, 0, "count")


@dataclass(frozen=True)
class Row:
    """One line of the table: a measured figure beside its baseline (if it has one).

    When both samples come from interleaved runs (``paired``), the ratio is the median of the
    per-run ratios, which cancels most of the drift of a shared machine; otherwise it is the
    ratio of the medians.
    """

    area: str
    measure: str
    unit: Unit
    value: Sample
    baseline_label: str = ""
    baseline: Sample | None = None
    paired: bool = False
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None:
            return None
        if self.paired and self.baseline.n == self.value.n:
            ratios = [v / b for v, b in zip(self.value.values, self.baseline.values) if b]
            return statistics.median(ratios) if ratios else None
        return self.value.median / self.baseline.median if self.baseline.median else None


@dataclass
class Skipped:
    """A measurement that could not be taken, and why (shown under the table, never hidden)."""

    area: str
    reason: str


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """``with stopwatch() as t: ...`` then ``t[0]`` is the elapsed wall time in seconds."""
    out: list[float] = []
    start = time.perf_counter()
    try:
        yield out
    finally:
        out.append(time.perf_counter() - start)


def interleaved(runs: int, *actions: Callable[[], float]) -> list[Sample]:
    """Run each action ``runs`` times, alternating A B A B…, and return one sample per action.

    Alternating keeps a baseline and the figure it is compared with under the same machine load.
    """
    values: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for i, action in enumerate(actions):
            values[i].append(action())
    return [Sample.of(v) for v in values]

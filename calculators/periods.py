"""Count legal periods as Chinese law does, with the statutory holiday table.

* 民法典 第二百零一条 / 民事诉讼法 第八十五条第二款: the first day is not counted, so a period of
  N days from day D ends on D + N; a period of years or months ends on the corresponding day
  (民法典 第二百零二条: the month's last day when that day does not exist, 2028-02-29 + 1 year
  -> 2029-02-28);
* 民法典 第二百零三条 / 民事诉讼法 第八十五条第三款: when that last day is a statutory rest day
  (法定休假日: a public holiday, or a weekend that is not an adjusted working day), the period
  ends on the first working day after it.
Beyond ``holidays_cn.LAST_YEAR`` only weekends are known; ``PeriodEnd.beyond_table`` says so.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from . import holidays_cn


@cache
def _table(kind: str) -> frozenset[date]:
    source = holidays_cn.HOLIDAYS if kind == "holidays" else holidays_cn.WORKDAYS
    return frozenset(date(year, int(d[:2]), int(d[2:])) for year, days in source.items() for d in days)


def covered(day: date) -> bool:
    """Whether the holiday table covers ``day``'s year."""
    return holidays_cn.FIRST_YEAR <= day.year <= holidays_cn.LAST_YEAR


def is_rest_day(day: date) -> bool:
    """A statutory holiday, or a Saturday/Sunday that is not an adjusted working day."""
    if day in _table("holidays"):
        return True
    return day.weekday() >= 5 and day not in _table("workdays")


def add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later; the month's last day when it has no such day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PeriodEnd:
    """The last day of a period: ``nominal`` as counted, ``day`` after moving past rest days."""

    day: date
    nominal: date
    beyond_table: bool

    @property
    def moved(self) -> bool:
        return self.day != self.nominal


def period_end(start: date, *, days: int = 0, months: int = 0, years: int = 0, roll: bool = True) -> PeriodEnd:
    """The last day of a period that starts on ``start`` (that day itself not counted).

    ``roll=False`` for periods that are not deadlines for an act (a credit record's retention).
    """
    nominal = add_months(start, months + 12 * years) + timedelta(days=days)
    end = nominal
    if roll:
        while is_rest_day(end):
            end += timedelta(days=1)
    return PeriodEnd(end, nominal, roll and (not covered(nominal) or not covered(end)))

"""The generated holiday table equals the pinned chinese-calendar data, and is up to date."""

from __future__ import annotations

from datetime import date

import chinese_calendar
from chinese_calendar import constants

from calculators import holidays_cn
from calculators.periods import covered, is_rest_day
from sitebuild.generate_holidays import render


def _dates(table: dict[int, tuple[str, ...]]) -> set[date]:
    return {date(year, int(d[:2]), int(d[2:])) for year, days in table.items() for d in days}


def test_holidays_equal_chinese_calendar() -> None:
    assert _dates(holidays_cn.HOLIDAYS) == set(constants.holidays)


def test_workdays_equal_chinese_calendar() -> None:
    assert _dates(holidays_cn.WORKDAYS) == set(constants.workdays)


def test_source_and_last_year_are_recorded() -> None:
    assert holidays_cn.LAST_YEAR == max(constants.holidays).year
    assert holidays_cn.SOURCE.startswith("chinese-calendar 1.11.0")


def test_rest_days_agree_with_chinese_calendar_on_every_covered_day() -> None:
    day = date(holidays_cn.FIRST_YEAR, 1, 1)
    while covered(day):
        assert is_rest_day(day) == (not chinese_calendar.is_workday(day)), day
        day = date.fromordinal(day.toordinal() + 1)


def test_module_is_what_the_script_writes() -> None:
    assert holidays_cn.__file__ is not None
    with open(holidays_cn.__file__, encoding="utf-8") as module:
        assert module.read() == render(), "run: python -m sitebuild.generate_holidays"

"""The hand-written iCalendar (calculators/ics.py) parsed by the icalendar package (RFC 5545)."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

import icalendar

from calculators.ics import CalendarEvent, calendar, fold
from calculators.web import run

STAMP = datetime(2026, 12, 7, tzinfo=timezone.utc)


def _parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def test_timeline_calendar_parses_with_the_deadlines_and_plan_payments() -> None:
    result = run("timeline", {"start": "2026-01-15", "months": "12", "as_of": "2026-12-07",
                              "events": "payment-order-served,2026-12-01\nrepaid-in-full,2027-03-01",
                              "plan_start": "2027-01-31", "plan_payment": "1080", "plan_months": "2"})
    for lang in ("zh", "en"):
        cal = _parse(result["ics"][lang])
        events = cal.walk("VEVENT")
        dates = sorted(e.decoded("DTSTART") for e in events)
        assert dates == [date(2026, 12, 16), date(2027, 1, 31), date(2027, 2, 28), date(2032, 3, 1)]
        assert len({str(e["UID"]) for e in events}) == len(events)
        assert all(e.decoded("DTSTAMP") == STAMP for e in events)
        summaries = [str(e["SUMMARY"]) for e in events]
        assert any(("支付令" if lang == "zh" else "payment order") in s for s in summaries)
        assert all(e.decoded("DTEND") == e.decoded("DTSTART").fromordinal(e.decoded("DTSTART").toordinal() + 1)
                   for e in events)


def test_escaping_and_folding_round_trip() -> None:
    summary = "逗号, 分号; 反斜杠\\ 换行\n结束" + "长" * 60
    text = calendar([CalendarEvent("x-1", date(2027, 1, 1), summary, "a,b;c\\d\ne")], STAMP, "名;字")
    event = _parse(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == "a,b;c\\d\ne"
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert re.search(r"^UID:x-1@", text, re.M)


def test_fold_never_splits_a_character() -> None:
    line = "SUMMARY:" + "期" * 100
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    for part in folded.split("\r\n"):
        part.encode("utf-8").decode("utf-8")  # each physical line is whole UTF-8
        assert len(part.encode("utf-8")) <= 75

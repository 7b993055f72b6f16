"""A minimal RFC 5545 iCalendar writer: all-day events with a reminder, nothing else.

Why hand-written: the wheel that runs in the browser is standard-library only, and the few
rules needed are short: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
character (3.1), TEXT escaping of backslash, semicolon, comma and newline (3.3.11), and a UID
and DTSTAMP in every VEVENT (3.6.1). tests/calculators/test_ics_unit.py parses the output with
the ``icalendar`` package.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

PRODID = "-//weilidai-guide//calculators//ZH"
UID_DOMAIN = "weilidai-guide.invalid"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: date
    summary: str
    description: str
    remind_days: int = 3  # a display alarm this many days before (0: none)


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def calendar(events: list[CalendarEvent], stamp: datetime, name: str) -> str:
    """The whole VCALENDAR text (CRLF line ends). ``stamp`` is DTSTAMP, in UTC."""
    stamp_text = stamp.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}@{UID_DOMAIN}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(event.day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape(event.summary)}",
            f"DESCRIPTION:{escape(event.description)}",
            "TRANSP:TRANSPARENT",
        ]
        if event.remind_days:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:-P{event.remind_days}D",
                      f"DESCRIPTION:{escape(event.summary)}", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

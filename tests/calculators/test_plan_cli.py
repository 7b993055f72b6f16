"""The budget and timeline command lines through a real subprocess (options from the declared fields)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import icalendar

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "calculators", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin"})


def test_issue_budget_example() -> None:
    done = cli("budget", "--income", "6000", "--essential", "4200", "--debt", "微粒贷,12000", "--debt", "信用卡,8000",
               "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["available"] == "1800.00"
    assert [o["offer"] for o in result["offers"]] == ["1080.00", "720.00"]


def test_budget_text_has_the_statement() -> None:
    done = cli("budget", "--wages", "3000", "--housing", "2000", "--food", "1500", "--debt", "微粒贷,12000")
    assert done.returncode == 0, done.stderr
    assert "收支情况表" in done.stdout and "Nothing is left" in done.stdout
    # essentials 2000 + 1500 = 3500 > wages 3000: nothing available, shortfall 500
    assert "每月缺口 Monthly shortfall" in done.stdout and "500.00" in done.stdout


def test_timeline_ics() -> None:
    done = cli("timeline", "--start", "2026-01-15", "--months", "12", "--event", "judgment-served,2026-12-01",
               "--as-of", "2026-12-07", "--ics", "--lang", "en")
    assert done.returncode == 0, done.stderr
    events = icalendar.Calendar.from_ical(done.stdout).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events][0].startswith("Last day to appeal")


def test_bad_input_is_bilingual_with_status_2() -> None:
    done = cli("timeline", "--start", "2026-01-15", "--months", "12", "--event", "demand,2025-02-30")
    assert done.returncode == 2
    assert "不存在的日期" in done.stderr and "no such date" in done.stderr
    assert "Traceback" not in done.stderr
    done = cli("budget", "--income", "-5", "--essential", "1")
    assert done.returncode == 2 and "不能小于 0" in done.stderr and "must not be negative" in done.stderr

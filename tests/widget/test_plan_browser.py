"""The "My plan" page on a 375 px phone, zh and en, in Debian's Chromium on the built site.

A reader fills the budget, sees the offers and the negotiation letter with their own figures,
fills the timeline, sees the dated deadlines and downloads the .ics; the figures equal those of
``calculators.web.compute`` run here, and none of them reaches the address bar, the history or
any request (URL or body). Screenshots go to $PLAN_SCREENSHOTS (default: pytest's tmp_path).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest

from calculators.web import compute
from test_widget_browser import set_fields

PAGE = {"zh": "/plan/", "en": "/en/plan/"}
READY_MS = 120_000  # a cold Pyodide start on a busy 2-core machine
BUDGET = {"income": "7531", "essential": "4620", "debts": "微粒贷,13579\n信用卡,8642"}
TIMELINE = {"start": "2026-01-15", "months": "12", "events": "payment-order-served,2026-09-16", "as_of": "2026-09-20"}
#: Figures typed in, or computed from them, that must never leave the page.
SECRETS = ("7531", "4620", "13579", "8642", "2911")


def _fill(page: Any, wid: str, values: dict[str, str]) -> None:
    """Focus the form's first field (intent: the engine starts), then set every field in one task
    (``set_fields``: each visible, enabled and editable, "More options" opened by a tap if one is
    under it): one debounced computation instead of one per field."""
    page.focus(f"#{wid}-{next(iter(values))}")
    set_fields(page, wid, values)


def _calculate(page: Any, wid: str) -> None:
    seq = int(page.get_attribute(f"#{wid} .calc-output", "data-seq") or 0)
    page.click(f"#{wid} button[type=submit]")
    page.wait_for_function(
        "([wid, seq]) => { const w = document.getElementById(wid); const o = w.querySelector('.calc-output');"
        " return w.dataset.pending === '0' && Number(o.dataset.seq || 0) > seq && o.dataset.state === 'result'; }",
        arg=[wid, seq], timeout=READY_MS, polling=100)  # not every frame: the first waits out an engine start


@pytest.mark.xdist_group("warm_phones")  # one warm phone context for the run (tests/conftest.py)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_on_a_phone(warm_phone_page: Any, base_url: str, lang: str, tmp_path: Path) -> None:
    page = warm_phone_page(lang)  # not a first-use test: the engine may start from the memory snapshot
    # Calculate brings the result on screen at once, not by a smooth scroll (frames cost CPU; no
    # assertion here is on scrolling: test_loan_widget.py asserts it with both preferences)
    page.emulate_media(reduced_motion="reduce")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url + "\n" + (r.post_data or "")))
    page.goto(base_url + PAGE[lang])
    shots = Path(os.environ.get("PLAN_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)

    _fill(page, "plan-budget", BUDGET)
    _calculate(page, "plan-budget")
    expected = compute("budget", BUDGET)
    shown = page.locator("#plan-budget .calc-summary tr[data-key=available] td").get_attribute("data-value")
    assert shown == expected["available"] == "2911.00"  # 7531 - 4620
    rows = page.locator("#plan-budget table[data-calc-table=main] tbody tr")  # each row's 4th cell, one call
    offers = [text.replace(",", "") for text in rows.evaluate_all("rs => rs.map((r) => r.querySelectorAll('td')[3].innerText)")]
    assert offers == [o["offer"] for o in expected["offers"]]
    letter = page.locator("#plan-budget .calc-letter pre").inner_text()
    assert "每月收入约 7531.00 元" in letter and f"每月最多可用于偿还本笔借款的金额：{expected['offers'][0]['offer']} 元" in letter
    page.locator("#plan-budget .calc-letter").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"plan-{lang}-letter.png"), scale="css")

    _fill(page, "plan-timeline", TIMELINE)
    _calculate(page, "plan-timeline")
    table = page.locator("#plan-timeline table[data-calc-table=main]").inner_text()
    assert "2026-10-08" in table  # 2026-09-16 + 15 = 10-01, National Day -> 10-08 (民诉法 第八十五条)
    page.locator("#plan-timeline .calc-ics").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / f"plan-{lang}-timeline.png"), scale="css")
    with page.expect_download() as info:
        page.click("#plan-timeline a.calc-ics")
    download = info.value
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    starts = [e.decoded("DTSTART") for e in calendar.walk("VEVENT")]
    assert date(2026, 10, 8) in starts

    assert page.evaluate("location.hash") == ""
    url = page.evaluate("location.href")
    for secret in SECRETS:
        assert secret not in url
        assert not [s for s in sent if secret in s], secret
    assert not [s for s in sent if not s.startswith(base_url)]  # nothing off the origin

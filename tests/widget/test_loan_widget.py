"""The ``loan`` widget as a borrower uses it, on a 375 px phone in Debian's Chromium (real Pyodide).

Realistic cases are typed into the form (repayments added and removed as rows); every figure the
page shows must equal ``calculators.web.compute`` in CPython on the same form values. Also: the
as-of date starts at today, printing shows only a reader's own result (never an untouched
example), the language switch keeps the inputs, and the chart's tick labels are >= 11 px.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from test_widget_browser import READ_FORM, READY_MS, check_result, open_calculator, set_field, submit

from calculators.web import compute

WID = "calc-loan"
PAGE = {"zh": "/calculator/", "en": "/en/calculator/"}

#: What borrowers type: the numbers from their loan record, in the forms they write them.
CASES: dict[str, list[dict[str, Any]]] = {
    "zh": [
        {"set": {"principal": "10000", "months": "12", "daily_rate": "0.05%", "start": "2026-01-15",
                 "as_of": "2026-04-01"}, "rows": []},
        {"set": {"as_of": "2026-06-01"}, "rows": [("2026-02-15", "916.80"), ("2026-03-20", "500")]},
        {"set": {"principal": "1.5万", "months": "10", "daily_rate": "万分之四", "start": "2026-01-31",
                 "method": "equal-principal", "as_of": "2026-05-10"}, "rows": [("2026-02-28", "1,560")]},
    ],
    "en": [
        {"set": {"principal": "5000", "months": "5", "daily_rate": "0.045%", "start": "2025-11-30",
                 "as_of": "2026-03-15"}, "rows": [("2025-12-30", "1,120.50")]},
        {"set": {"accelerated": "2026-03-01", "multiplier": "1.3"}, "rows": [("2026-01-30", "600")]},
        {"set": {"principal": "20000", "months": "20", "daily_rate": "0.05"},
         "rows": None, "invalid": "daily_rate"},  # "0.05" for 0.05 %: 5 % a day, refused with a hint
    ],
}


def add_rows(page: Any, rows: list[tuple[str, str]]) -> None:
    """Tap "add a repayment" and fill the new row, as a reader does."""
    for when, amount in rows:
        page.click(f"#{WID} .calc-add-row")
        row = page.locator(f"#{WID} .calc-row").last
        row.locator('[data-part="date"]').fill(when)
        row.locator('[data-part="amount"]').fill(amount)


def check_answer(page: Any, lang: str) -> None:
    expected = compute("loan", page.evaluate(READ_FORM, WID))
    assert page.inner_text(f"#{WID} .calc-output .calc-answer") == expected["answer"][lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_realistic_loans_on_a_phone(phone_page: Any, base_url: str, lang: str) -> None:
    page = phone_page
    open_calculator(page, base_url, lang, WID)
    # the as-of date starts at today, in the reader's own calendar
    assert page.input_value(f"#{WID}-as_of") == datetime.date.today().isoformat()
    for case in CASES[lang]:
        for name, value in case["set"].items():
            set_field(page, WID, name, value)
        if case["rows"] is not None:
            add_rows(page, case["rows"])
        submit(page, WID)
        if case.get("invalid"):
            text = page.inner_text(f"#{WID} .calc-output .calc-error")
            error = compute("loan", page.evaluate(READ_FORM, WID))["error"]
            assert error["field"] == case["invalid"] and error["zh"] in text and error["en"] in text
            continue
        expected = check_result(page, WID, lang)
        check_answer(page, lang)
        assert page.evaluate(READ_FORM, WID).get("payments", "").count("\n") + 1 >= len(case["rows"] or [""])
        assert expected["mode"] == "loan"
    # removing a row recomputes without it
    before = page.locator(f"#{WID} .calc-row").count()
    if before:
        seq = int(page.get_attribute(f"#{WID} .calc-output", "data-seq") or 0)
        page.locator(f"#{WID} .calc-remove-row").first.click()
        page.wait_for_selector(f"#{WID}[data-pending='0'] .calc-output:not([data-seq='{seq}'])", timeout=READY_MS)
        page.wait_for_selector(f"#{WID}[data-pending='0']")
        assert page.locator(f"#{WID} .calc-row").count() == before - 1
        if page.get_attribute(f"#{WID} .calc-output", "data-state") == "result":
            check_result(page, WID, lang)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"


def test_print_language_switch_and_chart(phone_page: Any, base_url: str) -> None:
    page = phone_page
    open_calculator(page, base_url, "zh", WID)
    for name, value in CASES["zh"][0]["set"].items():
        set_field(page, WID, name, value)
    add_rows(page, [("2026-02-20", "950")])
    submit(page, WID)
    check_result(page, WID, "zh")
    # the chart's tick labels are drawn at >= 11 px on a 375 px phone
    sizes = page.evaluate("""(wid) => [...document.querySelectorAll('#' + wid + ' .calc-output .calc-tick')].map((t) => {
        const svg = t.ownerSVGElement;
        return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    })""", WID)
    assert sizes and min(sizes) >= 11, sizes
    # printing: the reader's result prints; untouched worked examples of other widgets do not
    page.emulate_media(media="print")
    assert page.locator(f"#{WID} .calc-output .calc-summary").is_visible()
    assert not page.locator("#calc-overdue").is_visible()
    assert not page.locator("#calc-court").is_visible()
    page.emulate_media(media="screen")
    # the language switch carries the inputs over (the #calc= fragment)
    inputs = page.evaluate(READ_FORM, WID)
    page.evaluate("() => document.querySelector('a.md-select__link[hreflang=en]').click()")
    page.wait_for_url("**/en/calculator/**")
    page.wait_for_selector(f"#{WID}[data-pending='0'] .calc-output[data-state=result]", timeout=READY_MS)
    assert page.evaluate(READ_FORM, WID) == inputs
    assert page.locator(f"#{WID} .calc-row").count() == 1
    check_result(page, WID, "en")
    check_answer(page, "en")

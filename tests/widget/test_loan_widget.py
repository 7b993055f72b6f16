"""The ``loan`` widget as a borrower uses it, on a 375 px phone in Debian's Chromium (real Pyodide).

Realistic cases are entered into the form (repayments added and removed as rows); every figure the
page shows must equal ``calculators.web.compute`` in CPython on the same form values. A case's
fields are set in one task (``set_fields``: each visible, enabled and editable, then its value,
``input`` and ``change``), so a case is one debounced computation, not one per field. Also: the
as-of date starts at today, printing shows only a reader's own result (never an untouched
example), the language switch keeps the inputs, and the chart's tick labels are >= 11 px.
Issue 25: after Calculate and on a shared link the answer is on screen, the table's total column is
on a phone screen, figures reach the URL only on "share", and typed inputs survive a language switch.
Screenshots go to .cache/screenshots/.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from test_widget_browser import (READ_FORM, READY_MS, check_result, figure, open_calculator, set_field, set_fields,
                                 start_engine, submit)

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


#: Back to the page's first state: every repayment row removed (as a reader removes them), every
#: field at the value the page opened with, as if typed (input and change fire, so the widget's own
#: state follows), no recorded share.
RESET_FORM = """([wid, opened]) => {
  window.__shared = undefined;
  for (const el of document.querySelector('#' + wid + ' form').elements) {
    if (!el.name || !(el.name in opened)) continue;
    const now = el.type === 'checkbox' ? String(el.checked) : el.value;
    if (now === opened[el.name]) continue;
    if (el.type === 'checkbox') el.checked = opened[el.name] === 'true'; else el.value = opened[el.name];
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
  }
}"""
#: Every named field's value, checkboxes as 'true'/'false' (READ_FORM leaves empty fields out).
ALL_FIELDS = """(wid) => Object.fromEntries([...document.querySelector('#' + wid + ' form').elements]
  .filter((el) => el.name).map((el) => [el.name, el.type === 'checkbox' ? String(el.checked) : el.value]))"""


class LoadedCalculator:
    """One phone page per language with Pyodide loaded, shared by the tests that need no fresh
    page (Pyodide's start is the cost of a browser test): ``take(lang)`` resets its form to what the
    page opened with and returns it, or opens it anew when a test navigated it away. The pages are
    tabs of the worker's warm phone context (``WarmPhones`` in tests/conftest.py), so the engine
    starts from the memory snapshot once any page of the context has started it.

    Its pages prefer reduced motion unless a test sets otherwise (``take`` sets it back): Calculate
    then brings the answer on screen at once instead of by a smooth scroll, whose frames cost CPU
    on every Calculate. Scrolling is asserted where it is tested, with both preferences
    (test_answer_on_screen_after_compute_and_nothing_in_history; the shared link's new tab keeps
    the browser's default)."""

    def __init__(self, phones: Any, base_url: str) -> None:
        self.phones, self.base_url = phones, base_url
        self.pages: dict[str, tuple[Any, dict[str, str]]] = {}

    def take(self, lang: str) -> tuple[Any, dict[str, str]]:
        """(the page, its form as first opened: the as-of date as the page set it)."""
        held = self.pages.get(lang)
        if held and not held[0].is_closed() and held[0].url.split("#")[0] == self.base_url + PAGE[lang]:
            page, opened = held
            # the tab the reader uses is the one in front: a tab behind another (the other
            # language's, opened later) runs no animation frames, and every click then waited
            # seconds for Playwright's "stable" check (wall time, not CPU)
            page.bring_to_front()
            page.emulate_media(media="screen", reduced_motion="reduce")
            while page.locator(f"#{WID} .calc-row").count():
                page.locator(f"#{WID} .calc-remove-row").first.click()
            page.evaluate(RESET_FORM, [WID, opened])
            # idle: the reset's computation drawn (no attribute yet when calc-loan never computed)
            page.wait_for_selector(f"#{WID}:not([data-pending='1'])", timeout=READY_MS)
            return page, opened
        if held:
            held[0].close()
        page = self.phones.context(lang).new_page()
        page.add_init_script(SHARE_SHEET)
        page.emulate_media(reduced_motion="reduce")
        open_calculator(page, self.base_url, lang, WID)
        self.pages[lang] = (page, page.evaluate(ALL_FIELDS, WID))
        return self.pages[lang]

    def close(self) -> None:
        for page, _ in self.pages.values():
            page.close()


@pytest.fixture(scope="module")
def loaded(warm_phones: Any, base_url: str) -> Iterator[LoadedCalculator]:
    shared = LoadedCalculator(warm_phones, base_url)
    yield shared
    shared.close()


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


@pytest.mark.xdist_group("warm_phones")  # one warm phone context for the run (tests/conftest.py)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_realistic_loans_on_a_phone(loaded: LoadedCalculator, lang: str) -> None:
    page, opened = loaded.take(lang)
    # the as-of date starts at today, in the reader's own calendar
    assert opened["as_of"] == datetime.date.today().isoformat()
    for case in CASES[lang]:
        set_fields(page, WID, case["set"])
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


#: Loan-record figures that reach the form's less common fields: an annual rate instead of a daily
#: one (the daily rate's box emptied: the package takes one of the two),
#: instalments repaid on time given as a count, and a repayment above the instalment (a partial
#: early repayment), with each prepayment rule.
PAID_COUNT_CASE = {"principal": "12000", "months": "12", "daily_rate": "", "annual_rate": "18%",
                   "start": "2026-01-10", "paid_count": "2", "as_of": "2026-07-01"}


@pytest.mark.xdist_group("warm_phones")  # one warm phone context for the run (tests/conftest.py)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_annual_rate_paid_count_and_prepayment_on_a_phone(loaded: LoadedCalculator, lang: str) -> None:
    """Every figure shown equals the CPython package's for the same form values (check_result), for
    both prepayment rules; the two rules give different figures, so the field reached Python."""
    page, _ = loaded.take(lang)
    set_fields(page, WID, PAID_COUNT_CASE)
    add_rows(page, [("2026-03-25", "3,000")])
    shown = {}
    for rule in ("shorter-term", "lower-instalment"):
        set_field(page, WID, "prepayment", rule)
        submit(page, WID)
        form = page.evaluate(READ_FORM, WID)
        assert {k: form.get(k) for k in ("annual_rate", "paid_count", "prepayment")} == \
            {"annual_rate": "18%", "paid_count": "2", "prepayment": rule}
        assert "daily_rate" not in form  # the annual rate is the one given
        expected = check_result(page, WID, lang)
        check_answer(page, lang)
        shown[rule] = expected["total_due"]
    assert shown["shorter-term"] != shown["lower-instalment"], shown
    no_sideways_page_scroll(page)


# --- Issue 25: the answer on screen, the table on a phone, privacy and continuity (375 × 812) ---

SHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots"
PHONE_W, PHONE_H = 375, 812
#: A realistic borrower: one instalment repaid, then nothing (the table has several rows).
BORROWER = {"principal": "10000", "months": "12", "daily_rate": "0.05%", "start": "2026-01-15", "as_of": "2026-06-01"}

#: Where a box sits in the viewport, once any smooth scroll has settled.
BOX_AFTER_SCROLL = """async (selector) => {
  let last = null;
  for (let i = 0; i < 100; i++) {  // settle: the same position twice, 50 ms apart (at most 5 s)
    await new Promise((r) => setTimeout(r, 50));
    if (last !== null && last === window.scrollY) break;
    last = window.scrollY;
  }
  const r = document.querySelector(selector).getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, header: header.bottom,
          vw: window.innerWidth, vh: window.innerHeight};
}"""

#: A share sheet that records what it was given (Debian's Chromium has none on Linux).
SHARE_SHEET = "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"


def assert_on_screen(page: Any, selector: str) -> None:
    box = page.evaluate(BOX_AFTER_SCROLL, selector)
    assert box["top"] >= box["header"] - 1 and box["bottom"] <= box["vh"], box
    assert box["left"] >= 0 and box["right"] <= box["vw"], box


def no_sideways_page_scroll(page: Any) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE_W, f"the page scrolls sideways on a phone ({width}px)"


def total_column_reachable(page: Any) -> None:
    """The total column is on screen without scrolling the table; a table wider than its box says so."""
    th = page.locator(f"#{WID} .calc-output table[data-calc-table=main] thead th[data-key=total_due]")
    box = th.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_W, box
    for wrap in page.locator(f"#{WID} .calc-output .calc-table-wrap").all():
        wide = wrap.evaluate("w => w.scrollWidth > w.clientWidth + 1")
        cue = wrap.evaluate("w => w.previousElementSibling.classList.contains('calc-scroll-cue') && !w.previousElementSibling.hidden")
        assert cue == wide and wrap.evaluate("w => getComputedStyle(w).overflowX") == "auto"


@pytest.mark.xdist_group("warm_phones")  # one warm phone context for the run (tests/conftest.py)
@pytest.mark.parametrize(("lang", "motion"), [("zh", "no-preference"), ("en", "reduce"), ("zh", "reduce"),
                                              ("en", "no-preference")])
def test_answer_on_screen_after_compute_and_nothing_in_history(loaded: LoadedCalculator, lang: str,
                                                               motion: str) -> None:
    page, _ = loaded.take(lang)  # its context has SHARE_SHEET; take() cleared any earlier share
    page.emulate_media(reduced_motion=motion)
    start_length = page.evaluate("history.length")
    set_fields(page, WID, BORROWER)
    add_rows(page, [("2026-02-15", "916.80")])
    submit(page, WID)
    check_result(page, WID, lang)
    assert_on_screen(page, f"#{WID} .calc-output .calc-answer")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"answer-{lang}-{motion}.png"), scale="css")
    no_sideways_page_scroll(page)
    total_column_reachable(page)
    table = page.locator(f"#{WID} .calc-output table[data-calc-table=main]")
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"table-{lang}-{motion}.png"), scale="css")
    # computing wrote nothing: no figures in the address bar, no history entry
    assert page.evaluate("location.hash") == "" and page.evaluate("history.length") == start_length
    # the reader asks to share: the share sheet gets the link, and only now is it in the address bar
    page.click(f"#{WID} .calc-share")
    shared = page.evaluate("window.__shared")
    assert shared["url"].split("#")[1].startswith(f"calc={WID}&") and "principal=10000" in shared["url"]
    assert page.evaluate("location.href") == shared["url"]
    assert page.evaluate("history.length") == start_length  # replaced, not pushed


@pytest.mark.xdist_group("warm_phones")  # one warm phone context for the run (tests/conftest.py)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_phone_keyboard_and_labels(loaded: LoadedCalculator, lang: str) -> None:
    """The overdue widget by keyboard on a phone: one label per field, a polite live region, Enter
    computes what was typed (figures equal CPython's), the live region announces the total, copy.

    On the shared calculator page (``loaded``; moved here from test_widget_browser.py, where it
    opened a page and restored the engine of its own): the calculator page holds every widget, and
    only calc-loan has been used on it, so the overdue widget is as a fresh page has it (idle, its
    worked example shown: asserted). It runs before test_print_language_switch_and_chart, which
    checks printing on the page its language switch opens (where only calc-loan has computed), so
    both pages are kept and no page opens for it."""
    page, _ = loaded.take(lang)
    assert page.get_attribute("#calc-overdue", "data-engine") == "idle"  # not started by calc-loan's use
    assert page.get_attribute("#calc-overdue .calc-output", "data-state") == "example"
    assert page.get_attribute("#calc-court", "data-engine") == "idle"  # far below: not started by it
    start_engine(page, "calc-overdue")
    page.wait_for_selector("#calc-overdue[data-engine=ready]", timeout=READY_MS)
    # every named field has exactly one <label for> (one call for the form, not two per field)
    labels = page.locator("#calc-overdue form [name]").evaluate_all(
        "els => els.map((el) => [el.id, document.querySelectorAll(`label[for=\"${CSS.escape(el.id)}\"]`).length])")
    assert labels and all(count == 1 for _, count in labels), labels
    assert page.locator("#calc-overdue .calc-status").get_attribute("aria-live") == "polite"
    page.focus("#calc-overdue-principal")
    page.keyboard.press("Control+A")
    page.keyboard.type("12345.67")
    seq = int(page.get_attribute("#calc-overdue .calc-output", "data-seq") or 0)
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#calc-overdue[data-pending='0'] .calc-output:not([data-seq='{seq}'])",
                           timeout=READY_MS)
    page.wait_for_selector("#calc-overdue[data-pending='0']")
    expected = check_result(page, "calc-overdue", lang)
    # The live region announces the headline figure (not the whole table).
    total = next(r for r in expected["summary"] if r["key"] == "total_due")
    assert figure(total["value"]) in figure(page.inner_text("#calc-overdue .calc-status"))
    page.click("#calc-overdue .calc-copy")
    copied = page.get_attribute("#calc-overdue", "data-msg-copied")
    page.wait_for_selector(f"#calc-overdue .calc-status span:text-is('{copied}')")
    assert expected["total_due"] in page.get_attribute("#calc-overdue .calc-output", "data-copy").replace(",", "")
    no_sideways_page_scroll(page)


#: Each calculator widget's id and the state of its output (example, result, error).
OUTPUT_STATES = """() => Object.fromEntries([...document.querySelectorAll('.calc-widget[data-calc-widget]')]
  .map((w) => [w.id, w.querySelector('.calc-output').dataset.state]))"""


@pytest.mark.xdist_group("warm_phones")  # one warm phone context for the run (tests/conftest.py)
def test_print_language_switch_and_chart(loaded: LoadedCalculator) -> None:
    """The chart's ticks, then the language switch after a result carries the inputs and the
    English page computes them, and printing there shows only the reader's result. Printing is
    checked on every widget of the page the switch opened, where only what the reader typed into
    on the zh page has computed (from the carried inputs): calc-loan, and calc-overdue once
    test_phone_keyboard_and_labels[zh] has used it there; the others show untouched worked
    examples (calc-court and calc-schedule at least: asserted)."""
    page, _ = loaded.take("zh")  # the switch below takes it to the English page: after the other users
    # of the zh page above, so this is its last
    set_fields(page, WID, CASES["zh"][0]["set"])
    add_rows(page, [("2026-02-20", "950")])
    submit(page, WID)
    check_result(page, WID, "zh")
    # the chart's tick labels are drawn at >= 11 px on a 375 px phone
    sizes = page.evaluate("""(wid) => [...document.querySelectorAll('#' + wid + ' .calc-output .calc-tick')].map((t) => {
        const svg = t.ownerSVGElement;
        return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    })""", WID)
    assert sizes and min(sizes) >= 11, sizes
    # the language switch carries the inputs over (sessionStorage: keepInputsAcrossLanguages)
    inputs = page.evaluate(READ_FORM, WID)
    page.evaluate("() => document.querySelector('a.md-select__link[hreflang=en]').click()")
    page.wait_for_url("**/en/calculator/**")
    page.wait_for_selector(f"#{WID}[data-pending='0'] .calc-output[data-state=result]", timeout=READY_MS)
    assert page.evaluate(READ_FORM, WID) == inputs
    assert page.locator(f"#{WID} .calc-row").count() == 1
    check_result(page, WID, "en")
    check_answer(page, "en")
    # printing: the reader's results print, untouched worked examples of other widgets do not.
    # Every widget of the page is checked: calc-loan's result; calc-overdue's too when the zh
    # page's keyboard test used it (the switch carries every widget the reader typed into);
    # calc-court and calc-schedule are untouched here, as on a fresh page.
    states = page.evaluate(OUTPUT_STATES)
    assert states[WID] == "result" and states["calc-court"] == states["calc-schedule"] == "example", states
    assert set(states.values()) <= {"result", "example"}, states
    page.emulate_media(media="print")
    for wid, state in states.items():
        if state == "result":
            assert page.locator(f"#{wid} .calc-output .calc-summary").is_visible(), wid
        else:
            assert not page.locator(f"#{wid}").is_visible(), wid
    page.emulate_media(media="screen")


@pytest.mark.xdist_group("warm_phones")  # one warm phone context for the run (tests/conftest.py)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shared_link_opens_at_the_result(warm_phone_page: Any, base_url: str, lang: str) -> None:
    """A shared link opened in a new tab computes its own figures. Not a first-use test (the
    engine may start from the warm context's snapshot, as on a reader's phone that has used the
    calculator before): a new tab carries no inputs of another (sessionStorage and history are the
    tab's own), and the form must hold exactly the link's values."""
    page = warm_phone_page(lang)
    shared = {**BORROWER, "payments": "2026-02-15,916.80"}
    page.goto(f"{base_url}{PAGE[lang]}#{urlencode({'calc': WID, **shared})}")
    page.wait_for_selector(f"#{WID}[data-pending='0'] .calc-output[data-state=result]", timeout=READY_MS)
    form = page.evaluate(READ_FORM, WID)
    assert {k: form.get(k) for k in shared} == shared, form
    check_result(page, WID, lang)
    assert_on_screen(page, f"#{WID} .calc-output .calc-answer")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"shared-{lang}.png"), scale="css")
    no_sideways_page_scroll(page)
    # the first edit takes the shared figures out of the address bar (they no longer match)
    set_field(page, WID, "principal", "12000")
    assert page.evaluate("location.hash") == ""


#: An engine that never answers (a slow phone's first start, made certain) on every page of the
#: tab until the test sets ``sessionStorage['test-real-engine']``: the widget's own Worker is
#: replaced, reading the ``type`` option as a real one does.
ENGINE_NEVER_READY = """() => {
  if (sessionStorage.getItem('test-real-engine')) return;
  window.Worker = class { constructor(url, options) { void (options && options.type); } postMessage() {}
                          terminate() {} };
}"""


def before_any_result(page: Any) -> None:
    """The worked example has given way to the reader's own figures, and no result is shown yet."""
    assert page.locator(f"#{WID} .calc-output .calc-pending").is_visible()
    assert not page.locator(f"#{WID} .calc-output .calc-summary").is_visible()
    assert page.get_attribute(f"#{WID} .calc-output", "data-state") == "example"  # no result yet


def switch_language(page: Any, to: str) -> None:
    """Tap the header's language link to the ``to`` edition, and wait until its widgets are set up."""
    page.evaluate(f"() => document.querySelector('a.md-select__link[hreflang^={to}]').click()")
    page.wait_for_url(f"**{PAGE[to]}")
    page.wait_for_selector(f"#{WID}[data-calc-init]")


@pytest.mark.xdist_group("warm_phones")  # one warm phone context for the run (tests/conftest.py)
def test_inputs_survive_language_switch_before_first_result(warm_phone_page: Any, base_url: str) -> None:
    """The reader types, then switches language before any result, both ways in one tab: zh typed
    -> en, where the reader edits (still no result) -> zh, which computes. "Before any result" is
    made certain by an engine that never answers until the last page (a fresh context only made it
    likely, at the cost of a start from scratch on each page); the last page starts the real engine
    (from the warm context's snapshot) and computes the carried inputs. One engine start for both
    directions: the English page computing carried inputs is test_print_language_switch_and_chart's
    (the same code in widget.js: takeCarried, writeInputs, compute)."""
    page = warm_phone_page("zh")
    page.add_init_script(f"({ENGINE_NEVER_READY})()")
    page.goto(base_url + PAGE["zh"])
    page.locator(f"#{WID} .calc-output").scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "example-zh.png"), scale="css")
    set_fields(page, WID, BORROWER)
    add_rows(page, [("2026-02-15", "916.80")])
    inputs = page.evaluate(READ_FORM, WID)
    before_any_result(page)
    page.locator(f"#{WID} .calc-output").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "typed-zh.png"), scale="css")
    switch_language(page, "en")
    assert page.evaluate(READ_FORM, WID) == inputs
    assert "#" not in page.evaluate("location.href")  # carried without the URL, so not in history
    before_any_result(page)  # still none: the carried inputs are the reader's own figures here too
    set_field(page, WID, "principal", "12000")  # the reader edits on the English page
    inputs = page.evaluate(READ_FORM, WID)
    assert inputs["principal"] == "12000" and inputs["payments"] == "2026-02-15,916.80", inputs
    before_any_result(page)
    page.locator(f"#{WID} .calc-output").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "typed-en.png"), scale="css")
    page.evaluate("sessionStorage.setItem('test-real-engine', '1')")  # the next page has a real engine
    switch_language(page, "zh")
    assert page.evaluate(READ_FORM, WID) == inputs
    assert "#" not in page.evaluate("location.href")
    page.wait_for_selector(f"#{WID}[data-pending='0'] .calc-output[data-state=result]", timeout=READY_MS)
    check_result(page, WID, "zh")

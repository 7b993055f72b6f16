"""The calculator widget in Debian's Chromium, on the built site served from 127.0.0.1.

For each language, the cases of cases.json are typed into the calculator page; the figures the
page shows must equal those of ``calculators.web.compute`` run here in CPython on the same form
values, invalid input must show the package's bilingual message, and a shared URL must restore
the inputs and the result. Also: the strict CSP holds (no violation), nothing is requested off
the origin, pages without a widget never ask for Pyodide, and the no-JavaScript example is real.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from calculators.web import compute
from tests.site_crawl import CSP_WATCH
from sitebuild.markdown.calculator_fence import FENCE_OPTIONS, parse_options

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CASES: dict[str, list[dict[str, Any]]] = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))
PAGE = {"zh": "/calculator/", "en": "/en/calculator/"}
UNIT_WORDS = ("元", "天", "yuan", "days", "%", ",")
READY_MS = 90_000  # a cold Pyodide start on a busy 2-core machine; the benchmark measures real times

READ_FORM = """(wid) => {
  const out = {};
  for (const el of document.querySelector('#' + wid + ' form').elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') out[el.name] = el.checked ? 'true' : 'false';
    else if (el.value.trim() !== '') out[el.name] = el.value;
  }
  return out;
}"""


def figure(text: str) -> str:
    """A shown figure without grouping and unit: '20,603.38 元' -> '20603.38'."""
    for word in UNIT_WORDS:
        text = text.replace(word, "")
    return text.strip()


class CspWatch:
    """Console messages about Content-Security-Policy violations."""

    def __init__(self, page: Any) -> None:
        self.violations: list[str] = []
        page.on("console", lambda m: self.violations.append(m.text) if "Content Security Policy" in m.text else None)


def set_field(page: Any, wid: str, name: str, value: str) -> None:
    field = page.locator(f"#{wid}-{name}")
    if not field.is_visible():  # under "More options"
        page.locator(f"#{wid} details.calc-more > summary").click()
    kind = field.evaluate("el => el.tagName + ':' + el.type")
    if kind == "INPUT:checkbox":
        field.set_checked(value == "true")
    elif kind.startswith("SELECT"):
        field.select_option(value)
    else:
        field.fill(value)


#: Playwright's visibility (``is_visible``): a non-empty bounding box and ``visibility: visible``.
VISIBLE = "(el) => getComputedStyle(el).visibility === 'visible' && el.getBoundingClientRect().width > 0 " \
          "&& el.getBoundingClientRect().height > 0"
#: The named fields of a widget that a reader cannot see (under a closed "More options").
HIDDEN = "([wid, names]) => names.filter((name) => !(" + VISIBLE + ")(document.getElementById(wid + '-' + name)))"
#: Sets a case's fields in one task, each as typing ends: the value, then ``input`` and ``change``
#: (what the widget's form listens to), so the edits are one debounced computation, not one per
#: field. A field must be visible, enabled and editable (as Playwright's fill requires) and a select
#: must offer the value; returns the fields that were not visible or did not take their value.
SET_FIELDS = """([wid, values]) => Object.entries(values).filter(([name, value]) => {
  const el = document.getElementById(wid + '-' + name);
  if (!(""" + VISIBLE + """)(el) || el.disabled || el.readOnly) return true;
  if (el.type === 'checkbox') el.checked = value === 'true'; else el.value = value;
  el.dispatchEvent(new Event('input', {bubbles: true}));
  el.dispatchEvent(new Event('change', {bubbles: true}));
  return el.type === 'checkbox' ? el.checked !== (value === 'true') : el.value !== value;
}).map(([name]) => name)"""


def set_fields(page: Any, wid: str, values: dict[str, str]) -> None:
    """``set_field`` for a case's fields at once: "More options" is opened by a tap first when one
    of them is under it, and every field must be visible (reachable by a reader) when set. The
    visibility is read in the page (``HIDDEN``, ``VISIBLE``: what ``is_visible`` checks), one call
    for all fields instead of one per field."""
    if page.evaluate(HIDDEN, [wid, list(values)]):
        page.locator(f"#{wid} details.calc-more > summary").click()
    assert page.evaluate(SET_FIELDS, [wid, values]) == [], "a field not visible or a value it does not take"


def submit(page: Any, wid: str) -> None:
    """Press Calculate and wait until this widget has rendered the result of what the form holds."""
    # Edits before the click may have drawn results of their own (any number: one computation in
    # flight, edits coalesced); the click marks the widget busy at once, and it is idle again only
    # after drawing the result of what the form holds.
    seq = page.get_attribute(f"#{wid} .calc-output", "data-seq") or "0"
    page.click(f"#{wid} button[type=submit]")
    page.wait_for_selector(f"#{wid}[data-pending='0'] .calc-output:not([data-seq='{seq}'])", timeout=READY_MS)


#: Each element matching a selector as [its ``data-key``, the innerText of each <td> inside it], in one
#: round trip (one Playwright call per row and cell cost ~8 ms of CPU each, over 30 per table).
ROWS_CELLS = """(sel) => [...document.querySelectorAll(sel)].map((row) =>
  [row.getAttribute('data-key'), [...row.querySelectorAll('td')].map((td) => td.innerText)])"""


def shown_summary(page: Any, wid: str) -> dict[str, str]:
    """The summary's rows as {key: figure}; each row holds exactly one value cell."""
    rows = page.evaluate(ROWS_CELLS, f"#{wid} .calc-output .calc-summary tr")
    assert all(len(cells) == 1 for _, cells in rows), rows
    return {key: figure(cells[0]) for key, cells in rows}


#: What check_result reads, in one round trip: the widget's mode, its form (as READ_FORM reads it),
#: the output's state, the summary's and the main table's rows (as ROWS_CELLS reads them), the main
#: table's column keys and the innerText of every cell of the output's tables. Each is what the
#: separate get_attribute / evaluate / all_inner_texts calls read before (seven calls, now one).
SHOWN = """(wid) => {
  const widget = document.getElementById(wid);
  const rows = """ + ROWS_CELLS + """;
  const main = '#' + wid + ' .calc-output table[data-calc-table=main]';
  return {
    mode: widget.getAttribute('data-mode'),
    form: (""" + READ_FORM + """)(wid),
    state: widget.querySelector('.calc-output').getAttribute('data-state'),
    summary: rows('#' + wid + ' .calc-output .calc-summary tr'),
    keys: [...document.querySelectorAll(main + ' thead th')].map((e) => e.dataset.key),
    rows: rows(main + ' tbody tr'),
    cells: [...document.querySelectorAll('#' + wid + ' .calc-output table.calc-table td')].map((td) => td.innerText),
  };
}"""


def check_result(page: Any, wid: str, lang: str) -> dict[str, Any]:
    """The page's figures equal those of the package in CPython for the form's current values."""
    shown = page.evaluate(SHOWN, wid)
    expected = compute(shown["mode"], shown["form"])
    assert expected["ok"], expected
    assert shown["state"] == "result"
    assert all(len(cells) == 1 for _, cells in shown["summary"]), shown["summary"]
    want = {r["key"]: figure(r["value"]) for r in expected["summary"]}
    assert {key: figure(cells[0]) for key, cells in shown["summary"]} == want
    if expected.get("table"):  # every figure of the table (text columns such as scenario names aside)
        columns = expected["table"]["columns"]
        figures = [i for i, c in enumerate(columns) if c["unit"] != "text"]
        table = [dict(zip(shown["keys"], (figure(c) for c in cells))) for _, cells in shown["rows"]]
        assert [[row[columns[i]["key"]] for i in figures] for row in table] == \
            [[figure(row[i]) for i in figures] for row in expected["table"]["rows"]]
        # each page shows only its own language in the tables (the live Pyodide renderer)
        foreign = re.compile(r"[A-Za-z]" if lang == "zh" else r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
        assert not [c for c in shown["cells"] if foreign.search(c)]
    return expected


def start_engine(page: Any, wid: str) -> None:
    """Scroll to the widget and focus its first field: the engine starts on intent, not on sight."""
    page.locator(f"#{wid}").scroll_into_view_if_needed()
    page.focus(f"#{wid} form [name]")


def open_calculator(page: Any, base_url: str, lang: str, wid: str) -> None:
    page.goto(base_url + PAGE[lang])
    start_engine(page, wid)
    page.wait_for_selector(f"#{wid}[data-engine=ready]", timeout=READY_MS)


@pytest.fixture(scope="module")
def nginx_desktop(browser: Any, nginx_url: str) -> Iterator[Any]:
    """One desktop context on nginx for the cases of both editions: the first test starts Pyodide
    from scratch, the other restores the memory snapshot it kept (both editions share it), as a
    bilingual reader's second page does. Every response it sees, service worker and calculator
    worker included, is kept in ``.responses`` as (url, content-encoding). ``.kept`` holds a tab a
    test leaves for a later one (the zh shared link's tab, for the accessibility check).
    The reader prefers reduced motion: Calculate brings the answer on screen at once, not by a
    smooth scroll (its frames cost CPU on every Calculate, counted with bench.cpu_time). No
    test here asserts on scrolling; the smooth path is asserted by test_loan_widget.py's
    test_answer_on_screen_after_compute_and_nothing_in_history[*-no-preference]."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    context.add_init_script(CSP_WATCH)
    context.add_init_script("delete Navigator.prototype.share")  # the copy-the-link path (no share sheet)
    responses: list[tuple[str, str]] = []
    context.on("response", lambda r: responses.append((r.url, r.headers.get("content-encoding", ""))))
    context.responses = responses
    context.kept = {}
    yield context
    for tab in context.kept.values():
        tab.close()
    context.close()


def off_origin(urls: list[str], base_url: str) -> list[str]:
    origin = urlsplit(base_url).netloc
    return [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin]


@pytest.mark.xdist_group("nginx_desktop")  # both editions in one context: one worker, one start from scratch
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cases_match_cpython_and_share(nginx_desktop: Any, nginx_url: str, lang: str) -> None:
    """Through nginx (deploy/nginx.conf), as readers get it: the site-wide CSP header is sent and
    nothing is blocked (the module worker runs under the header's policy, which only nginx and
    serve.py send), and Pyodide's wasm arrives brotli-compressed. Not a first-use test (that is
    test_offline_browser.py's): the engine may start from the memory snapshot."""
    base_url = nginx_url
    page = nginx_desktop.new_page()
    csp = CspWatch(page)
    requested: list[str] = []
    documents: list[dict[str, str]] = []
    page.on("request", lambda r: requested.append(r.url))
    page.on("response", lambda r: documents.append(r.headers) if r.request.resource_type == "document" else None)
    cases = CASES[lang]
    assert len(cases) >= 5 and sum(bool(c.get("invalid")) for c in cases) >= 2
    open_calculator(page, base_url, lang, cases[0]["widget"])
    assert documents and "content-security-policy" in documents[0], "no CSP header from nginx"
    assert page.url.startswith(base_url + PAGE[lang])
    assert page.locator("meta[http-equiv=Content-Security-Policy]").count() == 1
    shared: tuple[str, str, dict[str, str], dict[str, str]] | None = None
    for case in cases:
        wid = case["widget"]
        page.locator(f"#{wid}").scroll_into_view_if_needed()
        set_fields(page, wid, case["set"])
        submit(page, wid)
        if case.get("invalid"):
            expected = compute(page.get_attribute(f"#{wid}", "data-mode"), page.evaluate(READ_FORM, wid))
            assert not expected["ok"]
            error = page.locator(f"#{wid} .calc-output .calc-error")
            text = error.inner_text()
            assert expected["error"]["zh"] in text and expected["error"]["en"] in text
            if expected["error"]["field"]:
                assert page.get_attribute(f"#{wid}-{expected['error']['field']}", "aria-invalid") == "true"
            continue
        check_result(page, wid, lang)
        if shared is None:
            assert "#" not in page.url  # computing writes no figures into the address bar
            page.click(f"#{wid} .calc-share")  # the reader asks for a link: now it is made
            url = page.evaluate("location.href")
            assert f"#calc={wid}&" in url
            shared = (wid, url, page.evaluate(READ_FORM, wid), shown_summary(page, wid))
    assert shared is not None
    wid, url, inputs, summary = shared
    # A shared link, opened in a new tab, restores the inputs and computes the same result by
    # itself (in a fresh context, on a phone: test_loan_widget.py::test_shared_link_opens_at_the_result).
    other = nginx_desktop.new_page()
    try:
        other.csp = CspWatch(other)
        other.goto(url)
        other.wait_for_selector(f"#{wid}[data-pending='0'] .calc-output[data-state=result]", timeout=READY_MS)
        assert other.evaluate(READ_FORM, wid) == inputs
        assert shown_summary(other, wid) == summary
        assert not other.csp.violations and not other.evaluate("window.__cspViolations")
    except BaseException:
        other.close()
        raise
    if lang == "zh" and wid == "calc-overdue":  # a zh page with overdue's result: the a11y check's page
        nginx_desktop.kept["zh-overdue-result"] = other
    else:
        other.close()
    assert not csp.violations and not page.evaluate("window.__cspViolations")
    # whichever test of the context downloaded it
    assert ("br" in {enc for u, enc in nginx_desktop.responses if u.endswith("pyodide.asm.wasm")}), \
        "Pyodide's wasm not served as brotli"
    assert off_origin(requested, base_url) == []
    page.close()


@pytest.fixture(scope="module")
def no_javascript(browser: Any) -> Iterator[Any]:
    """One context with JavaScript off for both editions: nothing runs, so nothing is kept between
    its tabs but the HTTP cache (no script, no service worker, no storage written)."""
    context = browser.new_context(java_script_enabled=False)
    yield context
    context.close()


#: Each ``.calc-widget`` in page order as [its id, its output's ``data-state``, its summary's rows
#: as ROWS_CELLS reads them]: what ``get_attribute("id")``, ``shown_summary`` and the output's
#: ``get_attribute("data-state")`` read per widget (three calls each, one for the page).
#: A widget with no output, or several (what ``get_attribute``'s strict locator refused), shows its count.
EXAMPLES = """() => [...document.querySelectorAll('.calc-widget')].map((w) => [w.id,
  w.querySelectorAll('.calc-output').length === 1 ? w.querySelector('.calc-output').getAttribute('data-state')
    : `${w.querySelectorAll('.calc-output').length} outputs`,
  (""" + ROWS_CELLS + """)('#' + CSS.escape(w.id) + ' .calc-output .calc-summary tr')])"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_javascript_shows_build_time_example(no_javascript: Any, base_url: str, lang: str) -> None:
    """Without JS (search engines, the PDF), each widget shows what the package computes for its fence."""
    source = (ROOT / "docs" / lang / "calculator.md").read_text(encoding="utf-8")
    fences = [parse_options(body) for body in re.findall(r"```calculator\n(.*?)```", source, re.S)]
    page = no_javascript.new_page()
    try:
        page.goto(base_url + PAGE[lang])
        widgets = page.evaluate(EXAMPLES)  # every widget, in page order, in one call
    finally:
        page.close()
    assert len(widgets) == len(fences) >= 6
    for (wid, state, rows), options in zip(widgets, fences):
        mode = options.pop("mode")
        expected = compute(mode, {k: v for k, v in options.items() if k not in FENCE_OPTIONS})
        assert all(len(cells) == 1 for _, cells in rows), (wid, rows)  # one value cell per summary row
        assert {key: figure(cells[0]) for key, cells in rows} == {r["key"]: figure(r["value"]) for r in expected["summary"]}, wid
        assert state == "example", wid


@pytest.fixture()
def nginx_tab(nginx_desktop: Any) -> Iterator[Any]:
    """A new tab of ``nginx_desktop`` (its requests in ``.request_log``), closed after the test: for
    tests that do not test a first visit, so they need not install the service worker and precache
    an edition in a fresh context of their own. A tab keeps its init scripts and routes to itself."""
    tab = nginx_desktop.new_page()
    tab.request_log = []
    tab.on("request", lambda r: tab.request_log.append(r.url))
    yield tab
    tab.close()


@pytest.mark.xdist_group("nginx_desktop")  # a tab of the calculator's context
def test_pages_without_widget_never_load_pyodide(nginx_tab: Any, nginx_url: str) -> None:
    """Pages without a widget ask for none of the engine's files, also in a browser that has used
    the calculator (a tab of the cases' context: its service worker holds the runtime), which is
    where a page preloading them would show."""
    page = nginx_tab
    for path in ("/", "/overdue/costs/", "/en/"):
        page.goto(nginx_url + path)
        page.wait_for_load_state("load")
    assert page.request_log, "no request recorded"
    asked = [u for u in page.request_log
             if "/pyodide/" in u or ".whl" in u or u.endswith(("/widget.js", "/worker.js"))]
    assert asked == []  # (a page with a worked example links calculator.css, nothing else)


@pytest.mark.xdist_group("nginx_desktop")  # a tab of the calculator's context
def test_engine_that_cannot_load_shows_bilingual_message(nginx_tab: Any, nginx_url: str) -> None:
    """An old browser, or one where WebAssembly is switched off by policy. A tab of a context that
    has started the engine: the page still cannot (the check is in the page, before any worker)."""
    page = nginx_tab
    page.add_init_script("delete globalThis.WebAssembly")
    page.goto(nginx_url + PAGE["en"])
    start_engine(page, "calc-overdue")
    page.wait_for_selector("#calc-overdue[data-engine=failed]", timeout=READY_MS)
    status = page.inner_text("#calc-overdue .calc-status")
    assert "cannot load" in status and "无法" in status
    # The worked example stays in place.
    assert page.get_attribute("#calc-overdue .calc-output", "data-state") == "example"


#: Where the a11y test serves axe-core on the site's own origin (a context route, this test only):
#: a same-origin script the site's CSP allows, so axe runs under the real policy, not a bypass.
AXE_PATH = "/__test__/axe.min.js"


@pytest.fixture(scope="module")
def widgets_with_result_and_error(nginx_desktop: Any, nginx_url: str) -> Iterator[Any]:
    """The zh calculator page with a computed result (overdue) and an error shown (schedule), axe
    loaded: both colour schemes are checked on this one page. It is the tab the zh cases left
    (test_cases_match_cpython_and_share[zh]: the shared link of its overdue case, opened and
    computed; nothing else used on it), so no engine starts again; run alone, a tab of the same
    context is opened and overdue computed here, as before."""
    nginx_desktop.route(nginx_url + AXE_PATH, lambda route: route.fulfill(
        path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"), content_type="text/javascript"))
    page = nginx_desktop.kept.pop("zh-overdue-result", None)
    try:
        if page is None:
            page = nginx_desktop.new_page()
            page.csp = CspWatch(page)
            open_calculator(page, nginx_url, "zh", "calc-overdue")
            submit(page, "calc-overdue")
        start_engine(page, "calc-schedule")
        page.wait_for_selector("#calc-schedule[data-engine=ready]", timeout=READY_MS)
        set_field(page, "calc-schedule", "months", "0")
        submit(page, "calc-schedule")
        page.add_script_tag(url=nginx_url + AXE_PATH)
        yield page
    finally:
        if page is not None:
            page.close()
        nginx_desktop.unroute(nginx_url + AXE_PATH)


@pytest.mark.xdist_group("nginx_desktop")  # a tab of the cases' context (one start from scratch)
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_accessibility_of_widgets(widgets_with_result_and_error: Any, scheme: str) -> None:
    """axe-core on the calculator page with a computed result and an error shown (light and dark)."""
    page = widgets_with_result_and_error
    assert page.get_attribute("#calc-overdue .calc-output", "data-state") == "result"
    assert page.locator("#calc-schedule .calc-output .calc-error").count() == 1
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    result = page.evaluate("axe.run('.calc-widget', {resultTypes: ['violations']})")
    assert result["passes"] or result["violations"] or result["incomplete"], "axe checked nothing"
    bad = [f"{v['impact']}: {v['id']} ({[n['target'] for n in v['nodes'][:5]]}) {v['help']}"
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, "\n".join(bad)
    # axe ran whole under the site's CSP: nothing it needed was refused
    assert not page.csp.violations and not page.evaluate("window.__cspViolations")


def test_worker_without_wasm_permission_times_out_with_the_message(page: Any, base_url: str) -> None:
    """A host that sends the worker a CSP without 'wasm-unsafe-eval': loadPyodide would never settle.

    The worker tries to compile an empty module first and reports "unsupported" at once (before
    downloading the runtime); were that probe to pass, the page would still give up after STALL_MS.
    Either way the bilingual message shows instead of a spinner.
    """
    def strict_worker(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers,
                                                   "content-security-policy": "default-src 'self'; script-src 'self'"})

    # on the context, not the page: the service worker fetches worker.js, and page routes miss its requests
    page.context.route("**/assets/calculator/worker.js", strict_worker)
    page.goto(base_url + PAGE["zh"])
    start_engine(page, "calc-overdue")
    page.wait_for_selector("#calc-overdue[data-engine=failed]", timeout=90_000)
    status = page.inner_text("#calc-overdue .calc-status")
    assert "无法" in status and "cannot load" in status

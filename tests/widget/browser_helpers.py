"""Helpers the calculator's browser tests share (Playwright pages on the built site)."""

from __future__ import annotations

from typing import Any


def compute_total(page: Any, principal: str, timeout_ms: int, widget: str = "#calc-overdue") -> str:
    """Type a principal, press 计算/Compute, and return the shown total once the result is there."""
    seq = int(page.get_attribute(f"{widget} .calc-output", "data-seq") or 0)
    page.fill(f"{widget}-principal", principal)
    page.click(f"{widget} button[type=submit]")
    # The typing may draw a result of its own before the click's (edits are coalesced): wait until the
    # widget is idle again with a newer result, which is then the one for what the form holds. An
    # engine that failed to start never draws one (only its Retry button starts another): stop at once.
    result = f"{widget}[data-pending='0'] .calc-output[data-state='result']:not([data-seq='{seq}'])"
    try:
        page.wait_for_selector(f"{result}, {widget}[data-engine='failed'][data-pending='0']", timeout=timeout_ms)
    except Exception as err:  # a timeout: say what the widget showed, so a rare failure can be read
        raise AssertionError(f"no new result within {timeout_ms} ms; the widget showed: {widget_state(page, widget)}") from err
    _not_failed(page, widget)
    return page.inner_text(f"{widget} .calc-summary tr[data-key='total_due'] td")


def engine_ready(page: Any, timeout_ms: int, widget: str = "#calc-overdue") -> None:
    """Wait until the widget's engine is ready; one that failed to start ends the wait at once."""
    page.wait_for_selector(f"{widget}[data-engine='ready'], {widget}[data-engine='failed']", timeout=timeout_ms)
    _not_failed(page, widget)


def _not_failed(page: Any, widget: str) -> None:
    if page.get_attribute(widget, "data-engine") == "failed":
        raise AssertionError(f"the engine failed to start ({page.get_attribute(widget, 'data-failure')}); "
                             f"the widget showed: {widget_state(page, widget)}")


def widget_state(page: Any, widget: str = "#calc-overdue") -> dict[str, Any]:
    """The widget's attributes, its status line and the text of its output, for a failure message."""
    return page.evaluate("""(sel) => {
      const w = document.querySelector(sel);
      if (!w) return {missing: sel};
      const out = w.querySelector('.calc-output');
      const attrs = (el) => Object.fromEntries([...(el?.attributes || [])].map((a) => [a.name, a.value]));
      return {widget: attrs(w), output: attrs(out), text: (out?.innerText || '').slice(0, 300),
              status: w.querySelector('.calc-status')?.textContent || '',
              controller: Boolean(navigator.serviceWorker?.controller)};
    }""", widget)

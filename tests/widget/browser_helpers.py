"""Helpers the calculator's browser tests share (Playwright pages on the built site)."""

from __future__ import annotations

from typing import Any


def compute_total(page: Any, principal: str, timeout_ms: int, widget: str = "#calc-overdue") -> str:
    """Type a principal, press 计算/Compute, and return the shown total once the result is there."""
    seq = int(page.get_attribute(f"{widget} .calc-output", "data-seq") or 0)
    page.fill(f"{widget}-principal", principal)
    page.click(f"{widget} button[type=submit]")
    # The typing may draw a result of its own before the click's (edits are coalesced): wait until the
    # widget is idle again with a newer result, which is then the one for what the form holds.
    try:
        page.wait_for_selector(f"{widget}[data-pending='0'] .calc-output[data-state='result']:not([data-seq='{seq}'])",
                               timeout=timeout_ms)
    except Exception as err:  # a timeout: say what the widget showed, so a rare failure can be read
        raise AssertionError(f"no new result within {timeout_ms} ms; the widget showed: {widget_state(page, widget)}") from err
    return page.inner_text(f"{widget} .calc-summary tr[data-key='total_due'] td")


def widget_state(page: Any, widget: str = "#calc-overdue") -> dict[str, Any]:
    """The widget's attributes and the text of its output, for a failure message."""
    return page.evaluate("""(sel) => {
      const w = document.querySelector(sel);
      if (!w) return {missing: sel};
      const out = w.querySelector('.calc-output');
      const attrs = (el) => Object.fromEntries([...(el?.attributes || [])].map((a) => [a.name, a.value]));
      return {widget: attrs(w), output: attrs(out), text: (out?.innerText || '').slice(0, 300),
              controller: Boolean(navigator.serviceWorker?.controller)};
    }""", widget)

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
    page.wait_for_selector(f"{widget}[data-pending='0'] .calc-output[data-state='result']:not([data-seq='{seq}'])",
                           timeout=timeout_ms)
    return page.inner_text(f"{widget} .calc-summary tr[data-key='total_due'] td")

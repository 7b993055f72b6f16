"""Presenter of the ``court`` mode (acceptance and enforcement fees, delay interest)."""

from __future__ import annotations

from typing import Any

from .. import court as court_mod
from .. import parsing
from ..labels import label
from ..money import ZERO, money_str, total
from .common import Inputs, Result, base, column, note_item, opt, pct, summary_row


def _band_table(bands: tuple[court_mod.Band, ...]) -> dict[str, Any]:
    def band_range(b: court_mod.Band) -> str:
        return f"{money_str(b.low)}–{money_str(b.high)}" if b.high is not None else f"> {money_str(b.low)}"

    def rate_cell(b: court_mod.Band) -> str | dict[str, str]:
        """A percent is the same in both languages; the flat first band reads "每件 50.00 元"."""
        if b.rate is not None:
            return f"{pct(b.rate)}%"
        flat_zh, flat_en = label("flat")
        return {"zh": flat_zh.format(fee=money_str(b.fee)), "en": flat_en.format(fee=money_str(b.fee))}

    return {
        "columns": [
            column("band", "yuan_range"),
            column("rate", "text"),
            column("part", "yuan"),
            column("fee", "yuan"),
        ],
        "rows": [
            [
                band_range(b),
                rate_cell(b),
                money_str(b.part),
                money_str(b.fee),
            ]
            for b in bands
        ],
        "footer": ["", "", money_str(sum((b.part for b in bands), ZERO)), money_str(total(b.fee for b in bands))],
    }


def _bands_json(bands: tuple[court_mod.Band, ...]) -> list[dict[str, Any]]:
    return [
        {
            "low": money_str(b.low),
            "high": money_str(b.high) if b.high is not None else None,
            "rate": pct(b.rate) if b.rate is not None else None,
            "part": money_str(b.part),
            "fee": money_str(b.fee),
        }
        for b in bands
    ]


def court(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    claim = parsing.amount("claim", parsing.require(inputs, "claim"))
    procedure = parsing.choice("procedure", opt(inputs, "procedure", "ordinary"), court_mod.PROCEDURES)
    unpaid = parsing.amount("unpaid", opt(inputs, "unpaid", money_str(claim)), allow_zero=True)
    delay = parsing.integer("delay_days", opt(inputs, "delay_days", "0"), low=0, high=parsing.MAX_DAYS)
    raw_base = parsing.get(inputs, "delay_base")
    delay_base = parsing.amount("delay_base", raw_base, allow_zero=True) if raw_base is not None else unpaid
    if delay_base > unpaid:
        raise parsing.fail("delay_base", "不能大于判决未履行金额", "must not exceed the judgment amount unpaid")
    raw_preserved = parsing.get(inputs, "preserved")
    preserved = parsing.amount("preserved", raw_preserved, allow_zero=True) if raw_preserved is not None else ZERO
    used.update(claim=money_str(claim), procedure=procedure, unpaid=money_str(unpaid), delay_days=str(delay),
                delay_base=money_str(delay_base), preserved=money_str(preserved))
    costs = court_mod.court_costs(claim, procedure, unpaid, delay, delay_base)
    # 撤诉: no judgment, so nothing to enforce and no delay; the halved fee is the plaintiff's (第三十四条)
    withdrawn = procedure in court_mod.PLAINTIFF_BEARS
    enforcement_fee = costs.enforcement_fee if unpaid > 0 and not withdrawn else ZERO
    delay_interest = ZERO if withdrawn else costs.delay_interest
    preservation = court_mod.preservation_fee(preserved) if preserved > 0 and not withdrawn else ZERO
    result = base("court", used)
    result.update(
        claim=money_str(claim),
        procedure=procedure,
        halved=costs.halved,
        acceptance_fee=money_str(costs.acceptance_fee),
        acceptance_fee_payable=money_str(costs.acceptance_fee_payable),
        acceptance_fee_borrower=money_str(costs.borne_by_borrower),
        unpaid=money_str(unpaid),
        enforcement_fee=money_str(enforcement_fee),
        delay_days=delay,
        delay_base=money_str(delay_base),
        delay_interest=money_str(delay_interest),
        preservation_fee=money_str(preservation),
        payment_order_fee=money_str(court_mod.payment_order_fee(claim)),
        total_costs=money_str(total((costs.borne_by_borrower, enforcement_fee, delay_interest, preservation))),
        acceptance_bands=_bands_json(costs.acceptance_bands),
        enforcement_bands=_bands_json(costs.enforcement_bands) if unpaid > 0 and not withdrawn else [],
    )
    result["summary"] = [
        summary_row("acceptance_fee", result["acceptance_fee"], "yuan"),
        summary_row("acceptance_fee_payable", result["acceptance_fee_payable"], "yuan"),
        summary_row("acceptance_fee_borrower", result["acceptance_fee_borrower"], "yuan"),
        summary_row("enforcement_fee", result["enforcement_fee"], "yuan"),
        summary_row("delay_interest", result["delay_interest"], "yuan"),
    ]
    if preserved > 0:
        result["summary"].append(summary_row("preservation_fee", result["preservation_fee"], "yuan"))
    result["summary"] += [
        summary_row("total_costs", result["total_costs"], "yuan"),
        summary_row("payment_order_fee", result["payment_order_fee"], "yuan"),
    ]
    result["table"] = _band_table(costs.acceptance_bands)
    result["enforcement_table"] = _band_table(costs.enforcement_bands) if unpaid > 0 and not withdrawn else None
    result["notes"] = [note_item("court_fees"), note_item("delay")]
    if raw_base is None and delay > 0 and not withdrawn:
        result["notes"].append(note_item("delay_base_assumed"))
    if procedure in court_mod.PLAINTIFF_BEARS:
        result["notes"].append(note_item("withdrawal"))
    result["notes"] += [note_item("payment_order")] + ([note_item("preservation")] if preserved > 0 else [])
    return result

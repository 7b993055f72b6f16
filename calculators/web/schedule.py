"""Presenter of the ``schedule`` mode (等额本息 / 等额本金 tables with their APR)."""

from __future__ import annotations

from .. import parsing, rates
from .. import schedule as schedule_mod
from ..money import ZERO, money_str
from .common import Inputs, Result, base, column, daily_pct, note_item, opt, pct, summary_row


def schedule(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    principal = parsing.amount("principal", parsing.require(inputs, "principal"))
    rate = parsing.daily_rate("daily_rate", parsing.require(inputs, "daily_rate"))
    months = parsing.integer("months", parsing.require(inputs, "months"), low=1, high=parsing.MAX_INSTALMENTS)
    method = parsing.choice("method", opt(inputs, "method", "equal-payment"), schedule_mod.METHODS)
    convention = parsing.choice(
        "convention", opt(inputs, "convention", schedule_mod.DEFAULT_CONVENTION), tuple(schedule_mod.CONVENTIONS)
    )
    used.update(
        principal=money_str(principal),
        daily_rate=daily_pct(rate) + "%",
        months=str(months),
        method=method,
        convention=convention,
    )
    monthly = schedule_mod.monthly_rate(rate, convention)
    plan = schedule_mod.build(principal, monthly, months, method)
    flows = [-principal] + [r.payment for r in plan.rows]
    irr = rates.periodic_irr(flows) or ZERO
    annual = rates.simple_annual(rate)
    result = base("schedule", used)
    result.update(
        method=method,
        convention=convention,
        monthly_rate=daily_pct(monthly),
        installments=[
            {
                "number": r.number,
                "payment": money_str(r.payment),
                "principal": money_str(r.principal),
                "interest": money_str(r.interest),
                "balance": money_str(r.balance),
            }
            for r in plan.rows
        ],
        first_payment=money_str(plan.rows[0].payment),
        total_interest=money_str(plan.total_interest),
        total_paid=money_str(plan.total_paid),
        apr=pct(rates.nominal_annual(irr)),
        apr_effective=pct(rates.effective_annual(irr)),
        annual_360=pct(annual["360"]),
        annual_365=pct(annual["365"]),
    )
    result["summary"] = [
        summary_row("monthly_rate", result["monthly_rate"], "percent"),
        summary_row("first_payment", result["first_payment"], "yuan"),
        summary_row("total_interest", result["total_interest"], "yuan"),
        summary_row("total_paid", result["total_paid"], "yuan"),
        summary_row("apr", result["apr"], "percent"),
        summary_row("annual_360", result["annual_360"], "percent"),
        summary_row("annual_365", result["annual_365"], "percent"),
    ]
    result["table"] = {
        "columns": [
            column("number", "number"),
            column("payment", "yuan"),
            column("principal", "yuan"),
            column("period_interest", "yuan"),
            column("balance", "yuan"),
        ],
        "rows": [
            [str(r["number"]), r["payment"], r["principal"], r["interest"], r["balance"]]
            for r in result["installments"]
        ],
        "footer": ["", result["total_paid"], money_str(principal), result["total_interest"], ""],
    }
    result["notes"] = [note_item("convention"), note_item("rounding"), note_item("apr")]
    return result



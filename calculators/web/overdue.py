"""Presenters of the ``overdue`` and ``payoff`` modes (罚息/复利 as of a date; 提前到期 payoff)."""

from __future__ import annotations

from datetime import date, timedelta

from .. import parsing
from ..money import money_str
from ..overdue import Instalment, daily_increase, growth_series, overdue_cost
from .common import (
    PAYOFF_MILESTONES,
    Inputs,
    Result,
    axis,
    base,
    column,
    opt,
    rate_fields,
    read_horizon,
    read_terms,
    summary_row,
    unused_warning,
    with_accrual_notes,
)
from .readers import days_or_dates, instalment_lines, single_instalment


def overdue(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    terms = read_terms(inputs, used)
    as_of: date | None
    if parsing.get(inputs, "instalments") is not None:
        if parsing.get(inputs, "due") is not None:
            raise parsing.fail(
                "due", "与“逾期各期”不能同时使用（各期到期日写在每一行里）",
                "cannot be used with the instalment lines (each line has its own due date)",
            )
        items, as_of = instalment_lines(inputs, used)
    else:
        item = single_instalment(inputs, used)
        days, as_of = days_or_dates(inputs, "due", used)
        items = [(item, days)]
    horizon = read_horizon(inputs, used)
    cost = overdue_cost(items, terms)
    result = base("overdue", used)
    result["warnings"] += unused_warning(inputs, used, ("principal", "interest", "days"))
    with_dates = any(i.due for i, _ in items)
    result.update(
        days_overdue=max(r.days for r in cost.rows),
        principal=money_str(cost.principal),
        interest=money_str(cost.interest),
        penalty_interest=money_str(cost.penalty),
        compound_interest=money_str(cost.compound),
        total_due=money_str(cost.total_due),
        daily_increase=money_str(daily_increase([i for i, _ in items], terms)),
        **rate_fields(terms, items),
        instalments=[
            {
                "due": r.instalment.due.isoformat() if r.instalment.due else None,
                "days": r.days,
                "principal": money_str(r.instalment.principal),
                "interest": money_str(r.instalment.interest),
                "penalty_interest": money_str(r.penalty),
                "compound_interest": money_str(r.compound),
                "total": money_str(r.total),
            }
            for r in cost.rows
        ],
    )
    result["summary"] = [
        summary_row("days_overdue", str(result["days_overdue"]), "days"),
        summary_row("principal", result["principal"], "yuan"),
        summary_row("interest", result["interest"], "yuan"),
        summary_row("penalty_interest", result["penalty_interest"], "yuan"),
        summary_row("compound_interest", result["compound_interest"], "yuan"),
        summary_row("total_due", result["total_due"], "yuan"),
        summary_row("daily_increase", result["daily_increase"], "yuan"),
        summary_row("penalty_daily_rate", result["penalty_daily_rate"], "percent"),
        summary_row("penalty_annual_360", result["penalty_annual_360"], "percent"),
    ]
    columns = ([column("due", "date")] if with_dates else []) + [
        column("days", "days"),
        column("principal", "yuan"),
        column("interest", "yuan"),
        column("penalty_interest", "yuan"),
        column("compound_interest", "yuan"),
        column("total_due", "yuan"),
    ]
    rows = [
        ([r["due"] or ""] if with_dates else [])
        + [str(r["days"]), r["principal"], r["interest"], r["penalty_interest"], r["compound_interest"], r["total"]]
        for r in result["instalments"]
    ]
    footer = ([""] if with_dates else []) + [
        "",
        result["principal"],
        result["interest"],
        result["penalty_interest"],
        result["compound_interest"],
        result["total_due"],
    ]
    result["table"] = {"columns": columns, "rows": rows, "footer": footer if len(rows) > 1 else None}
    result["series"] = [[k, money_str(v)] for k, v in growth_series(items, terms, horizon)]
    result["series_axis"] = axis("series_x", as_of)
    return with_accrual_notes(result)


def payoff(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    terms = read_terms(inputs, used)
    principal = parsing.amount("principal", parsing.require(inputs, "principal"))
    interest = parsing.amount("interest", opt(inputs, "interest", "0"), allow_zero=True)
    used.update(principal=money_str(principal), interest=money_str(interest))
    days, as_of = days_or_dates(inputs, "accelerated", used)
    horizon = read_horizon(inputs, used)
    item = Instalment(principal, interest)
    cost = overdue_cost([(item, days)], terms)
    result = base("payoff", used)
    result["warnings"] += unused_warning(inputs, used, ("days",))
    result.update(
        days_overdue=days,
        principal=money_str(cost.principal),
        contract_interest=money_str(cost.interest),
        penalty_interest=money_str(cost.penalty),
        compound_interest=money_str(cost.compound),
        payoff_amount=money_str(cost.total_due),
        total_due=money_str(cost.total_due),
        daily_increase=money_str(daily_increase([item], terms)),
        **rate_fields(terms, [(item, days)]),
    )
    result["summary"] = [
        summary_row("days_overdue", str(days), "days"),
        summary_row("principal", result["principal"], "yuan"),
        summary_row("contract_interest", result["contract_interest"], "yuan"),
        summary_row("penalty_interest", result["penalty_interest"], "yuan"),
        summary_row("compound_interest", result["compound_interest"], "yuan"),
        summary_row("payoff_amount", result["payoff_amount"], "yuan"),
        summary_row("daily_increase", result["daily_increase"], "yuan"),
    ]
    series = growth_series([(item, days)], terms, horizon)
    milestones = [k for k in PAYOFF_MILESTONES if k <= horizon]
    columns = (
        [column("day", "days")]
        + ([column("as_of", "date")] if as_of else [])
        + [
            column("days_overdue", "days"),
            column("penalty_interest", "yuan"),
            column("compound_interest", "yuan"),
            column("payoff_amount", "yuan"),
        ]
    )
    rows = []
    for k in milestones:
        later = overdue_cost([(item, days + k)], terms)
        rows.append(
            [str(k)]
            + ([(as_of + timedelta(days=k)).isoformat()] if as_of else [])
            + [str(days + k), money_str(later.penalty), money_str(later.compound), money_str(later.total_due)]
        )
    result["table"] = {"columns": columns, "rows": rows, "footer": None}
    result["series"] = [[k, money_str(v)] for k, v in series]
    result["series_axis"] = axis("series_x_payoff", as_of)
    return with_accrual_notes(result)



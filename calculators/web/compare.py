"""Presenter of the ``compare`` mode (pay now, pay later, a negotiated plan)."""

from __future__ import annotations

from typing import Any

from .. import parsing, scenarios
from ..labels import label
from ..money import money_str
from .common import (
    DEFAULT_DELAY_DAYS,
    DEFAULT_PLAN_MONTHS,
    Inputs,
    Result,
    base,
    column,
    note_item,
    opt,
    read_terms,
    summary_row,
)
from .readers import single_instalment


def compare(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    terms = read_terms(inputs, used)
    item = single_instalment(inputs, used)
    days = parsing.integer("days", opt(inputs, "days", "0"), low=0, high=parsing.MAX_DAYS)
    delay = parsing.integer(
        "delay_days", opt(inputs, "delay_days", str(DEFAULT_DELAY_DAYS)), low=0, high=parsing.MAX_DAYS
    )
    months = parsing.integer(
        "plan_months", opt(inputs, "plan_months", str(DEFAULT_PLAN_MONTHS)), low=1, high=parsing.MAX_INSTALMENTS
    )
    plan_penalty = parsing.boolean("plan_penalty", opt(inputs, "plan_penalty", "true"))
    used.update(days=str(days), delay_days=str(delay), plan_months=str(months), plan_penalty=str(plan_penalty).lower())
    found, plan = scenarios.compare(item, days, terms, delay, months, plan_penalty)
    result = base("compare", used)
    listed: list[dict[str, Any]] = []
    for s in found:
        zh, en = label(s.key)
        n = delay if s.key == "later" else months
        listed.append(
            {
                "key": s.key,
                "label_zh": zh.format(n=n),
                "label_en": en.format(n=n),
                "pay_days": s.pay_days,
                "principal": money_str(s.principal),
                "interest": money_str(s.interest),
                "penalty_interest": money_str(s.penalty),
                "compound_interest": money_str(s.compound),
                "charges": money_str(s.charges),
                "total": money_str(s.total),
            }
        )
    result.update(
        scenarios=listed,
        plan_installments=[
            {
                "number": r.number,
                "day": r.day,
                "payment": money_str(r.payment),
                "principal": money_str(r.principal),
                "interest": money_str(r.interest),
                "penalty_interest": money_str(r.penalty),
                "compound_interest": money_str(r.compound),
            }
            for r in plan
        ],
    )
    result["summary"] = [
        {**summary_row("total_due", s["total"], "yuan"), "key": s["key"], "label_zh": s["label_zh"], "label_en": s["label_en"]}
        for s in listed
    ]
    result["table"] = {
        "columns": [
            column("scenario", "text"),
            column("pay_days", "days"),
            column("principal", "yuan"),
            column("interest", "yuan"),
            column("penalty_interest", "yuan"),
            column("compound_interest", "yuan"),
            column("total_due", "yuan"),
        ],
        "rows": [
            [
                {"zh": s["label_zh"], "en": s["label_en"]},
                str(s["pay_days"]),
                s["principal"],
                s["interest"],
                s["penalty_interest"],
                s["compound_interest"],
                s["total"],
            ]
            for s in listed
        ],
        "footer": None,
    }
    result["notes"] = [note_item("model"), note_item("plan"), note_item("rounding")]
    return result



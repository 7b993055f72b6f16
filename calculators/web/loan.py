"""Presenter of the ``loan`` mode: the borrower's own 微粒贷 loan on a date (see ``calculators.loan``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from .. import parsing
from .. import schedule as schedule_mod
from ..errors import CalculatorInputError
from ..labels import label
from ..loan import Debt, LoanState, NextInstalment, Payment, due_date, loan_state
from ..money import money_str, total
from .common import (
    YEAR_DAYS,
    Inputs,
    Result,
    axis,
    base,
    charge_rate_fields,
    charge_warnings,
    column,
    note_item,
    opt,
    read_horizon,
    read_terms,
    summary_row,
)

#: More repayment lines than any 36-month loan needs (several partial payments a month).
MAX_PAYMENTS = 120


def _payment_error(number: int, zh: str, en: str) -> CalculatorInputError:
    zh_label, en_label = label("payments_made")
    return CalculatorInputError("payments", f"「{zh_label}」第 {number} 行：{zh}", f"{en_label}, line {number}: {en}")


def _payments(inputs: Inputs, start: date, as_of: date, used: dict[str, str]) -> list[Payment]:
    """``payments``: one ``YYYY-MM-DD,amount`` a line (or separated by ``;``)."""
    zh_label, en_label = label("payments_made")
    try:
        raw = parsing.get(inputs, "payments") or ""
    except CalculatorInputError as error:  # this mode's own label, not another mode's "payments"
        raise CalculatorInputError("payments", f"「{zh_label}」{error.zh.split('」', 1)[-1]}",
                                   f"{en_label}: {error.en.split(': ', 1)[-1]}") from None
    lines = [line.strip() for line in raw.replace("；", "\n").replace(";", "\n").splitlines() if line.strip()]
    if len(lines) > MAX_PAYMENTS:
        raise CalculatorInputError("payments", f"「{zh_label}」最多 {MAX_PAYMENTS} 笔",
                                   f"{en_label}: at most {MAX_PAYMENTS} repayments")
    found: list[Payment] = []
    for number, line in enumerate(lines, 1):
        # the date has no comma; the amount may group thousands ("2026-02-28,1,560")
        cells = [c.strip() for c in line.replace("，", ",").replace("\t", ",").split(",", 1)]
        if len(cells) != 2:
            raise _payment_error(number, f"应为“日期,金额”：{line[:60]}", f"must be 'date,amount': {line[:60]}")
        try:
            when = parsing.iso_date("payments", cells[0])
            amount = parsing.amount("payments", cells[1])
        except CalculatorInputError as error:
            zh = error.zh.split("」", 1)[-1]
            en = error.en.split(": ", 1)[-1]
            raise _payment_error(number, zh, en) from None
        if when < start:
            raise _payment_error(number, "早于借款日期", "before the date borrowed")
        if when > as_of:
            raise _payment_error(number, "晚于计算日（还没发生的还款不计入）", "after the as-of date (not yet made)")
        found.append(Payment(when, amount))
    if found:
        used["payments"] = "\n".join(f"{p.when.isoformat()},{money_str(p.amount)}" for p in found)
    return found


def _dates(inputs: Inputs, months: int, used: dict[str, str]) -> tuple[date, date, date | None]:
    start = parsing.iso_date("start", parsing.require(inputs, "start"))
    as_of = parsing.iso_date("as_of", parsing.require(inputs, "as_of"))
    if as_of < start:
        raise parsing.fail("as_of", "不能早于借款日期", "must not be before the date borrowed")
    if (as_of - due_date(start, months)).days > parsing.MAX_DAYS:
        raise parsing.fail(
            "as_of", f"距最后一期到期日超过 {parsing.MAX_DAYS} 天", f"more than {parsing.MAX_DAYS} days after the last due date"
        )
    raw = parsing.get(inputs, "accelerated")
    accelerated = parsing.iso_date("accelerated", raw) if raw is not None else None
    if accelerated is not None and not start < accelerated <= as_of:
        raise parsing.fail("accelerated", "应在借款日期之后、计算日当天或之前", "must be after the date borrowed, on or before the as-of date")
    used.update(start=start.isoformat(), as_of=as_of.isoformat())
    if accelerated is not None:
        used["accelerated"] = accelerated.isoformat()
    return start, as_of, accelerated


def _grouped(amount: Decimal) -> str:
    return f"{Decimal(money_str(amount)):,.2f}"


def _next_words(state: LoanState) -> tuple[str, str]:
    """The next instalment, named in both languages ('' when the loan has none left)."""
    nxt = state.next_due
    if nxt is None:
        return "", ""
    amount, due = _grouped(nxt.amount), nxt.due.isoformat()
    if nxt.due == state.as_of:
        return (f"第 {nxt.number} 期今天（{due}）到期，应还 {amount} 元",
                f"instalment {nxt.number} of {amount} yuan is due today ({due})")
    return (f"下一期（第 {nxt.number} 期）{due} 到期，应还 {amount} 元",
            f"the next instalment (no. {nxt.number}) of {amount} yuan is due on {due}")


def _answer(state: LoanState, daily: Decimal) -> dict[str, str]:
    """Plain sentences in each language: what is overdue, what settles everything today, what is next."""
    day = state.as_of.isoformat()
    count = len(state.overdue)
    payoff = _grouped(state.payoff_today)
    next_zh, next_en = _next_words(state)
    if count == 0:
        if state.payoff_today == 0:
            return {"zh": f"截至 {day}，按所填还款记录，这笔借款已经还清。",
                    "en": f"As of {day}, by the repayments entered, this loan is paid off."}
        return {
            "zh": f"截至 {day}，你没有逾期；{next_zh}。今天一次还清全部需 {payoff} 元（利息只算到今天）。",
            "en": f"As of {day} nothing is overdue; {next_en}. Paying off the whole loan today takes {payoff} yuan "
            "(interest only to today).",
        }
    owed, grow = _grouped(state.total_due), _grouped(daily)
    if state.accelerated is not None:
        return {
            "zh": f"截至 {day}，借款已于 {state.accelerated.isoformat()} 提前到期，应还全部 {owed} 元，每天增加约 {grow} 元。",
            "en": f"As of {day} the whole loan has been due since {state.accelerated.isoformat()}: you owe {owed} yuan, "
            f"growing by about {grow} yuan a day.",
        }
    plural = "instalment" if count == 1 else "instalments"
    tail_zh = f"{next_zh}。" if next_zh else ""
    tail_en = f" {next_en[0].upper()}{next_en[1:]}." if next_en else ""
    return {
        "zh": f"截至 {day}，你逾期 {count} 期，逾期部分应还 {owed} 元，每天增加约 {grow} 元；"
        f"今天一次还清全部借款需 {payoff} 元（含未到期本金 {_grouped(state.remaining_principal)} 元）。{tail_zh}",
        "en": f"As of {day} you are {count} {plural} overdue: the overdue part is {owed} yuan, growing by about "
        f"{grow} yuan a day; paying off the whole loan today takes {payoff} yuan (including "
        f"{_grouped(state.remaining_principal)} yuan of principal not yet due).{tail_en}",
    }


def _row_json(debt: Debt, as_of: date) -> dict[str, Any]:
    return {
        "number": debt.number if debt.last_number == debt.number else f"{debt.number}-{debt.last_number}",
        "due": debt.due.isoformat(),
        "days": (as_of - debt.due).days,
        "principal": money_str(debt.principal_left),
        "interest": money_str(debt.interest_left),
        "penalty_interest": money_str(debt.penalty_left),
        "compound_interest": money_str(debt.compound_left),
        "paid": money_str(debt.paid),
        "total": money_str(debt.owed),
    }


def _next_row(nxt: NextInstalment) -> dict[str, str]:
    """The next instalment's summary row, its number and due date in the label."""
    row = summary_row("next_due", money_str(nxt.amount), "yuan")
    due = nxt.due.isoformat()
    return {**row, "label_zh": f"{row['label_zh']}（第 {nxt.number} 期，{due} 到期）",
            "label_en": f"{row['label_en']} (no. {nxt.number}, due {due})"}


def _paid_on_time(inputs: Inputs, plan: schedule_mod.Schedule, start: date, as_of: date,
                  used: dict[str, str]) -> list[Payment]:
    """"已按时还了几期": instalments 1..n repaid in full (their scheduled amounts) on their due dates."""
    raw = parsing.get(inputs, "paid_count")
    if raw is None:
        return []
    count = parsing.integer("paid_count", raw, low=0, high=len(plan.rows))
    if count and due_date(start, count) > as_of:
        raise parsing.fail("paid_count", f"第 {count} 期在计算日之后才到期", f"instalment {count} falls due after the as-of date")
    used["paid_count"] = str(count)
    return [Payment(due_date(start, r.number), r.payment) for r in plan.rows[:count]]


def loan(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    principal = parsing.amount("principal", parsing.require(inputs, "principal"))
    months = parsing.integer("months", parsing.require(inputs, "months"), low=1, high=parsing.MAX_INSTALMENTS)
    convention = parsing.choice(
        "convention", opt(inputs, "convention", schedule_mod.DEFAULT_CONVENTION), tuple(schedule_mod.CONVENTIONS)
    )
    terms = read_terms(inputs, used, year=YEAR_DAYS[convention])
    if terms.daily_rate == 0:
        raise parsing.fail("daily_rate", "必须大于 0", "must be greater than 0")
    method = parsing.choice("method", opt(inputs, "method", "equal-payment"), schedule_mod.METHODS)
    rule = parsing.choice("prepayment", opt(inputs, "prepayment", schedule_mod.DEFAULT_PREPAYMENT),
                          schedule_mod.PREPAYMENT_RULES)
    used.update(principal=money_str(principal), months=str(months), method=method, convention=convention,
                prepayment=rule)
    start, as_of, accelerated = _dates(inputs, months, used)
    plan = schedule_mod.build(principal, schedule_mod.monthly_rate(terms.daily_rate, convention), months, method)
    payments = _paid_on_time(inputs, plan, start, as_of, used) + _payments(inputs, start, as_of, used)
    horizon = read_horizon(inputs, used)
    state = loan_state(plan, start, as_of, terms, payments, accelerated, rule)
    overdue = state.overdue
    daily = state.daily_increase()
    rows = [_row_json(d, as_of) for d in overdue]
    nxt = state.next_due
    result = base("loan", used)
    result.update(
        as_of=as_of.isoformat(),
        overdue_count=len(overdue),
        days_overdue=max((r["days"] for r in rows), default=0),
        principal=money_str(total(d.principal_left for d in overdue)),
        interest=money_str(total(d.interest_left for d in overdue)),
        penalty_interest=money_str(total(d.penalty_left for d in overdue)),
        compound_interest=money_str(total(d.compound_left for d in overdue)),
        total_due=money_str(state.total_due),
        daily_increase=money_str(daily),
        remaining_principal=money_str(state.remaining_principal),
        paid=money_str(state.paid),
        overpaid=money_str(state.overpaid),
        accrued_interest=money_str(state.accrued_interest),
        payoff_today=money_str(state.payoff_today),
        next_due=(
            {"number": nxt.number, "due": nxt.due.isoformat(), "amount": money_str(nxt.amount)} if nxt is not None else None
        ),
        overdue_instalments=rows,
        answer=_answer(state, daily),
        **charge_rate_fields(terms, [(d.principal_left, d.interest_left, (as_of - d.due).days) for d in overdue]),
    )
    overdue_zh, overdue_en = label("overdue_part")
    result["summary"] = [
        # only the overdue part: named so, never read as the whole debt (payoff_today is)
        {**summary_row("total_due", result["total_due"], "yuan"), "label_zh": overdue_zh, "label_en": overdue_en},
        summary_row("payoff_today", result["payoff_today"], "yuan"),
        *([_next_row(nxt)] if nxt is not None else []),
        summary_row("daily_increase", result["daily_increase"], "yuan"),
        summary_row("principal", result["principal"], "yuan"),
        summary_row("interest", result["interest"], "yuan"),
        summary_row("penalty_interest", result["penalty_interest"], "yuan"),
        summary_row("compound_interest", result["compound_interest"], "yuan"),
        summary_row("paid", result["paid"], "yuan"),
        summary_row("remaining_principal", result["remaining_principal"], "yuan"),
        summary_row("accrued_interest", result["accrued_interest"], "yuan"),
    ]
    if state.overpaid > 0:
        result["summary"].append(summary_row("overpaid", result["overpaid"], "yuan"))
    if rows:
        # key columns first (a phone shows them without scrolling): which, when, how much in all
        result["table"] = {
            "columns": [
                column("number", "text"),
                column("due", "date"),
                column("total_due", "yuan"),
                column("days", "days"),
                column("principal", "yuan"),
                column("interest", "yuan"),
                column("penalty_interest", "yuan"),
                column("compound_interest", "yuan"),
                column("paid", "yuan"),
            ],
            "rows": [
                [str(r["number"]), r["due"], r["total"], str(r["days"]), r["principal"], r["interest"],
                 r["penalty_interest"], r["compound_interest"], r["paid"]]
                for r in rows
            ],
            "footer": ["", "", result["total_due"], "", result["principal"], result["interest"],
                       result["penalty_interest"], result["compound_interest"],
                       money_str(total(d.paid for d in overdue))]
            if len(rows) > 1 else None,
        }
    series = state.series(horizon)
    if any(v > 0 for _, v in series):
        result["series"] = [[k, money_str(v)] for k, v in series]
        result["series_axis"] = axis("series_x", as_of)
        y_zh, y_en = label("series_y_overdue")  # the overdue part, instalments falling due included
        result["series_axis"]["y"].update(label_zh=y_zh, label_en=y_en)
    result["notes"] = [note_item("loan_dates"), note_item("loan_order"), note_item("loan_early"),
                       note_item(f"prepayment_{rule}"), note_item("model"), note_item("rounding"),
                       note_item("court_level")]
    if "annual_rate" in used:
        result["notes"].insert(0, note_item(f"annual_to_daily_{convention}"))
    if accelerated is not None:
        result["notes"].insert(2, note_item("loan_accelerated"))
    if state.overpaid > 0:
        result["notes"].insert(0, note_item("loan_overpaid"))
    result["warnings"] = charge_warnings(result)
    return result

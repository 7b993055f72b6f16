"""The one entry point for the browser widget (Pyodide) and the build-time example tables.

``compute(mode, inputs)`` takes the raw strings a form gives and returns a JSON-serialisable
dict (only str/int/bool/list/dict/None; amounts as decimal strings such as ``"225.00"``, rates
as percent strings). It never raises: bad input gives
``{"ok": False, "mode": mode, "error": {"zh": ..., "en": ..., "field": <input key or None>}}``.
``run(mode, inputs)`` is the same but raises ``CalculatorInputError`` (the CLI uses it).

Input keys (all strings; dates YYYY-MM-DD; booleans "true"/"false"; rates "0.05%" or "0.0005";
blank = absent = default):

=========  ===============================================================================
overdue    principal, interest (0), daily_rate, multiplier (1.5), compound (true),
           days | due + as_of (the dates win when all three are given; as_of with days only
           dates the chart), horizon (90); or instalments ("YYYY-MM-DD,principal,interest"
           one per line, up to 36) + as_of
payoff     principal (remaining), interest (0, unpaid at acceleration), daily_rate,
           multiplier (1.5), compound (true), days | accelerated + as_of (as for overdue),
           horizon (90)
schedule   principal, daily_rate, months (1-36), method (equal-payment | equal-principal),
           convention ("30" | "365/12")
compare    principal, interest (0), daily_rate, multiplier (1.5), compound (true), days (0),
           delay_days (30), plan_months (12), plan_penalty (true)
apr        principal + payment + months, or principal + payments ("a,b,c": one payment a
           month, up to 36) for the IRR APR; and/or daily_rate [+ multiplier] (daily -> annual);
           and/or annual_rate ("18%" or "0.18"; annual -> daily)
court      claim, procedure (ordinary | simplified | settlement), unpaid (= claim),
           delay_days (0)
=========  ===============================================================================

Success: every mode returns these keys::

    ok: True, mode: str,
    inputs:   {key: normalised string}              # what was actually used, defaults filled
    summary:  [{key, label_zh, label_en, value, unit}]   # unit: "yuan" | "percent" | "days"
    table:    {columns: [{key, label_zh, label_en, unit}], rows: [[cell, ...]],
               footer: [cell, ...] | None} | None
              # unit: yuan | percent | days | date | number | yuan_range | text
              # cell: a str, except in a "text" column, where a cell is either a str shown
              #   as is in both languages (e.g. "2.50%") or {"zh": str, "en": str}: show the
              #   page's language only (a renderer must never join the two)
              # yuan_range cells: "low–high" or "> low" (exact amounts as in yuan cells, joined
              #   by an en dash; a renderer may group the digits of each amount)
    series:   [[day:int, "amount"], ...] | None
    series_axis: {x: {label_zh, label_en, unit: "days"}, y: {label_zh, label_en, unit: "yuan"},
                  start_date: "YYYY-MM-DD" | None} | None
    notes:    [{key, zh, en}]                          # assumptions and sources to show
    warnings: [{key, zh, en}]                          # e.g. a rate above the 24 % level
    sources:  [{zh, en}]                               # the legal sources behind the figures
    checked:  "YYYY-MM-DD"                             # when legal.py was last checked

plus the mode's own result fields (the CLI ``--json`` prints this same dict):

overdue   days_overdue (int, the largest), principal, interest, penalty_interest,
          compound_interest, total_due, daily_increase, penalty_daily_rate (percent, 4 dp),
          penalty_annual_360, penalty_annual_365 (percent), above_court_level (bool),
          instalments: [{due|None, days, principal, interest, penalty_interest,
          compound_interest, total}]
payoff    days_overdue, principal, contract_interest, penalty_interest, compound_interest,
          payoff_amount (= total_due, also given), daily_increase, penalty_daily_rate,
          penalty_annual_360, penalty_annual_365, above_court_level;
          table = the payoff amount after 0, 7, 15, 30, 60, 90... days more (within horizon)
schedule  method, convention, monthly_rate (percent, 4 dp), installments: [{number, payment,
          principal, interest, balance}], first_payment, total_interest, total_paid,
          apr, apr_effective (percent), annual_360, annual_365 (percent)
compare   scenarios: [{key: now|later|plan, label_zh, label_en, pay_days, principal, interest,
          penalty_interest, compound_interest, charges, total}], plan_installments:
          [{number, day, payment, principal, interest, penalty_interest, compound_interest}]
apr       apr, apr_effective, total_paid, total_interest (when payments are given);
          annual_360, annual_365, penalty_annual_360, penalty_annual_365 (when daily_rate
          given); daily_360, daily_365 (percent, 4 dp; when annual_rate given);
          above_court_level (bool), court_level "24.00", lpr "3.00", lpr_date,
          lpr_4x "12.00"
court     claim, procedure, halved (bool), acceptance_fee, acceptance_fee_payable, unpaid,
          enforcement_fee, delay_days, delay_interest, total_costs,
          acceptance_bands / enforcement_bands: [{low, high|None, rate (percent)|None, part, fee}],
          enforcement_table (same shape as table); table = acceptance-fee bands
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from . import court as court_mod
from . import legal, parsing, rates, scenarios
from . import schedule as schedule_mod
from .errors import CalculatorInputError
from .labels import WARNINGS, label, note
from .money import ZERO, exact, money_str, percent_str, total
from .overdue import (
    Instalment,
    Terms,
    daily_increase,
    days_between,
    growth_series,
    overdue_cost,
)

MODES = ("overdue", "payoff", "schedule", "compare", "apr", "court")
Result = dict[str, Any]
Inputs = Mapping[str, object]

DEFAULT_HORIZON = 90
DEFAULT_DELAY_DAYS = 30
DEFAULT_PLAN_MONTHS = 12
PAYOFF_MILESTONES = (0, 7, 15, 30, 60, 90, 180, 365, 730, 1095)


# --- small builders ----------------------------------------------------------------------


def _row(key: str, value: str, unit: str) -> dict[str, str]:
    zh, en = label(key)
    return {"key": key, "label_zh": zh, "label_en": en, "value": value, "unit": unit}


def _column(key: str, unit: str) -> dict[str, str]:
    zh, en = label(key)
    return {"key": key, "label_zh": zh, "label_en": en, "unit": unit}


def _note(key: str) -> dict[str, str]:
    return {"key": key, **note(key)}


def _daily_pct(rate: Decimal) -> str:
    return percent_str(rate, 4)


def _pct(rate: Decimal) -> str:
    return percent_str(rate, 2)


def _axis(x_key: str, start: date | None) -> dict[str, Any]:
    xzh, xen = label(x_key)
    yzh, yen = label("series_y")
    return {
        "x": {"label_zh": xzh, "label_en": xen, "unit": "days"},
        "y": {"label_zh": yzh, "label_en": yen, "unit": "yuan"},
        "start_date": start.isoformat() if start else None,
    }


def _court_level_warning(annual: Decimal, what: str) -> dict[str, str]:
    """The 24 % warning for the rate named by label key ``what``."""
    what_zh, what_en = label(what)
    zh, en = WARNINGS["court_level"]
    rate = _pct(annual)
    return {"key": "court_level", "zh": zh.format(what=what_zh, rate=rate), "en": en.format(what=what_en, rate=rate)}


# --- shared input readers ----------------------------------------------------------------


def _opt(inputs: Inputs, field: str, default: str) -> str:
    return parsing.get(inputs, field) or default


def _terms(inputs: Inputs, used: dict[str, str]) -> Terms:
    rate = parsing.daily_rate("daily_rate", parsing.require(inputs, "daily_rate"))
    mult = parsing.multiplier("multiplier", _opt(inputs, "multiplier", str(legal.DEFAULT_PENALTY_MULTIPLIER)))
    compound = parsing.boolean("compound", _opt(inputs, "compound", "true"))
    used.update(daily_rate=_daily_pct(rate) + "%", multiplier=str(mult), compound=str(compound).lower())
    return Terms(rate, mult, compound)


def _horizon(inputs: Inputs, used: dict[str, str]) -> int:
    value = parsing.integer("horizon", _opt(inputs, "horizon", str(DEFAULT_HORIZON)), low=0, high=parsing.MAX_HORIZON)
    used["horizon"] = str(value)
    return value


def _days_or_dates(inputs: Inputs, start_field: str, used: dict[str, str]) -> tuple[int, date | None]:
    """Days overdue: from ``start_field`` (a date) and ``as_of`` when both are given (a form may
    still hold a preset ``days``: the dates are more specific and win), else from ``days``.
    ``days`` with ``as_of`` alone dates the chart from ``as_of``."""
    raw_start, raw_as_of = parsing.get(inputs, start_field), parsing.get(inputs, "as_of")
    raw_days = parsing.get(inputs, "days")
    zh_start, en_start = label(start_field)
    if raw_start is None and raw_days is None:
        raise parsing.fail(
            "days",
            f"请填写逾期天数，或填写{zh_start}和计算日",
            f"enter the days overdue, or the {en_start.lower()} and the as-of date",
        )
    as_of = parsing.iso_date("as_of", raw_as_of) if raw_as_of is not None else None
    if raw_start is None or (raw_days is not None and as_of is None):
        days = parsing.integer("days", parsing.require(inputs, "days"), low=0, high=parsing.MAX_DAYS)
        used["days"] = str(days)
        if as_of is not None:
            used["as_of"] = as_of.isoformat()
        return days, as_of
    start = parsing.iso_date(start_field, raw_start)
    if as_of is None:
        raise parsing.fail("as_of", f"填写了{zh_start}时必须填写", f"required with the {en_start.lower()}")
    days = days_between(start, as_of)
    if days < 0:
        raise parsing.fail(start_field, "不能晚于计算日", "must not be after the as-of date")
    if days > parsing.MAX_DAYS:
        raise parsing.fail(
            "as_of",
            f"距{zh_start}超过 {parsing.MAX_DAYS} 天",
            f"more than {parsing.MAX_DAYS} days after the {en_start.lower()}",
        )
    used.update({start_field: start.isoformat(), "as_of": as_of.isoformat(), "days": str(days)})
    return days, as_of


def _single_instalment(inputs: Inputs, used: dict[str, str]) -> Instalment:
    principal = parsing.amount("principal", parsing.require(inputs, "principal"), allow_zero=True)
    interest = parsing.amount("interest", _opt(inputs, "interest", "0"), allow_zero=True)
    if principal + interest == 0:
        raise parsing.fail("principal", "本金和利息不能都为 0", "principal and interest cannot both be 0")
    used.update(principal=money_str(principal), interest=money_str(interest))
    return Instalment(principal, interest)


def _instalment_lines(inputs: Inputs, used: dict[str, str]) -> tuple[list[tuple[Instalment, int]], date]:
    raw = parsing.require(inputs, "instalments")
    lines = [line.strip() for line in raw.replace("；", "\n").replace(";", "\n").splitlines() if line.strip()]
    if not lines:
        raise parsing.fail("instalments", "不能为空", "this field is required")
    if len(lines) > parsing.MAX_INSTALMENTS:
        raise parsing.fail(
            "instalments", f"最多 {parsing.MAX_INSTALMENTS} 期", f"at most {parsing.MAX_INSTALMENTS} instalments"
        )
    as_of = parsing.iso_date("as_of", parsing.require(inputs, "as_of"))
    items: list[tuple[Instalment, int]] = []
    for number, line in enumerate(lines, 1):
        cells = [c.strip() for c in line.replace("，", ",").split(",")]
        if len(cells) == 2:
            cells.append("0")
        if len(cells) != 3:
            raise parsing.fail(
                "instalments",
                f"第 {number} 行应为“到期日,本金,利息”：{line[:60]}",
                f"line {number} must be 'due date,principal,interest': {line[:60]}",
            )
        try:
            due = parsing.iso_date("due", cells[0])
            principal = parsing.amount("principal", cells[1], allow_zero=True)
            interest = parsing.amount("interest", cells[2], allow_zero=True)
        except CalculatorInputError as error:
            raise CalculatorInputError(
                "instalments", f"第 {number} 行：{error.zh}", f"line {number}: {error.en}"
            ) from None
        if principal + interest == 0:
            raise parsing.fail(
                "instalments", f"第 {number} 行本金和利息都为 0", f"line {number}: principal and interest are both 0"
            )
        days = days_between(due, as_of)
        if days < 0:
            raise parsing.fail(
                "instalments", f"第 {number} 行到期日晚于计算日", f"line {number}: due date is after the as-of date"
            )
        if days > parsing.MAX_DAYS:
            raise parsing.fail(
                "instalments",
                f"第 {number} 行逾期超过 {parsing.MAX_DAYS} 天",
                f"line {number}: more than {parsing.MAX_DAYS} days overdue",
            )
        items.append((Instalment(principal, interest, due), days))
    used["instalments"] = "\n".join(
        f"{i.due.isoformat() if i.due else ''},{money_str(i.principal)},{money_str(i.interest)}" for i, _ in items
    )
    used["as_of"] = as_of.isoformat()
    return items, as_of


def _rate_fields(terms: Terms) -> dict[str, Any]:
    annual = rates.simple_annual(terms.penalty_rate)
    return {
        "penalty_daily_rate": _daily_pct(terms.penalty_rate),
        "penalty_annual_360": _pct(annual["360"]),
        "penalty_annual_365": _pct(annual["365"]),
        "above_court_level": rates.above_court_level(annual["360"]),
    }


#: The legal sources behind each mode's figures (all from ``legal``).
SOURCES: dict[str, tuple[legal.Source, ...]] = {
    "overdue": (legal.PENALTY_SOURCE, legal.OVERDUE_INTEREST_SOURCE, legal.COURT_REDUCTION_SOURCE),
    "payoff": (legal.ACCELERATION_SOURCE, legal.PENALTY_SOURCE, legal.COURT_REDUCTION_SOURCE),
    "schedule": (legal.APR_SOURCE,),
    "compare": (legal.PENALTY_SOURCE, legal.COURT_REDUCTION_SOURCE),
    "apr": (legal.APR_SOURCE, legal.COURT_REDUCTION_SOURCE, legal.LPR_SOURCE, legal.LPR_MULTIPLE_SOURCE),
    "court": (
        legal.ACCEPTANCE_FEE_SOURCE,
        legal.HALVING_SOURCE,
        legal.LOSER_PAYS_SOURCE,
        legal.ENFORCEMENT_FEE_SOURCE,
        legal.DELAY_SOURCE,
    ),
}


def _base(mode: str, used: dict[str, str]) -> Result:
    return {
        "ok": True,
        "mode": mode,
        "inputs": used,
        "table": None,
        "series": None,
        "series_axis": None,
        "notes": [],
        "warnings": [],
        "sources": [source.as_dict() for source in SOURCES[mode]],
        "checked": legal.CHECKED.isoformat(),
    }


# --- modes -------------------------------------------------------------------------------


def _overdue(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    terms = _terms(inputs, used)
    as_of: date | None
    if parsing.get(inputs, "instalments") is not None:
        items, as_of = _instalment_lines(inputs, used)
    else:
        item = _single_instalment(inputs, used)
        days, as_of = _days_or_dates(inputs, "due", used)
        items = [(item, days)]
    horizon = _horizon(inputs, used)
    cost = overdue_cost(items, terms)
    result = _base("overdue", used)
    with_dates = any(i.due for i, _ in items)
    result.update(
        days_overdue=max(r.days for r in cost.rows),
        principal=money_str(cost.principal),
        interest=money_str(cost.interest),
        penalty_interest=money_str(cost.penalty),
        compound_interest=money_str(cost.compound),
        total_due=money_str(cost.total_due),
        daily_increase=money_str(daily_increase([i for i, _ in items], terms)),
        **_rate_fields(terms),
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
        _row("days_overdue", str(result["days_overdue"]), "days"),
        _row("principal", result["principal"], "yuan"),
        _row("interest", result["interest"], "yuan"),
        _row("penalty_interest", result["penalty_interest"], "yuan"),
        _row("compound_interest", result["compound_interest"], "yuan"),
        _row("total_due", result["total_due"], "yuan"),
        _row("daily_increase", result["daily_increase"], "yuan"),
        _row("penalty_daily_rate", result["penalty_daily_rate"], "percent"),
        _row("penalty_annual_360", result["penalty_annual_360"], "percent"),
    ]
    columns = ([_column("due", "date")] if with_dates else []) + [
        _column("days", "days"),
        _column("principal", "yuan"),
        _column("interest", "yuan"),
        _column("penalty_interest", "yuan"),
        _column("compound_interest", "yuan"),
        _column("total_due", "yuan"),
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
    result["series_axis"] = _axis("series_x", as_of)
    return _with_accrual_notes(result, terms)


def _with_accrual_notes(result: Result, terms: Terms) -> Result:
    """Overdue and payoff explain the same accrual model and warn alike above the 24 % level."""
    result["notes"] = [_note("model"), _note("rounding"), _note("court_level")]
    if result["above_court_level"]:
        result["warnings"].append(
            _court_level_warning(rates.simple_annual(terms.penalty_rate)["360"], "what_penalty_rate")
        )
    return result


def _payoff(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    terms = _terms(inputs, used)
    principal = parsing.amount("principal", parsing.require(inputs, "principal"))
    interest = parsing.amount("interest", _opt(inputs, "interest", "0"), allow_zero=True)
    used.update(principal=money_str(principal), interest=money_str(interest))
    days, as_of = _days_or_dates(inputs, "accelerated", used)
    horizon = _horizon(inputs, used)
    item = Instalment(principal, interest)
    cost = overdue_cost([(item, days)], terms)
    result = _base("payoff", used)
    result.update(
        days_overdue=days,
        principal=money_str(cost.principal),
        contract_interest=money_str(cost.interest),
        penalty_interest=money_str(cost.penalty),
        compound_interest=money_str(cost.compound),
        payoff_amount=money_str(cost.total_due),
        total_due=money_str(cost.total_due),
        daily_increase=money_str(daily_increase([item], terms)),
        **_rate_fields(terms),
    )
    result["summary"] = [
        _row("days_overdue", str(days), "days"),
        _row("principal", result["principal"], "yuan"),
        _row("contract_interest", result["contract_interest"], "yuan"),
        _row("penalty_interest", result["penalty_interest"], "yuan"),
        _row("compound_interest", result["compound_interest"], "yuan"),
        _row("payoff_amount", result["payoff_amount"], "yuan"),
        _row("daily_increase", result["daily_increase"], "yuan"),
    ]
    series = growth_series([(item, days)], terms, horizon)
    milestones = [k for k in PAYOFF_MILESTONES if k <= horizon]
    columns = (
        [_column("day", "days")]
        + ([_column("as_of", "date")] if as_of else [])
        + [
            _column("days_overdue", "days"),
            _column("penalty_interest", "yuan"),
            _column("compound_interest", "yuan"),
            _column("payoff_amount", "yuan"),
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
    result["series_axis"] = _axis("series_x_payoff", as_of)
    return _with_accrual_notes(result, terms)


def _schedule(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    principal = parsing.amount("principal", parsing.require(inputs, "principal"))
    rate = parsing.daily_rate("daily_rate", parsing.require(inputs, "daily_rate"))
    months = parsing.integer("months", parsing.require(inputs, "months"), low=1, high=parsing.MAX_INSTALMENTS)
    method = parsing.choice("method", _opt(inputs, "method", "equal-payment"), schedule_mod.METHODS)
    convention = parsing.choice(
        "convention", _opt(inputs, "convention", schedule_mod.DEFAULT_CONVENTION), tuple(schedule_mod.CONVENTIONS)
    )
    used.update(
        principal=money_str(principal),
        daily_rate=_daily_pct(rate) + "%",
        months=str(months),
        method=method,
        convention=convention,
    )
    monthly = schedule_mod.monthly_rate(rate, convention)
    plan = schedule_mod.build(principal, monthly, months, method)
    flows = [-principal] + [r.payment for r in plan.rows]
    irr = rates.periodic_irr(flows) or ZERO
    annual = rates.simple_annual(rate)
    result = _base("schedule", used)
    result.update(
        method=method,
        convention=convention,
        monthly_rate=_daily_pct(monthly),
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
        apr=_pct(rates.nominal_annual(irr)),
        apr_effective=_pct(rates.effective_annual(irr)),
        annual_360=_pct(annual["360"]),
        annual_365=_pct(annual["365"]),
    )
    result["summary"] = [
        _row("monthly_rate", result["monthly_rate"], "percent"),
        _row("first_payment", result["first_payment"], "yuan"),
        _row("total_interest", result["total_interest"], "yuan"),
        _row("total_paid", result["total_paid"], "yuan"),
        _row("apr", result["apr"], "percent"),
        _row("annual_360", result["annual_360"], "percent"),
        _row("annual_365", result["annual_365"], "percent"),
    ]
    result["table"] = {
        "columns": [
            _column("number", "number"),
            _column("payment", "yuan"),
            _column("principal", "yuan"),
            _column("period_interest", "yuan"),
            _column("balance", "yuan"),
        ],
        "rows": [
            [str(r["number"]), r["payment"], r["principal"], r["interest"], r["balance"]]
            for r in result["installments"]
        ],
        "footer": ["", result["total_paid"], money_str(principal), result["total_interest"], ""],
    }
    result["notes"] = [_note("convention"), _note("rounding"), _note("apr")]
    return result


def _compare(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    terms = _terms(inputs, used)
    item = _single_instalment(inputs, used)
    days = parsing.integer("days", _opt(inputs, "days", "0"), low=0, high=parsing.MAX_DAYS)
    delay = parsing.integer(
        "delay_days", _opt(inputs, "delay_days", str(DEFAULT_DELAY_DAYS)), low=0, high=parsing.MAX_DAYS
    )
    months = parsing.integer(
        "plan_months", _opt(inputs, "plan_months", str(DEFAULT_PLAN_MONTHS)), low=1, high=parsing.MAX_INSTALMENTS
    )
    plan_penalty = parsing.boolean("plan_penalty", _opt(inputs, "plan_penalty", "true"))
    used.update(days=str(days), delay_days=str(delay), plan_months=str(months), plan_penalty=str(plan_penalty).lower())
    found, plan = scenarios.compare(item, days, terms, delay, months, plan_penalty)
    result = _base("compare", used)
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
        {**_row("total_due", s["total"], "yuan"), "key": s["key"], "label_zh": s["label_zh"], "label_en": s["label_en"]}
        for s in listed
    ]
    result["table"] = {
        "columns": [
            _column("scenario", "text"),
            _column("pay_days", "days"),
            _column("principal", "yuan"),
            _column("interest", "yuan"),
            _column("penalty_interest", "yuan"),
            _column("compound_interest", "yuan"),
            _column("total_due", "yuan"),
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
    result["notes"] = [_note("model"), _note("plan"), _note("rounding")]
    return result


def _payments(inputs: Inputs, used: dict[str, str]) -> tuple[str, list[Decimal]]:
    """Monthly payments: ``payments`` (a list, one a month) or ``payment`` x ``months``."""
    raw = parsing.get(inputs, "payments")
    if raw is not None:
        cells = [c for c in raw.replace("，", ",").replace("\n", ",").replace(";", ",").split(",") if c.strip()]
        if not cells:
            raise parsing.fail("payments", "不能为空", "this field is required")
        if len(cells) > parsing.MAX_INSTALMENTS:
            raise parsing.fail(
                "payments", f"最多 {parsing.MAX_INSTALMENTS} 期", f"at most {parsing.MAX_INSTALMENTS} payments"
            )
        values = [parsing.amount("payments", c, allow_zero=True) for c in cells]
        used["payments"] = ",".join(money_str(v) for v in values)
        return "payments", values
    payment = parsing.amount("payment", parsing.require(inputs, "payment"))
    months = parsing.integer("months", parsing.require(inputs, "months"), low=1, high=parsing.MAX_INSTALMENTS)
    used.update(payment=money_str(payment), months=str(months))
    return "payment", [payment] * months


def _apr(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    result = _base("apr", used)
    summary: list[dict[str, str]] = []
    has_plan = any(parsing.get(inputs, f) is not None for f in ("payment", "months", "payments"))
    has_rate = parsing.get(inputs, "daily_rate") is not None
    has_annual = parsing.get(inputs, "annual_rate") is not None
    if not (has_plan or has_rate or has_annual):
        raise parsing.fail(
            None,
            "请填写本金、每月还款额和期数，或填写日利率",
            "enter the principal, monthly payment and number of months, or a daily rate",
        )
    levels: list[tuple[Decimal, str]] = []
    if has_plan:
        principal = parsing.amount("principal", parsing.require(inputs, "principal"))
        field, payments = _payments(inputs, used)
        used["principal"] = money_str(principal)
        paid = total(payments)
        if paid < principal:
            raise parsing.fail(
                field,
                "各期还款合计少于本金，无法计算年化利率",
                "the payments add up to less than the principal: no APR",
            )
        irr = rates.periodic_irr([-principal] + payments)
        if irr is None:
            raise parsing.fail(
                field,
                "还款额相对本金过高（月利率超过 100%）",
                "payments too high for the principal (over 100% a month)",
            )
        nominal = rates.nominal_annual(irr)
        result.update(
            apr=_pct(nominal),
            apr_effective=_pct(rates.effective_annual(irr)),
            total_paid=money_str(paid),
            total_interest=money_str(paid - principal),
        )
        summary += [
            _row("apr", result["apr"], "percent"),
            _row("apr_effective", result["apr_effective"], "percent"),
            _row("total_paid", result["total_paid"], "yuan"),
            _row("total_interest", result["total_interest"], "yuan"),
        ]
        levels.append((nominal, "what_apr"))
    if has_rate:
        rate = parsing.daily_rate("daily_rate", parsing.require(inputs, "daily_rate"))
        mult = parsing.multiplier("multiplier", _opt(inputs, "multiplier", str(legal.DEFAULT_PENALTY_MULTIPLIER)))
        used.update(daily_rate=_daily_pct(rate) + "%", multiplier=str(mult))
        annual = rates.simple_annual(rate)
        with exact():
            penalty = rates.simple_annual(rate * mult)
        result.update(
            annual_360=_pct(annual["360"]),
            annual_365=_pct(annual["365"]),
            penalty_annual_360=_pct(penalty["360"]),
            penalty_annual_365=_pct(penalty["365"]),
        )
        summary += [
            _row(k, result[k], "percent")
            for k in ("annual_360", "annual_365", "penalty_annual_360", "penalty_annual_365")
        ]
        levels += [(annual["360"], "what_contract_rate"), (penalty["360"], "what_penalty_rate")]
    if has_annual:
        annual_given = parsing.annual_rate("annual_rate", parsing.require(inputs, "annual_rate"))
        used["annual_rate"] = _pct(annual_given) + "%"
        daily = rates.daily_from_annual(annual_given)
        result.update(daily_360=_daily_pct(daily["360"]), daily_365=_daily_pct(daily["365"]))
        summary += [
            _row("daily_360", result["daily_360"], "percent"),
            _row("daily_365", result["daily_365"], "percent"),
        ]
        levels.append((annual_given, "what_annual_rate"))
    result.update(
        above_court_level=any(rates.above_court_level(v) for v, _ in levels),
        court_level=_pct(legal.COURT_REDUCTION_ANNUAL_RATE),
        lpr=_pct(legal.LPR_ONE_YEAR),
        lpr_date=legal.LPR_DATE.isoformat(),
        lpr_4x=_pct(rates.lpr_reference()),
    )
    summary += [
        _row("court_level", result["court_level"], "percent"),
        _row("lpr", result["lpr"], "percent"),
        _row("lpr_4x", result["lpr_4x"], "percent"),
    ]
    result["summary"] = summary
    result["warnings"] = [_court_level_warning(v, what) for v, what in levels if rates.above_court_level(v)]
    result["notes"] = ([_note("apr")] if has_plan else []) + [_note("court_level"), _note("lpr")]
    return result


def _band_table(bands: tuple[court_mod.Band, ...]) -> dict[str, Any]:
    def band_range(b: court_mod.Band) -> str:
        return f"{money_str(b.low)}–{money_str(b.high)}" if b.high is not None else f"> {money_str(b.low)}"

    def rate_cell(b: court_mod.Band) -> str | dict[str, str]:
        """A percent is the same in both languages; the flat first band reads "每件 50.00 元"."""
        if b.rate is not None:
            return f"{_pct(b.rate)}%"
        flat_zh, flat_en = label("flat")
        return {"zh": flat_zh.format(fee=money_str(b.fee)), "en": flat_en.format(fee=money_str(b.fee))}

    return {
        "columns": [
            _column("band", "yuan_range"),
            _column("rate", "text"),
            _column("part", "yuan"),
            _column("fee", "yuan"),
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
            "rate": _pct(b.rate) if b.rate is not None else None,
            "part": money_str(b.part),
            "fee": money_str(b.fee),
        }
        for b in bands
    ]


def _court(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    claim = parsing.amount("claim", parsing.require(inputs, "claim"))
    procedure = parsing.choice("procedure", _opt(inputs, "procedure", "ordinary"), court_mod.PROCEDURES)
    unpaid = parsing.amount("unpaid", _opt(inputs, "unpaid", money_str(claim)), allow_zero=True)
    delay = parsing.integer("delay_days", _opt(inputs, "delay_days", "0"), low=0, high=parsing.MAX_DAYS)
    used.update(claim=money_str(claim), procedure=procedure, unpaid=money_str(unpaid), delay_days=str(delay))
    costs = court_mod.court_costs(claim, procedure, unpaid, delay)
    enforcement_fee = costs.enforcement_fee if unpaid > 0 else ZERO
    result = _base("court", used)
    result.update(
        claim=money_str(claim),
        procedure=procedure,
        halved=costs.halved,
        acceptance_fee=money_str(costs.acceptance_fee),
        acceptance_fee_payable=money_str(costs.acceptance_fee_payable),
        unpaid=money_str(unpaid),
        enforcement_fee=money_str(enforcement_fee),
        delay_days=delay,
        delay_interest=money_str(costs.delay_interest),
        total_costs=money_str(total((costs.acceptance_fee_payable, enforcement_fee, costs.delay_interest))),
        acceptance_bands=_bands_json(costs.acceptance_bands),
        enforcement_bands=_bands_json(costs.enforcement_bands) if unpaid > 0 else [],
    )
    result["summary"] = [
        _row("acceptance_fee", result["acceptance_fee"], "yuan"),
        _row("acceptance_fee_payable", result["acceptance_fee_payable"], "yuan"),
        _row("enforcement_fee", result["enforcement_fee"], "yuan"),
        _row("delay_interest", result["delay_interest"], "yuan"),
        _row("total_costs", result["total_costs"], "yuan"),
    ]
    result["table"] = _band_table(costs.acceptance_bands)
    result["enforcement_table"] = _band_table(costs.enforcement_bands) if unpaid > 0 else None
    result["notes"] = [_note("court_fees"), _note("delay")]
    return result


_HANDLERS: dict[str, Callable[[Inputs], Result]] = {
    "overdue": _overdue,
    "payoff": _payoff,
    "schedule": _schedule,
    "compare": _compare,
    "apr": _apr,
    "court": _court,
}


def run(mode: str, inputs: Inputs) -> Result:
    """Compute ``mode``; raise ``CalculatorInputError`` on bad input."""
    handler = _HANDLERS.get(str(mode).strip().lower())
    if handler is None:
        listed = " | ".join(MODES)
        raise CalculatorInputError(
            "mode",
            f"未知的计算类型：{str(mode)[:40]}（可选：{listed}）",
            f"unknown calculator: {str(mode)[:40]} (one of: {listed})",
        )
    if not isinstance(inputs, Mapping):
        raise CalculatorInputError(None, "输入格式错误", "inputs must be a mapping of field names to strings")
    return handler(inputs)


def compute(mode: str, inputs: Inputs) -> Result:
    """Like ``run`` but never raises: errors come back as ``{"ok": False, "error": {...}}``."""
    try:
        return run(mode, inputs)
    except CalculatorInputError as error:
        return {"ok": False, "mode": str(mode), "error": error.as_dict()}
    except Exception:  # a bug, not bad input: still never a traceback in front of a reader
        return {
            "ok": False,
            "mode": str(mode),
            "error": {
                "zh": "计算出错，请检查输入后重试",
                "en": "The calculation failed; check the inputs and try again",
                "field": None,
                "internal": True,
            },
        }

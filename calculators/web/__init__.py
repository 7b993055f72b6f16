"""The one entry point for the browser widget (Pyodide) and the build-time example tables.

``compute(mode, inputs)`` takes the raw strings a form gives and returns a JSON-serialisable
dict (only str/int/bool/list/dict/None; amounts as decimal strings such as ``"225.00"``, rates
as percent strings). It never raises: bad input gives
``{"ok": False, "mode": mode, "error": {"zh": ..., "en": ..., "field": <input key or None>}}``.
``run(mode, inputs)`` is the same but raises ``CalculatorInputError`` (the CLI uses it).

Input keys: every mode's fields, their kinds, defaults and words are defined once in
``calculators.schema`` (table: ``dev/calculator-fields.md``). All values are strings; dates
YYYY-MM-DD; booleans "true"/"false"; rates "0.05%" or "0.0005"; blank = absent = default.
Notes the schema does not say: ``overdue`` takes days | due + as_of (the dates win when all
three are given; as_of with days only dates the chart), or instalment lines
("YYYY-MM-DD,principal,interest", up to 36) + as_of; ``payoff`` takes days | accelerated +
as_of; ``apr`` takes principal + payment + months, or principal + payments ("a,b,c", up to 36),
and/or daily_rate [+ multiplier], and/or annual_rate; ``loan`` takes daily_rate or annual_rate
(divided by 360 or 365 per the convention), paid_count (instalments 1..n repaid on their due
dates) and payments ("YYYY-MM-DD,amount" one per line, up to 120).

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

loan      as_of, overdue_count (int), days_overdue (int, the largest), principal, interest,
          penalty_interest, compound_interest, total_due (everything overdue on as_of),
          daily_increase, remaining_principal (not yet due), accrued_interest (on it since the
          last due date, actual days), payoff_today (total_due + remaining_principal +
          accrued_interest: what settles the loan on as_of), paid, overpaid,
          next_due: {number, due, amount} | None (the next instalment not yet late, even when
          something is overdue), answer: {zh, en} (plain sentences),
          overdue_instalments: [{number (int, or "k-n" for the accelerated rest), due, days,
          principal, interest, penalty_interest, compound_interest, paid, total}] (unpaid
          amounts; paid = repaid towards it), penalty_daily_rate, penalty_annual_360,
          penalty_annual_365, charges_annual_360, charges_annual_365, above_court_level

overdue   days_overdue (int, the largest), principal, interest, penalty_interest,
          compound_interest, total_due, daily_increase, penalty_daily_rate (percent, 4 dp),
          penalty_annual_360, penalty_annual_365 (percent), charges_annual_360,
          charges_annual_365 (percent: 罚息 + 复利 as a rate on the overdue principal),
          above_court_level (bool: either charges figure above 24 %), instalments: [{due|None, days, principal, interest, penalty_interest,
          compound_interest, total}]
payoff    days_overdue, principal, contract_interest, penalty_interest, compound_interest,
          payoff_amount (= total_due, also given), daily_increase, penalty_daily_rate,
          penalty_annual_360, penalty_annual_365, charges_annual_360, charges_annual_365,
          above_court_level; table = the payoff amount after 0, 7, 15, 30, 60, 90... days more (within horizon)
schedule  method, convention, monthly_rate (percent, 4 dp), installments: [{number, payment,
          principal, interest, balance}], first_payment, total_interest, total_paid,
          apr, apr_effective (percent), annual_360, annual_365 (percent)
compare   scenarios: [{key: now|later|plan, label_zh, label_en, pay_days, principal, interest,
          penalty_interest, compound_interest, charges, total}], plan_installments:
          [{number, day, payment, principal, interest, penalty_interest, compound_interest}]
apr       apr, apr_effective, total_paid, total_interest (when payments are given);
          annual_360, annual_365, penalty_annual_360, penalty_annual_365 (when daily_rate
          given); daily_360, daily_365 (percent, 4 dp; when annual_rate given);
          above_court_level (bool), court_level "24.00", lpr "3.00", lpr_date (in force
          from), lpr_as_of (the publication it was last confirmed at; shown in its label),
          lpr_4x "12.00"
court     claim, procedure, halved (bool), acceptance_fee, acceptance_fee_payable,
          acceptance_fee_borrower (0 after withdrawal: the plaintiff bears it), unpaid,
          enforcement_fee, delay_days, delay_base, delay_interest, preservation_fee,
          payment_order_fee (1/3 of the acceptance fee; not in the total), total_costs,
          acceptance_bands / enforcement_bands: [{low, high|None, rate (percent)|None, part, fee}],
          enforcement_table (same shape as table); table = acceptance-fee bands
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..errors import CalculatorInputError
from . import apr as apr_mode
from . import compare as compare_mode
from . import court as court_mode
from . import loan as loan_mode
from . import overdue as overdue_mode
from . import schedule as schedule_mode
from .common import Inputs, Result

MODES = ("loan", "overdue", "payoff", "schedule", "compare", "apr", "court")

_HANDLERS: dict[str, Callable[[Inputs], Result]] = {
    "loan": loan_mode.loan,
    "overdue": overdue_mode.overdue,
    "payoff": overdue_mode.payoff,
    "schedule": schedule_mode.schedule,
    "compare": compare_mode.compare,
    "apr": apr_mode.apr,
    "court": court_mode.court,
}


def _name(mode: object) -> str:
    """The mode as text; an object whose ``str()`` fails is just unknown, never a traceback."""
    try:
        text = mode if isinstance(mode, str) else str(mode)
        return text.strip().lower()[:40]
    except Exception:  # noqa: BLE001 - whatever the object does, the reader gets a typed message
        return "?"


def run(mode: str, inputs: Inputs) -> Result:
    """Compute ``mode``; raise ``CalculatorInputError`` on bad input."""
    name = _name(mode)
    handler = _HANDLERS.get(name) if isinstance(mode, str) else None
    if handler is None:
        listed = " | ".join(MODES)
        raise CalculatorInputError(
            "mode",
            f"未知的计算类型：{name}（可选：{listed}）",
            f"unknown calculator: {name} (one of: {listed})",
        )
    if not isinstance(inputs, Mapping):
        raise CalculatorInputError(None, "输入格式错误", "inputs must be a mapping of field names to strings")
    return handler(inputs)


def compute(mode: str, inputs: Inputs) -> Result:
    """Like ``run`` but never raises: errors come back as ``{"ok": False, "error": {...}}``."""
    try:
        return run(mode, inputs)
    except CalculatorInputError as error:
        return {"ok": False, "mode": _name(mode), "error": error.as_dict()}
    except Exception:  # a bug, not bad input: still never a traceback in front of a reader
        return {
            "ok": False,
            "mode": _name(mode),
            "error": {
                "zh": "计算出错，请检查输入后重试",
                "en": "The calculation failed; check the inputs and try again",
                "field": None,
                "internal": True,
            },
        }

"""The one entry point for the browser widget (Pyodide) and the build-time example tables.

``compute(mode, inputs)`` takes the raw strings a form gives and returns a JSON-serialisable
dict (only str/int/bool/list/dict/None; amounts as decimal strings such as ``"225.00"``, rates
as percent strings). It never raises: bad input gives
``{"ok": False, "mode": mode, "error": {"zh": ..., "en": ..., "field": <input key or None>}}``.
``run(mode, inputs)`` is the same but raises ``CalculatorInputError`` (the CLI uses it).

Input keys (all strings; dates YYYY-MM-DD; booleans "true"/"false"; rates "0.05%" or "0.0005";
blank = absent = default):

=========  ===============================================================================
loan       principal (borrowed), months (1-36), daily_rate, method (equal-payment),
           convention ("30"), start (date borrowed), as_of, payments (repayments made:
           "YYYY-MM-DD,amount" one per line, up to 120), multiplier (1.5), compound (true),
           accelerated (date the whole loan was called due, optional), horizon (90)
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
court      claim, procedure (ordinary | simplified | settlement | withdrawal), unpaid
           (= claim), delay_days (0), delay_base (principal part of unpaid; = unpaid, an upper
           bound, with a note), preserved (property frozen by a preservation order; 0)
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

loan      as_of, overdue_count (int), days_overdue (int, the largest), principal, interest,
          penalty_interest, compound_interest, total_due (everything overdue on as_of),
          daily_increase, remaining_principal (not yet due), paid, overpaid,
          next_due: {number, due, amount} | None, answer: {zh, en} (one sentence),
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
budget    income, essential, available (never below 0), shortfall, owed, offered (= available,
          capped at owed), allocation "largest-remainder", offers: [{creditor, balance, share
          (percent), offer, months (to clear, int | None)}], statement {zh, en} (fixed-layout
          text), statement_rows [{key, zh, en, value, part (bool: a category)}], letter {zh, en} (the negotiation letter with these figures), answer {zh, en}
timeline  last_instalment_due, items: [{date, kind, title {zh,en}, basis {zh,en}, how {zh,en}
          (the arithmetic), nominal, moved (bool), beyond_table (bool), past (bool)}],
          steps: [{key, title, can_do, reached (bool)}] (no dates), holiday_table {source,
          last_year}, ics {zh, en} (RFC 5545 text of the items not yet past)

Plan-mode inputs (fields declared in web/budget.py and web/timeline.py ``FIELDS``):
budget    income | wages + benefits + other_income; essential | housing + food + utilities +
          transport + medical + children + priority_debts + other_essential (a total and its
          categories must agree); debts ("creditor,balance" one per line, up to 50)
timeline  start, months (the loan, as in loan), events ("kind,YYYY-MM-DD" one per line, up to
          40), accelerated, plan_start + plan_payment [+ plan_months (12)], as_of (today)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..errors import CalculatorInputError
from . import apr as apr_mode
from . import budget as budget_mode
from . import compare as compare_mode
from . import court as court_mode
from . import loan as loan_mode
from . import overdue as overdue_mode
from . import schedule as schedule_mode
from . import timeline as timeline_mode
from .common import Inputs, Result

MODES = ("loan", "overdue", "payoff", "schedule", "compare", "apr", "court", "budget", "timeline")

_HANDLERS: dict[str, Callable[[Inputs], Result]] = {
    "loan": loan_mode.loan,
    "overdue": overdue_mode.overdue,
    "payoff": overdue_mode.payoff,
    "schedule": schedule_mode.schedule,
    "compare": compare_mode.compare,
    "apr": apr_mode.apr,
    "court": court_mode.court,
    "budget": budget_mode.budget,
    "timeline": timeline_mode.timeline_mode,
}
#: The declared form fields of the plan modes (calculators.web.fields): CLI and form read them.
FORMS = {"budget": budget_mode.FIELDS, "timeline": timeline_mode.FIELDS}


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

"""What every presenter shares: the JSON builders, the readers of shared fields, the base result.

The JSON contract itself is documented once, in ``calculators.web`` (the package docstring).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from .. import legal, parsing, rates
from ..labels import WARNINGS, label, note
from ..money import ZERO, exact, percent_str
from ..overdue import Instalment, Terms

Result = dict[str, Any]
Inputs = Mapping[str, object]

DEFAULT_HORIZON = 90
DEFAULT_DELAY_DAYS = 30
DEFAULT_PLAN_MONTHS = 12
PAYOFF_MILESTONES = (0, 7, 15, 30, 60, 90, 180, 365, 730, 1095)


# --- small builders ----------------------------------------------------------------------


def summary_row(key: str, value: str, unit: str) -> dict[str, str]:
    zh, en = label(key)
    return {"key": key, "label_zh": zh, "label_en": en, "value": value, "unit": unit}


def column(key: str, unit: str) -> dict[str, str]:
    zh, en = label(key)
    return {"key": key, "label_zh": zh, "label_en": en, "unit": unit}


def note_item(key: str) -> dict[str, str]:
    return {"key": key, **note(key)}


def daily_pct(rate: Decimal) -> str:
    return percent_str(rate, 4)


def pct(rate: Decimal) -> str:
    return percent_str(rate, 2)


def axis(x_key: str, start: date | None) -> dict[str, Any]:
    xzh, xen = label(x_key)
    yzh, yen = label("series_y")
    return {
        "x": {"label_zh": xzh, "label_en": xen, "unit": "days"},
        "y": {"label_zh": yzh, "label_en": yen, "unit": "yuan"},
        "start_date": start.isoformat() if start else None,
    }


def court_level_warning(annual: Decimal, what: str) -> dict[str, str]:
    """The 24 % warning for the rate named by label key ``what``."""
    what_zh, what_en = label(what)
    zh, en = WARNINGS["court_level"]
    rate = pct(annual)
    return {"key": "court_level", "zh": zh.format(what=what_zh, rate=rate), "en": en.format(what=what_en, rate=rate)}


# --- shared input readers ----------------------------------------------------------------


def opt(inputs: Inputs, field: str, default: str) -> str:
    return parsing.get(inputs, field) or default


#: Days in the year an annual rate is divided by, per monthly-rate convention (schedule.CONVENTIONS):
#: daily x 30 a month is a 360-day year; daily x 365 / 12 a 365-day year.
YEAR_DAYS: dict[str, int] = {"30": 360, "365/12": 365}


def read_daily_rate(inputs: Inputs, used: dict[str, str], year: int | None = None) -> Decimal:
    """The contract daily rate; where ``year`` is given, an annual rate (年化利率, as the loan page
    shows it) may stand in for it, divided by ``year`` days."""
    raw_annual = parsing.get(inputs, "annual_rate") if year else None
    if raw_annual is not None and parsing.get(inputs, "daily_rate") is not None:
        raise parsing.fail("annual_rate", "与日利率只填一个", "fill in either this or the daily rate, not both")
    if raw_annual is None or year is None:
        rate = parsing.daily_rate("daily_rate", parsing.require(inputs, "daily_rate"))
    else:
        annual = parsing.annual_rate("annual_rate", raw_annual)
        with exact():
            rate = annual / year
        used["annual_rate"] = pct(annual) + "%"
    used["daily_rate"] = daily_pct(rate) + "%"
    return rate


def read_terms(inputs: Inputs, used: dict[str, str], year: int | None = None) -> Terms:
    rate = read_daily_rate(inputs, used, year)
    mult = parsing.multiplier("multiplier", opt(inputs, "multiplier", str(legal.DEFAULT_PENALTY_MULTIPLIER)))
    compound = parsing.boolean("compound", opt(inputs, "compound", "true"))
    used.update(multiplier=str(mult), compound=str(compound).lower())
    return Terms(rate, mult, compound)


def read_horizon(inputs: Inputs, used: dict[str, str]) -> int:
    value = parsing.integer("horizon", opt(inputs, "horizon", str(DEFAULT_HORIZON)), low=0, high=parsing.MAX_HORIZON)
    used["horizon"] = str(value)
    return value


def charge_rate(terms: Terms, items: list[tuple[Decimal, Decimal, int]]) -> Decimal:
    """罚息 and 复利 together as a daily rate on the overdue principal.

    法发〔2017〕22号 第二条 counts interest, compound interest and penalty together, so the 24 %
    check must too: (principal + unpaid interest) x penalty rate / principal, each instalment
    weighted by its principal-days (a day at least). ``items``: (principal, interest, days).
    """
    with exact():
        weight = sum((p * max(d, 1) for p, _, d in items), ZERO)
        if weight == 0:
            return terms.penalty_rate
        charged = sum(((p + (i if terms.compound else ZERO)) * max(d, 1) for p, i, d in items), ZERO)
        return terms.penalty_rate * charged / weight


def charge_rate_fields(terms: Terms, items: list[tuple[Decimal, Decimal, int]]) -> dict[str, Any]:
    """The penalty rate and the all-in charge rate, annualised both ways, and the 24 % flag."""
    annual = rates.simple_annual(terms.penalty_rate)
    charges = rates.simple_annual(charge_rate(terms, items))
    return {
        "penalty_daily_rate": daily_pct(terms.penalty_rate),
        "penalty_annual_360": pct(annual["360"]),
        "penalty_annual_365": pct(annual["365"]),
        "charges_annual_360": pct(charges["360"]),
        "charges_annual_365": pct(charges["365"]),
        "above_court_level": rates.daily_above_court_level(charge_rate(terms, items)),
    }


def rate_fields(terms: Terms, items: list[tuple[Instalment, int]]) -> dict[str, Any]:
    return charge_rate_fields(terms, [(i.principal, i.interest, d) for i, d in items])


def unused_warning(inputs: Inputs, used: dict[str, str], fields: tuple[str, ...]) -> list[dict[str, str]]:
    """A visible notice naming fields the reader filled in that this path did not use."""
    unused = [f for f in fields if parsing.get(inputs, f) is not None and f not in used]
    raw_days = parsing.get(inputs, "days")
    if "days" in fields and "days" in used and raw_days is not None and raw_days != used["days"]:
        unused.append("days")  # typed, but the dates gave another number of days
    if not unused:
        return []
    zh = "、".join(label(f)[0] for f in unused)
    en = ", ".join(label(f)[1] for f in unused)
    template_zh, template_en = WARNINGS["unused"]
    return [{"key": "unused", "zh": template_zh.format(fields=zh), "en": template_en.format(fields=en)}]


def charge_warnings(result: Result) -> list[dict[str, str]]:
    """The 24 % warning when 罚息 + 复利 on the overdue principal exceed it on either day count."""
    if not result["above_court_level"]:
        return []
    warning = court_level_warning(Decimal(result["charges_annual_365"]) / 100, "what_charges_rate")
    return [warning]


#: The legal sources behind each mode's figures (all from ``legal``).
SOURCES: dict[str, tuple[legal.Source, ...]] = {
    "overdue": (legal.PENALTY_SOURCE, legal.OVERDUE_INTEREST_SOURCE, legal.COURT_REDUCTION_SOURCE),
    "payoff": (legal.ACCELERATION_SOURCE, legal.PENALTY_SOURCE, legal.COURT_REDUCTION_SOURCE),
    "schedule": (legal.APR_SOURCE,),
    "compare": (legal.PENALTY_SOURCE, legal.COURT_REDUCTION_SOURCE),
    "apr": (legal.APR_SOURCE, legal.COURT_REDUCTION_SOURCE, legal.LPR_SOURCE, legal.LPR_MULTIPLE_SOURCE),
    "loan": (
        legal.PENALTY_SOURCE,
        legal.APPLICATION_ORDER_SOURCE,
        legal.EARLY_REPAYMENT_SOURCE,
        legal.ACCELERATION_SOURCE,
        legal.COURT_REDUCTION_SOURCE,
    ),
    "court": (
        legal.ACCEPTANCE_FEE_SOURCE,
        legal.HALVING_SOURCE,
        legal.LOSER_PAYS_SOURCE,
        legal.ENFORCEMENT_FEE_SOURCE,
        legal.DELAY_SOURCE,
        legal.WITHDRAWAL_SOURCE,
        legal.PAYMENT_ORDER_SOURCE,
        legal.PRESERVATION_SOURCE,
    ),
}


def base(mode: str, used: dict[str, str]) -> Result:
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

def with_accrual_notes(result: Result) -> Result:
    """Overdue and payoff explain the same accrual model and warn alike above the 24 % level."""
    result["notes"] = [note_item("model"), note_item("rounding"), note_item("court_level")]
    result["warnings"] += charge_warnings(result)
    return result

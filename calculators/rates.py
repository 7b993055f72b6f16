"""Annualised rates: simple (daily x 360 / x 365) and IRR-based APR, and the 24 % check.

The APR is what PBoC Announcement [2021] No. 3 asks lenders to show: the internal rate of
return of the cash flows, per period, times the periods in a year (nominal). The effective
annual rate (1 + i)^12 - 1 is given alongside.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .legal import (
    COURT_REDUCTION_ANNUAL_RATE,
    DAYS_360,
    DAYS_365,
    LPR_MULTIPLE,
    LPR_ONE_YEAR,
)
from .money import ZERO, exact

#: A monthly IRR above 100 % is not a loan plan but a typo; the solver refuses it.
MAX_PERIOD_RATE = Decimal(1)
_ITERATIONS = 90  # bisection halvings: 2**-90 of a 100 % bracket is far below 0.0001 %


def simple_annual(daily_rate: Decimal) -> dict[str, Decimal]:
    """Daily rate as a simple annual rate on a 360- and a 365-day year."""
    with exact():
        return {"360": daily_rate * DAYS_360, "365": daily_rate * DAYS_365}


def daily_from_annual(annual_rate: Decimal) -> dict[str, Decimal]:
    """A simple annual rate as a daily rate on a 360- and a 365-day year."""
    with exact():
        return {"360": annual_rate / DAYS_360, "365": annual_rate / DAYS_365}


def npv(rate: Decimal, flows: Sequence[Decimal]) -> Decimal:
    """Net present value of flows at periods 0, 1, 2, ... at ``rate`` per period."""
    with exact():
        factor = 1 / (1 + rate)
        value = ZERO
        discount = Decimal(1)
        for flow in flows:
            value += flow * discount
            discount *= factor
        return value


def periodic_irr(flows: Sequence[Decimal]) -> Decimal | None:
    """The per-period IRR of a loan's flows (first negative, the rest repayments), >= 0.

    Returns None when no rate in [0, 100 %] balances them (repayments below the loan, or an
    absurd plan). Bisection: slow but certain, and the NPV of a loan is monotone in the rate.
    """
    if not flows or flows[0] >= 0 or any(f < 0 for f in flows[1:]):
        return None
    low, high = ZERO, MAX_PERIOD_RATE
    if npv(low, flows) < 0 or npv(high, flows) > 0:
        return None
    with exact():
        for _ in range(_ITERATIONS):
            middle = (low + high) / 2
            if npv(middle, flows) > 0:
                low = middle
            else:
                high = middle
        return (low + high) / 2


def nominal_annual(period_rate: Decimal, periods_per_year: int = 12) -> Decimal:
    with exact():
        return period_rate * periods_per_year


def effective_annual(period_rate: Decimal, periods_per_year: int = 12) -> Decimal:
    with exact():
        return (1 + period_rate) ** periods_per_year - 1


def above_court_level(annual_rate: Decimal) -> bool:
    """True when an all-in annual rate exceeds the 24 % level of 法发〔2017〕22号 第二条."""
    return annual_rate > COURT_REDUCTION_ANNUAL_RATE


def daily_above_court_level(daily_rate: Decimal) -> bool:
    """The one 24 % check of a daily rate, used by every mode: above on either day count
    (x 360 or x 365), since the contract's year is not known."""
    annual = simple_annual(daily_rate)
    return above_court_level(annual["360"]) or above_court_level(annual["365"])


def lpr_reference() -> Decimal:
    """4 x one-year LPR (the private-lending cap; shown for reference only)."""
    with exact():
        return LPR_ONE_YEAR * LPR_MULTIPLE

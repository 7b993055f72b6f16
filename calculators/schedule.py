"""Monthly repayment schedules: 等额本息 (equal payments) and 等额本金 (equal principal).

The monthly rate comes from the daily rate under a selectable convention:
* ``"30"``     monthly rate = daily rate x 30 (the 360-day year common among Chinese lenders);
* ``"365/12"`` monthly rate = daily rate x 365 / 12.
WeBank's own convention is unverified; the default is ``"30"``.
Each month's interest is the outstanding balance x monthly rate, rounded half-up to the fen;
the last row takes whatever principal is left, so the principal column sums to the loan exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .money import FEN, ZERO, exact, fen, total

CONVENTIONS: dict[str, Decimal] = {"30": Decimal(30), "365/12": Decimal(365) / Decimal(12)}
DEFAULT_CONVENTION = "30"
METHODS = ("equal-payment", "equal-principal")


def monthly_rate(daily_rate: Decimal, convention: str = DEFAULT_CONVENTION) -> Decimal:
    with exact():
        return daily_rate * CONVENTIONS[convention]


@dataclass(frozen=True)
class Row:
    number: int
    payment: Decimal
    principal: Decimal
    interest: Decimal
    balance: Decimal  # principal still owed after this payment


@dataclass(frozen=True)
class Schedule:
    principal: Decimal
    monthly_rate: Decimal
    method: str
    rows: tuple[Row, ...]

    @property
    def total_interest(self) -> Decimal:
        return total(r.interest for r in self.rows)

    @property
    def total_paid(self) -> Decimal:
        return total(r.payment for r in self.rows)


def level_payment(principal: Decimal, rate: Decimal, months: int) -> Decimal:
    """等额本息 payment P*i*(1+i)^n / ((1+i)^n - 1), rounded half-up; P/n when i = 0."""
    with exact():
        if rate == 0:
            return fen(principal / months)
        growth = (1 + rate) ** months
        if growth == 1:  # a rate too small to tell from 0 at this precision
            return fen(principal / months)
        return fen(principal * rate * growth / (growth - 1))


def build(principal: Decimal, rate: Decimal, months: int, method: str) -> Schedule:
    """The amortisation table; ``rate`` is the monthly rate as a fraction."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    if months < 1 or principal <= 0:
        raise ValueError("need at least one month and a positive principal")
    rows: list[Row] = []
    balance = principal
    payment = level_payment(principal, rate, months)
    with exact():
        even_part = (principal / months).quantize(FEN, rounding=ROUND_HALF_UP)
    for number in range(1, months + 1):
        with exact():
            interest = fen(balance * rate)
        if number == months:
            part = balance
        elif method == "equal-payment":
            part = min(max(payment - interest, ZERO), balance)
        else:
            part = min(even_part, balance)
        balance = balance - part
        rows.append(Row(number, part + interest, part, interest, balance))
    return Schedule(principal, rate, method, tuple(rows))


#: How principal repaid ahead of its schedule changes the instalments still to come.
#: "lower-instalment" (减少月供): the same number of instalments, re-amortised on the new balance;
#: "shorter-term" (缩短期限): the same instalment (等额本息: the payment; 等额本金: the principal part),
#: so the last instalments fall away. The lender's own rule is unverified; the default is the first.
PREPAYMENT_RULES = ("lower-instalment", "shorter-term")
DEFAULT_PREPAYMENT = "lower-instalment"


def principal_parts(balance: Decimal, rate: Decimal, count: int, method: str) -> list[Decimal]:
    """The principal of ``count`` instalments re-amortising ``balance`` (lower-instalment)."""
    if balance <= 0 or count < 1:
        return []
    return [r.principal for r in build(balance, rate, count, method).rows]


def shortened_parts(balance: Decimal, rate: Decimal, keep: Decimal, method: str, count: int) -> list[Decimal]:
    """The principal of the instalments left when each keeps ``keep`` (shorter-term).

    ``keep`` is the level payment (等额本息) or the even principal part (等额本金); never more than
    ``count`` instalments, the last taking whatever principal is left.
    """
    parts: list[Decimal] = []
    while balance > 0 and len(parts) < count:
        with exact():
            interest = fen(balance * rate)
        part = keep - interest if method == "equal-payment" else keep
        part = balance if len(parts) == count - 1 else min(max(part, ZERO), balance)
        parts.append(part)
        balance -= part
    return parts

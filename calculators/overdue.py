"""Overdue cost (罚息, 复利) as of a date, and the full payoff after acceleration (提前到期).

Model (银发〔2003〕251号, see ``legal.PENALTY_SOURCE``):
* penalty (罚息) accrues daily on overdue principal at the penalty rate = daily rate x multiplier,
  instead of (not on top of) normal interest on that principal;
* compound interest (复利) accrues daily on unpaid contractual interest at the same penalty rate;
* neither compounds on itself (no interest on penalty or on compound interest).
Day count: the due date itself is day 0; each later calendar day adds one day of charges.
Each instalment's penalty and compound interest are rounded half-up to the fen once; totals
are sums of those rounded amounts, so the breakdown always adds up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import FEN, ZERO, exact, fen, total


@dataclass(frozen=True)
class Instalment:
    """One overdue instalment: unpaid principal and unpaid contractual interest."""

    principal: Decimal
    interest: Decimal
    due: date | None = None


@dataclass(frozen=True)
class Terms:
    """The charging terms of the contract."""

    daily_rate: Decimal
    multiplier: Decimal
    compound: bool = True

    @property
    def penalty_rate(self) -> Decimal:
        """Daily penalty rate (罚息日利率) = contract daily rate x multiplier."""
        with exact():
            return self.daily_rate * self.multiplier


@dataclass(frozen=True)
class InstalmentCost:
    instalment: Instalment
    days: int
    penalty: Decimal
    compound: Decimal

    @property
    def total(self) -> Decimal:
        return total((self.instalment.principal, self.instalment.interest, self.penalty, self.compound))


@dataclass(frozen=True)
class OverdueCost:
    rows: tuple[InstalmentCost, ...]

    @property
    def principal(self) -> Decimal:
        return total(r.instalment.principal for r in self.rows)

    @property
    def interest(self) -> Decimal:
        return total(r.instalment.interest for r in self.rows)

    @property
    def penalty(self) -> Decimal:
        return total(r.penalty for r in self.rows)

    @property
    def compound(self) -> Decimal:
        return total(r.compound for r in self.rows)

    @property
    def total_due(self) -> Decimal:
        return total((self.principal, self.interest, self.penalty, self.compound))


def instalment_cost(item: Instalment, days: int, terms: Terms) -> InstalmentCost:
    """Penalty and compound interest on one instalment after ``days`` days overdue."""
    if days < 0:
        raise ValueError("days must not be negative")
    with exact():
        rate = terms.penalty_rate * days
        penalty = fen(item.principal * rate)
        compound = fen(item.interest * rate) if terms.compound else ZERO
    return InstalmentCost(item, days, penalty, compound)


def overdue_cost(items: list[tuple[Instalment, int]], terms: Terms) -> OverdueCost:
    """Cost of several instalments, each with its own days overdue."""
    return OverdueCost(tuple(instalment_cost(item, days, terms) for item, days in items))


def days_between(start: date, end: date) -> int:
    """Calendar days from ``start`` to ``end`` (the due date itself counts as day 0)."""
    return (end - start).days


def growth_series(items: list[tuple[Instalment, int]], terms: Terms, horizon: int) -> list[tuple[int, Decimal]]:
    """Total due if paid k = 0..horizon days after the as-of date (for a chart).

    Same rounding as ``overdue_cost`` (each instalment's penalty and compound interest rounded
    once, then summed), in one tight loop: a 36-instalment, 5-year series must stay fast in Pyodide.
    """
    with exact():
        rate = terms.penalty_rate
        base = sum((i.principal + i.interest for i, _ in items), ZERO)
        accruals = [(i.principal * rate, i.interest * rate if terms.compound else ZERO, days) for i, days in items]
        series = []
        for k in range(horizon + 1):
            value = base
            for on_principal, on_interest, days in accruals:
                value += fen(on_principal * (days + k)) + fen(on_interest * (days + k))
            series.append((k, value.quantize(FEN)))
    return series


def daily_increase(items: list[Instalment], terms: Terms) -> Decimal:
    """What one more day of delay adds (exact daily accrual, rounded once)."""
    with exact():
        base = sum((i.principal + (i.interest if terms.compound else ZERO) for i in items), ZERO)
        return fen(base * terms.penalty_rate)

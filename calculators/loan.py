"""The borrower's own instalment loan on a date: what is overdue, what it costs, what is left.

Model (stated beside every result, WeBank's own rules are unverified):
* the repayment table is ``schedule.build`` (等额本息 / 等额本金); instalment k falls due on the
  draw date + k months, same day of the month, clamped to the month's last day (1-31 -> 2-28);
* an instalment is overdue when its due date is before the as-of date; from its due date (day 0)
  it bears 罚息 on its unpaid principal and 复利 on its unpaid contractual interest at the penalty
  rate, as in ``overdue`` (银发〔2003〕251号);
* a repayment goes, on its own date, to the oldest instalment not yet settled and, within it, to
  罚息 and 复利 first, then contractual interest, then principal (民法典 第五百六十一条, unless the
  contract says otherwise). Charges accrue day by day on what is actually unpaid, so a partial
  payment splits an instalment's overdue time into segments. A payment before a due date settles
  that instalment's scheduled amounts early (no interest is refunded);
* acceleration (提前到期) on a date A: every instalment due after A is replaced by one debt due on
  A: their principal plus the contractual interest accrued on it since the last due date
  (at the daily rate, at most that period's scheduled interest), penalised from A like an
  instalment, and owed from A itself (day 0).
Each instalment's charges are accumulated exactly and rounded half-up to the fen once, so with
no payment the figures are those of ``overdue`` run on the overdue instalments, to the fen.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .money import ZERO, exact, fen, total
from .overdue import Terms
from .schedule import Schedule


def due_date(start: date, months: int) -> date:
    """``start`` + ``months`` calendar months, same day, clamped to the month's last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Payment:
    when: date
    amount: Decimal


@dataclass
class Debt:
    """One instalment (or the accelerated rest of the loan) and what has happened to it."""

    number: int
    last_number: int  # == number unless this is the accelerated rest (number..last_number)
    due: date
    principal: Decimal  # scheduled
    interest: Decimal  # scheduled (or accrued to the acceleration date)
    principal_left: Decimal = ZERO
    interest_left: Decimal = ZERO
    penalty_exact: Decimal = ZERO  # accrued, unrounded
    compound_exact: Decimal = ZERO
    penalty_paid: Decimal = ZERO
    compound_paid: Decimal = ZERO
    paid: Decimal = ZERO
    accrued_to: date | None = None
    accelerated: bool = False
    applied: list[tuple[date, Decimal]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.principal_left = self.principal
        self.interest_left = self.interest
        self.accrued_to = self.due

    def accrue(self, until: date, terms: Terms) -> None:
        """Add the charges of the days from the last event to ``until`` (nothing before due)."""
        assert self.accrued_to is not None
        if until <= self.accrued_to:
            return
        days = (until - self.accrued_to).days
        with exact():
            rate = terms.penalty_rate * days
            self.penalty_exact += self.principal_left * rate
            if terms.compound:
                self.compound_exact += self.interest_left * rate
        self.accrued_to = until

    @property
    def penalty_left(self) -> Decimal:
        return fen(self.penalty_exact) - self.penalty_paid

    @property
    def compound_left(self) -> Decimal:
        return fen(self.compound_exact) - self.compound_paid

    @property
    def owed(self) -> Decimal:
        return total((self.principal_left, self.interest_left, self.penalty_left, self.compound_left))

    def pay(self, when: date, amount: Decimal) -> Decimal:
        """Apply ``amount`` (charges, then interest, then principal); return what is left over."""
        take = min(self.penalty_left, amount)
        self.penalty_paid += take
        amount -= take
        take = min(self.compound_left, amount)
        self.compound_paid += take
        amount -= take
        take = min(self.interest_left, amount)
        self.interest_left -= take
        amount -= take
        take = min(self.principal_left, amount)
        self.principal_left -= take
        amount -= take
        return amount

    @property
    def settled(self) -> bool:
        return self.owed <= 0


@dataclass(frozen=True)
class LoanState:
    """The loan on the as-of date."""

    as_of: date
    debts: tuple[Debt, ...]
    terms: Terms
    overpaid: Decimal
    accelerated: date | None

    def _late(self, debt: Debt) -> bool:
        """Due before the as-of date; after acceleration, all that is due by then, that day included."""
        called = self.accelerated is not None and debt.due <= self.accelerated
        return debt.due < self.as_of or (called and debt.due <= self.as_of)

    @property
    def overdue(self) -> tuple[Debt, ...]:
        """Debts due (see ``_late``) and not settled."""
        return tuple(d for d in self.debts if self._late(d) and not d.settled)

    @property
    def total_due(self) -> Decimal:
        return total(d.owed for d in self.overdue)

    @property
    def remaining_principal(self) -> Decimal:
        """Principal not yet due on the as-of date (due that day or later), unpaid."""
        return total(d.principal_left for d in self.debts if not self._late(d))

    @property
    def next_due(self) -> Debt | None:
        return next((d for d in self.debts if not self._late(d) and not d.settled), None)

    @property
    def paid(self) -> Decimal:
        return total(d.paid for d in self.debts)

    def daily_increase(self) -> Decimal:
        """What one more day adds: penalty rate x (unpaid principal + unpaid interest if compound)."""
        with exact():
            base = sum(
                (d.principal_left + (d.interest_left if self.terms.compound else ZERO) for d in self.overdue), ZERO
            )
            return fen(base * self.terms.penalty_rate)

    def series(self, horizon: int) -> list[tuple[int, Decimal]]:
        """Total overdue if paid k = 0..horizon days after the as-of date (no new instalment added)."""
        rate = self.terms.penalty_rate
        rows = [
            (
                d.principal_left + d.interest_left,
                d.penalty_exact,
                d.compound_exact,
                d.principal_left * rate,
                d.interest_left * rate if self.terms.compound else ZERO,
                d.penalty_paid + d.compound_paid,
            )
            for d in self.overdue
        ]
        out = []
        with exact():
            for k in range(horizon + 1):
                value = ZERO
                for base, pen, comp, per_p, per_i, paid in rows:
                    value += base + fen(pen + per_p * k) + fen(comp + per_i * k) - paid
                out.append((k, value))
        return out


def accrued_interest(balance: Decimal, daily_rate: Decimal, days: int, cap: Decimal) -> Decimal:
    """Contractual interest on ``balance`` for ``days`` days, at most the period's ``cap``."""
    with exact():
        return min(fen(balance * daily_rate * days), cap)


def debts(plan: Schedule, start: date, daily_rate: Decimal, accelerated: date | None) -> list[Debt]:
    """The instalments as debts; after ``accelerated``, the rest collapses into one debt due then."""
    found: list[Debt] = []
    rest = []
    for row in plan.rows:
        due = due_date(start, row.number)
        if accelerated is not None and due > accelerated:
            rest.append((row, due))
        else:
            found.append(Debt(row.number, row.number, due, row.principal, row.interest))
    if rest:
        first, _ = rest[0]
        period_start = due_date(start, first.number - 1)
        balance = sum((r.principal for r, _ in rest), ZERO)
        assert accelerated is not None
        interest = accrued_interest(balance, daily_rate, (accelerated - period_start).days, first.interest)
        found.append(Debt(first.number, rest[-1][0].number, accelerated, balance, interest, accelerated=True))
    return found


def loan_state(
    plan: Schedule,
    start: date,
    as_of: date,
    terms: Terms,
    payments: list[Payment],
    accelerated: date | None = None,
) -> LoanState:
    """Apply the payments in date order, oldest debt first, and accrue charges to ``as_of``."""
    listed = debts(plan, start, terms.daily_rate, accelerated)
    overpaid = ZERO
    for payment in sorted(payments, key=lambda p: p.when):
        left = payment.amount
        for debt in listed:
            debt.accrue(payment.when, terms)
            if left <= 0 or debt.settled:
                continue
            before = left
            left = debt.pay(payment.when, left)
            debt.paid += before - left
            debt.applied.append((payment.when, before - left))
        overpaid += left
    for debt in listed:
        debt.accrue(as_of, terms)
    return LoanState(as_of, tuple(listed), terms, overpaid, accelerated)

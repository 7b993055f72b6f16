"""The borrower's own instalment loan on a date: what is overdue, what settles it, what is next.

Model (stated beside every result; WeBank's own rules are unverified):
* the repayment table is ``schedule.build`` (等额本息 / 等额本金); instalment k falls due on the
  draw date + k months, same day of the month, clamped to the month's last day (1-31 -> 2-28);
  paid on its due date, an instalment carries its scheduled interest (balance x monthly rate);
* an instalment is overdue when its due date is before the as-of date; from its due date (day 0)
  it bears 罚息 on its unpaid principal and 复利 on its unpaid contractual interest at the penalty
  rate, as in ``overdue`` (银发〔2003〕251号);
* a repayment goes, on its own date, to the instalments already due, oldest first (民法典
  第五百六十条) and, within one, to 罚息 and 复利, then contractual interest, then principal. 第五百六十一条
  puts costs, then interest, then principal; 罚息 and 复利 are interest-type charges, and putting them
  before contractual interest is this model's choice (a contract may say otherwise);
* what is left of a repayment repays the loan early (民法典 第六百七十七条: interest only for the
  actual period): first the interest accrued on the principal not yet due since the last due date
  (or the draw date) at the daily rate for the actual days, never more than that period's
  scheduled interest, then principal: the next instalment's principal first, then the rest by
  ``schedule.PREPAYMENT_RULES`` (lower instalments, or a shorter term). The next instalment then
  carries only the interest of the rest of its period on what is still owed;
* acceleration (提前到期) on a date A: every instalment due after A is replaced by one debt due on
  A: the principal not yet due plus the contractual interest accrued on it since the last due
  date (as for an early repayment), penalised from A like an instalment, and owed from A (day 0).
Each instalment's charges are accumulated exactly and rounded half-up to the fen once, so with
no payment the figures are those of ``overdue`` run on the overdue instalments, to the fen.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .money import ZERO, exact, fen, total
from .overdue import Terms
from .periods import add_months
from . import schedule as schedule_mod
from .schedule import Schedule


def due_date(start: date, months: int) -> date:
    """``start`` + ``months`` calendar months, same day, clamped to the month's last day."""
    return add_months(start, months)


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


@dataclass
class Upcoming:
    """An instalment not yet due: its number, due date and (possibly reduced) principal."""

    number: int
    due: date
    principal: Decimal


@dataclass
class Book:
    """The loan as events happen, day by day: debts already due, and the principal still to come.

    The open period runs from the last due date (or the draw date) to the next; ``accrued_exact``
    holds the interest of its parts closed by an early repayment, ``interest_paid`` what of it
    has been paid early.
    """

    start: date
    terms: Terms
    monthly_rate: Decimal
    method: str
    rule: str
    keep: Decimal  # the instalment a shorter term keeps (payment, or principal part)
    accelerated: date | None
    upcoming: list[Upcoming]
    debts: list[Debt] = field(default_factory=list)
    today: date | None = None
    period_start: date | None = None
    cap: Decimal = ZERO
    accrued_exact: Decimal = ZERO
    segment_start: date | None = None
    interest_paid: Decimal = ZERO
    early: bool = False  # repaid early within the open period
    prepaid: Decimal = ZERO
    overpaid: Decimal = ZERO

    @property
    def balance(self) -> Decimal:
        """Principal not yet due."""
        return total(u.principal for u in self.upcoming)

    def _open_period(self, when: date) -> None:
        with exact():
            self.cap = fen(self.balance * self.monthly_rate)
        self.period_start = self.segment_start = when
        self.accrued_exact = ZERO
        self.interest_paid = ZERO
        self.early = False

    def accrued_interest(self, when: date) -> Decimal:
        """Contractual interest of the open period to ``when`` not yet paid (actual days, capped)."""
        if not self.upcoming or self.segment_start is None:
            return ZERO
        with exact():
            running = self.balance * self.terms.daily_rate * (when - self.segment_start).days
            return min(fen(self.accrued_exact + running), self.cap) - self.interest_paid

    def _period_interest(self, due: date) -> Decimal:
        """The interest an instalment carries on its due date: scheduled, unless repaid early in the period."""
        if not self.early:
            return self.cap
        return self.accrued_interest(due)

    def _fall_due(self, item: Upcoming) -> None:
        interest = self._period_interest(item.due)
        self.upcoming.pop(0)
        self.debts.append(Debt(item.number, item.number, item.due, item.principal, interest))
        self._open_period(item.due)

    def _accelerate(self, when: date) -> None:
        first, last = self.upcoming[0].number, self.upcoming[-1].number
        interest = self.accrued_interest(when)
        principal = self.balance
        self.upcoming.clear()
        self.debts.append(Debt(first, last, when, principal, interest, accelerated=True))

    def advance(self, until: date) -> None:
        """Let instalments (and an acceleration) fall due up to ``until``; accrue charges to it."""
        if self.period_start is None:
            self._open_period(self.start)
        while self.upcoming:
            called = self.accelerated is not None and self.accelerated <= until
            if called and self.upcoming[0].due > self.accelerated:  # type: ignore[operator]
                self._accelerate(self.accelerated)  # type: ignore[arg-type]
                break
            if self.upcoming[0].due > until:
                break
            self._fall_due(self.upcoming[0])
        for debt in self.debts:
            debt.accrue(until, self.terms)
        self.today = until

    def pay(self, when: date, amount: Decimal) -> None:
        """A repayment: debts due, oldest first; then early repayment; the rest is overpaid."""
        self.advance(when)
        left = amount
        for debt in self.debts:
            if left <= 0:
                break
            if debt.settled:
                continue
            before = left
            left = debt.pay(when, left)
            debt.paid += before - left
            debt.applied.append((when, before - left))
        if left > 0 and self.upcoming:
            left = self._repay_early(when, left)
        self.overpaid += left

    def _repay_early(self, when: date, amount: Decimal) -> Decimal:
        """Accrued interest (actual days), then principal: the next instalment's first."""
        interest = min(self.accrued_interest(when), amount)
        assert self.segment_start is not None
        with exact():
            self.accrued_exact += self.balance * self.terms.daily_rate * (when - self.segment_start).days
        self.segment_start = when
        self.interest_paid += interest
        principal = min(amount - interest, self.balance)
        self.prepaid += interest + principal
        current = self.upcoming[0]
        on_current = min(principal, current.principal)
        current.principal -= on_current
        rest = principal - on_current
        if rest > 0:
            later = self.upcoming[1:]
            left = total(u.principal for u in later) - rest
            if self.rule == "shorter-term":
                parts = schedule_mod.shortened_parts(left, self.monthly_rate, self.keep, self.method, len(later))
            else:
                parts = schedule_mod.principal_parts(left, self.monthly_rate, len(later), self.method)
            self.upcoming[1:] = [Upcoming(u.number, u.due, p) for u, p in zip(later, parts, strict=False)]
        if self.balance == 0:
            self.upcoming.clear()  # settled: nothing falls due any more
        elif current.principal == 0:
            self._merge_period(when, current)
        elif when == self.period_start and not self.early:
            self._open_period(when)  # repaid on the period's first day: as if it began with this balance
        else:
            self.early = True
        return amount - interest - principal

    def _merge_period(self, when: date, current: Upcoming) -> None:
        """The next instalment's principal is repaid (with its interest to ``when``): it is settled,
        and the interest of the rest of its period runs on into the following one (按日计息)."""
        self.upcoming.pop(0)
        days_left = (current.due - when).days
        self._open_period(when)
        with exact():
            self.cap += fen(self.balance * self.terms.daily_rate * days_left)
        self.early = True

    def late(self, debt: Debt, on: date) -> bool:
        """Due before ``on``; after acceleration, all that is due by then, that day included."""
        called = self.accelerated is not None and debt.due <= self.accelerated
        return debt.due < on or (called and debt.due <= on)

    def total_due(self, on: date) -> Decimal:
        return total(d.owed for d in self.debts if self.late(d, on) and not d.settled)


def open_book(plan: Schedule, start: date, terms: Terms, accelerated: date | None, rule: str) -> Book:
    upcoming = [Upcoming(r.number, due_date(start, r.number), r.principal) for r in plan.rows]
    keep = plan.rows[0].payment if plan.method == "equal-payment" else plan.rows[0].principal
    return Book(start, terms, plan.monthly_rate, plan.method, rule, keep, accelerated, upcoming)


@dataclass(frozen=True)
class NextInstalment:
    number: int
    due: date
    amount: Decimal  # what it asks on its due date (still unpaid, if it is due today)


@dataclass(frozen=True)
class LoanState:
    """The loan on the as-of date."""

    as_of: date
    book: Book

    @property
    def debts(self) -> tuple[Debt, ...]:
        return tuple(self.book.debts)

    @property
    def terms(self) -> Terms:
        return self.book.terms

    @property
    def accelerated(self) -> date | None:
        return self.book.accelerated

    @property
    def overpaid(self) -> Decimal:
        return self.book.overpaid

    def _late(self, debt: Debt) -> bool:
        return self.book.late(debt, self.as_of)

    @property
    def overdue(self) -> tuple[Debt, ...]:
        """Debts due (see ``Book.late``) and not settled."""
        return tuple(d for d in self.book.debts if self._late(d) and not d.settled)

    @property
    def total_due(self) -> Decimal:
        return self.book.total_due(self.as_of)

    @property
    def due_today(self) -> tuple[Debt, ...]:
        """Instalments falling due on the as-of date itself, unpaid (owed today, not yet late)."""
        return tuple(d for d in self.book.debts if not self._late(d) and not d.settled)

    @property
    def remaining_principal(self) -> Decimal:
        """Principal not yet due on the as-of date (due that day or later), unpaid."""
        return total([self.book.balance] + [d.principal_left for d in self.due_today])

    @property
    def accrued_interest(self) -> Decimal:
        """Contractual interest on the principal not yet due, since the last due date, to today."""
        return self.book.accrued_interest(self.as_of)

    @property
    def payoff_today(self) -> Decimal:
        """What settles the whole loan on the as-of date (民法典 第六百七十七条: actual days only)."""
        return total([self.total_due, self.book.balance, self.accrued_interest] + [d.owed for d in self.due_today])

    @property
    def next_due(self) -> NextInstalment | None:
        """The next instalment not yet late: one due today, else the next to fall due."""
        today = self.due_today
        if today:
            return NextInstalment(today[0].number, today[0].due, today[0].owed)
        if not self.book.upcoming:
            return None
        item = self.book.upcoming[0]
        return NextInstalment(item.number, item.due, total((item.principal, self.book._period_interest(item.due))))

    @property
    def paid(self) -> Decimal:
        return total([d.paid for d in self.book.debts] + [self.book.prepaid])

    def daily_increase(self) -> Decimal:
        """What one more day adds: penalty rate x (unpaid principal + unpaid interest if compound)."""
        with exact():
            base = sum(
                (d.principal_left + (d.interest_left if self.terms.compound else ZERO) for d in self.overdue), ZERO
            )
            return fen(base * self.terms.penalty_rate)

    def _future(self, until: date) -> list[tuple[date, Decimal, Decimal]]:
        """(due, principal, interest) of the instalments that fall due by ``until`` with no payment."""
        book, found = self.book, []
        balance = book.balance
        for i, item in enumerate(book.upcoming):
            if item.due > until:
                break
            with exact():
                interest = book._period_interest(item.due) if i == 0 else fen(balance * book.monthly_rate)
            found.append((item.due, item.principal, interest))
            balance -= item.principal
        return found

    def series(self, horizon: int) -> list[tuple[int, Decimal]]:
        """Total overdue if paid k = 0..horizon days after the as-of date, instalments falling due
        within the window included: what ``loan_state`` on that day gives, without re-running it."""
        rate, compound = self.terms.penalty_rate, self.terms.compound
        rows = []  # (first late day k, base, penalty now, compound now, per day on each, paid)
        for d in self.book.debts:
            if d.settled:
                continue
            called = self.accelerated is not None and d.due <= self.accelerated
            first = max((d.due - self.as_of).days + (0 if called else 1), 0)
            rows.append((first, 0, d.principal_left + d.interest_left, d.penalty_exact, d.compound_exact,
                         d.principal_left * rate, d.interest_left * rate if compound else ZERO,
                         d.penalty_paid + d.compound_paid))
        for due, principal, interest in self._future(self.as_of + timedelta(days=horizon)):
            offset = (due - self.as_of).days  # penalty runs from the due date (day 0)
            rows.append((offset + 1, offset, principal + interest, ZERO, ZERO, principal * rate,
                         interest * rate if compound else ZERO, ZERO))
        out = []
        with exact():
            for k in range(horizon + 1):
                value = ZERO
                for first, offset, base, pen, comp, per_p, per_i, paid in rows:
                    if k >= first:
                        value += base + fen(pen + per_p * (k - offset)) + fen(comp + per_i * (k - offset)) - paid
                out.append((k, fen(value)))
        return out


def loan_state(
    plan: Schedule,
    start: date,
    as_of: date,
    terms: Terms,
    payments: list[Payment],
    accelerated: date | None = None,
    rule: str = schedule_mod.DEFAULT_PREPAYMENT,
) -> LoanState:
    """Apply the payments in date order and let the loan run to ``as_of``."""
    book = open_book(plan, start, terms, accelerated, rule)
    by_day: dict[date, Decimal] = {}
    for payment in payments:  # one day's repayments act as one: how they were split cannot matter
        by_day[payment.when] = by_day.get(payment.when, ZERO) + payment.amount
    for when in sorted(by_day):
        book.pay(when, by_day[when])
    book.advance(as_of)
    return LoanState(as_of, book)

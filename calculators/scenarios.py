"""Side-by-side scenarios for an overdue debt: pay now, pay in N days, or a monthly plan.

The plan model (an assumption, since every negotiated plan differs): what is owed today
(principal, contractual interest, penalty and compound interest so far) is split into N equal
monthly parts, the first due 30 days from today, the last absorbing rounding. If penalty
continues during the plan, each instalment also pays 30 days of penalty on the principal
still unpaid before it (and, with compound interest, 30 days of compound interest on the
contractual interest still unpaid), at the penalty rate; nothing compounds on itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .money import FEN, ZERO, exact, fen, total
from .overdue import Instalment, OverdueCost, Terms, overdue_cost

PLAN_PERIOD_DAYS = 30


@dataclass(frozen=True)
class Scenario:
    key: str  # "now" | "later" | "plan"
    pay_days: int  # days from today until the debt is fully paid
    principal: Decimal
    interest: Decimal
    penalty: Decimal
    compound: Decimal

    @property
    def total(self) -> Decimal:
        return total((self.principal, self.interest, self.penalty, self.compound))

    @property
    def charges(self) -> Decimal:
        """What the borrower pays on top of principal and contractual interest."""
        return total((self.penalty, self.compound))


@dataclass(frozen=True)
class PlanRow:
    number: int
    day: int
    principal: Decimal
    interest: Decimal
    penalty: Decimal
    compound: Decimal

    @property
    def payment(self) -> Decimal:
        return total((self.principal, self.interest, self.penalty, self.compound))


def _even_parts(amount: Decimal, count: int) -> list[Decimal]:
    """``count`` parts of ``amount`` rounded to the fen, the last absorbing the rounding."""
    with exact():
        part = (amount / count).quantize(FEN, rounding=ROUND_HALF_UP)
    parts = [part] * (count - 1)
    parts.append(amount - part * (count - 1))
    if parts[-1] < 0:  # tiny amounts: pay it all in the first instalment instead
        parts = [amount] + [ZERO] * (count - 1)
    return parts


def _scenario(key: str, pay_days: int, cost: OverdueCost) -> Scenario:
    return Scenario(key, pay_days, cost.principal, cost.interest, cost.penalty, cost.compound)


def plan_rows(today: OverdueCost, terms: Terms, months: int, penalty_continues: bool) -> list[PlanRow]:
    principal_parts = _even_parts(today.principal, months)
    interest_parts = _even_parts(today.interest, months)
    penalty_parts = _even_parts(today.penalty, months)
    compound_parts = _even_parts(today.compound, months)
    rows: list[PlanRow] = []
    principal_left, interest_left = today.principal, today.interest
    for n in range(months):
        extra_penalty = extra_compound = ZERO
        if penalty_continues:
            with exact():
                rate = terms.penalty_rate * PLAN_PERIOD_DAYS
                extra_penalty = fen(principal_left * rate)
                extra_compound = fen(interest_left * rate) if terms.compound else ZERO
        rows.append(
            PlanRow(
                n + 1,
                PLAN_PERIOD_DAYS * (n + 1),
                principal_parts[n],
                interest_parts[n],
                penalty_parts[n] + extra_penalty,
                compound_parts[n] + extra_compound,
            )
        )
        principal_left -= principal_parts[n]
        interest_left -= interest_parts[n]
    return rows


def compare(
    item: Instalment,
    days: int,
    terms: Terms,
    delay_days: int,
    plan_months: int,
    plan_penalty: bool,
) -> tuple[list[Scenario], list[PlanRow]]:
    now = overdue_cost([(item, days)], terms)
    later = overdue_cost([(item, days + delay_days)], terms)
    rows = plan_rows(now, terms, plan_months, plan_penalty)
    plan = Scenario(
        "plan",
        PLAN_PERIOD_DAYS * plan_months,
        total(r.principal for r in rows),
        total(r.interest for r in rows),
        total(r.penalty for r in rows),
        total(r.compound for r in rows),
    )
    return [_scenario("now", 0, now), _scenario("later", delay_days, later), plan], rows

"""An income and expenditure statement and offers to creditors in proportion to what each is owed.

Why this shape: the UK Standard Financial Statement and National Debtline's budget give
creditors a fixed format they accept; the guide asks the reader to protect the essentials
first and offer only what is left. So:

* ``available`` = income - essentials (priority debts included), never below 0;
* the offers share ``available`` (at most the total owed) pro rata by balance, in whole fen,
  by the largest-remainder rule: each creditor first gets its exact share rounded down to the
  fen; the fen still missing go one each to the largest remainders (ties: the creditor listed
  first). The offers therefore add up exactly to what is shared, and no offer is off by a fen
  or more from its exact share.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .money import FEN, ZERO

#: Essentials by category, in the order a statement lists them.
ESSENTIALS = ("housing", "food", "utilities", "transport", "medical", "children", "priority_debts", "other_essential")
#: Income by category.
INCOMES = ("wages", "benefits", "other_income")


@dataclass(frozen=True)
class Debt:
    creditor: str
    balance: Decimal


@dataclass(frozen=True)
class Offer:
    creditor: str
    balance: Decimal
    monthly: Decimal
    months: int | None  # months to clear the balance at this offer; None when the offer is 0


@dataclass(frozen=True)
class Budget:
    income: Decimal
    essential: Decimal
    available: Decimal
    shortfall: Decimal  # how far the essentials exceed the income (0 when they do not)
    offers: tuple[Offer, ...]

    @property
    def offered(self) -> Decimal:
        return sum((o.monthly for o in self.offers), ZERO)

    @property
    def owed(self) -> Decimal:
        return sum((o.balance for o in self.offers), ZERO)


def _fen(value: Decimal) -> int:
    return int(value / FEN)


def allocate(pool: Decimal, balances: list[Decimal]) -> list[Decimal]:
    """Split ``pool`` (whole fen) pro rata by ``balances``, exactly, by the largest remainder."""
    pool_fen, weights = _fen(pool), [_fen(b) for b in balances]
    whole = sum(weights)
    if pool_fen == 0 or whole == 0:
        return [ZERO for _ in balances]
    shares = [divmod(pool_fen * w, whole) for w in weights]
    missing = pool_fen - sum(q for q, _ in shares)
    order = sorted(range(len(shares)), key=lambda i: (-shares[i][1], i))
    extra = set(order[:missing])
    return [Decimal(q + (1 if i in extra else 0)) * FEN for i, (q, _) in enumerate(shares)]


def _months(balance: Decimal, monthly: Decimal) -> int | None:
    if monthly <= 0:
        return None
    whole, rest = divmod(_fen(balance), _fen(monthly))
    return whole + (1 if rest else 0)


def budget(income: Decimal, essential: Decimal, debts: list[Debt]) -> Budget:
    left = income - essential
    available = max(left, ZERO)
    owed = sum((d.balance for d in debts), ZERO)
    monthly = allocate(min(available, owed), [d.balance for d in debts])
    offers = tuple(Offer(d.creditor, d.balance, m, _months(d.balance, m)) for d, m in zip(debts, monthly, strict=True))
    return Budget(income, essential, available, max(-left, ZERO), offers)

"""Exact money arithmetic: one Decimal context, one rounding rule.

Every amount is computed exactly and rounded half-up to the fen (0.01) once, where it is
reported; a total is the sum of the rounded parts it is shown with, so breakdowns add up.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, localcontext

FEN = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

# 50 significant digits: far more than any bounded input needs, so only the explicit
# half-up rounding to the fen ever changes a result.
PRECISION = 50


def exact() -> AbstractContextManager[Context]:
    """A local high-precision context for intermediate arithmetic."""
    return localcontext(Context(prec=PRECISION))


def fen(value: Decimal) -> Decimal:
    """Round to 0.01 half-up (四舍五入到分)."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def total(values: Iterable[Decimal]) -> Decimal:
    """Sum of already-rounded amounts (no further rounding is needed or done)."""
    result = ZERO
    for value in values:
        result += value
    return result.quantize(FEN)


def money_str(value: Decimal) -> str:
    """A rounded amount as the decimal string used in JSON, e.g. ``"225.00"``."""
    rounded = fen(value)
    return f"{abs(rounded) if rounded.is_zero() else rounded:.2f}"


def percent_str(rate: Decimal, places: int = 2) -> str:
    """A rate (0.18) as a percent string half-up to ``places`` decimals (``"18.00"``)."""
    step = Decimal(1).scaleb(-places)
    with exact():
        value = (rate * HUNDRED).quantize(step, rounding=ROUND_HALF_UP)
    return f"{value:.{places}f}"


def split_to_total(parts: list[Decimal]) -> list[Decimal]:
    """Round exact parts to fen so that they add up to the rounded exact sum.

    Largest-remainder method: used where a legal total (a court fee) is computed exactly and
    rounded once, and its per-band breakdown must still add up to it.
    """
    with exact():
        target = fen(sum(parts, ZERO))
        floors = [p.quantize(FEN, rounding=ROUND_FLOOR) for p in parts]
        short = int((target - sum(floors, ZERO)) / FEN)
        order = sorted(range(len(parts)), key=lambda i: parts[i] - floors[i], reverse=True)
        for i in order[:short]:
            floors[i] += FEN
    return floors

"""``fixed_point(lo, hi, places)``: the values ``st.decimals(lo, hi, places=places)`` draws, for less;
``any_decimal()``: what the unbounded ``st.decimals()`` draws, for less.

Why: Hypothesis builds a bounded fixed-point ``decimals`` as integers mapped to Decimal, then
joins it with an empty "special values" strategy (``| nothing()``), and drawing through that
one-branch ``one_of`` cost about as much again as the integer itself (0.3 ms a draw, a third of a
property example's drawing; measured with ``process_time`` over 300 examples). The same integers
scaled by 10**-places are the same values, each with exactly ``places`` decimals.

The unbounded ``st.decimals()`` (NaNs and infinities allowed) draws a fraction through
``integers(1).flatmap(...)``: a new numerator strategy made on every draw, whose validation and
analysis were about a tenth of tests/calculators/test_calculators_properties.py's run
(``python -m cProfile -m pytest`` on it). The numerator's strategy does not depend on the
denominator when there are no bounds, so ``any_decimal`` draws the two integers in the same order
from fixed strategies: from the same choices, the same value (tests/calculators/test_fixed_point.py).
"""

from __future__ import annotations

import math
from decimal import Context, Decimal
from fractions import Fraction

from hypothesis import strategies as st


def fixed_point(lo: str, hi: str, places: int) -> st.SearchStrategy[Decimal]:
    """Every Decimal from ``lo`` to ``hi`` (inclusive) with exactly ``places`` decimals."""
    scale = 10 ** places
    low, high = Decimal(lo) * scale, Decimal(hi) * scale
    if low != low.to_integral_value() or high != high.to_integral_value():
        raise ValueError(f"{lo} and {hi} must have at most {places} decimals")
    return st.integers(int(low), int(high)).map(lambda n: Decimal(n).scaleb(-places))


#: st.decimals' special values when neither bound is given, in its order.
SPECIAL = tuple(map(Decimal, ("Infinity", "-Infinity", "NaN", "-NaN", "sNaN", "-sNaN")))


def _fraction_to_decimal(denominator: int, numerator: int) -> Decimal:
    """``st.decimals``' own conversion of the (reduced) fraction: a context just precise enough."""
    value = Fraction(numerator, denominator)
    precision = math.ceil(math.log10(abs(value.numerator) or 1) + math.log10(value.denominator)) + 1
    return Context(prec=precision or 1).divide(Decimal(value.numerator), value.denominator)


def any_decimal() -> st.SearchStrategy[Decimal]:
    """What ``st.decimals()`` (= ``st.decimals(allow_nan=True, allow_infinity=True)``) draws."""
    return st.builds(_fraction_to_decimal, st.integers(min_value=1), st.integers()) | st.sampled_from(SPECIAL)

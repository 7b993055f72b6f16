"""``fixed_point`` draws what Hypothesis's bounded fixed-point ``decimals`` draws: same bounds, same places;
``any_decimal`` what its unbounded ``decimals`` draws, choice for choice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.calculators.fixed_point import any_decimal, fixed_point


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_values_are_those_of_hypothesis_decimals(data: st.DataObject) -> None:
    """Each drawn value is one ``st.decimals`` with the same arguments can draw (bounds, exponent),
    and the reverse: a value of ``st.decimals`` is in ``fixed_point``'s range with its exponent."""
    for lo, hi, places in (("0.01", "500000", 2), ("0.00001", "0.002", 6), ("1", "3", 2), ("0", "0.05", 2)):
        ours = data.draw(fixed_point(lo, hi, places))
        theirs = data.draw(st.decimals(min_value=Decimal(lo), max_value=Decimal(hi), places=places))
        for value in (ours, theirs):
            assert Decimal(lo) <= value <= Decimal(hi)
            assert value.as_tuple().exponent == -places


def test_both_ends_and_one_step_are_reachable() -> None:
    values: set[Decimal] = set()

    @settings(max_examples=200, deadline=None, database=None)
    @given(fixed_point("0.01", "0.03", 2))
    def collect(value: Decimal) -> None:
        values.add(value)

    collect()
    assert {str(v) for v in values} == {"0.01", "0.02", "0.03"}


def test_bounds_finer_than_the_places_are_refused() -> None:
    with pytest.raises(ValueError, match="at most 2 decimals"):
        fixed_point("0.001", "1", 2)


def test_any_decimal_draws_what_unbounded_decimals_draws_from_the_same_choices() -> None:
    """Each of 500 random runs of ``st.decimals()``, replayed choice for choice through
    ``any_decimal()``, gives the same value (the same text: NaN's sign, exponent and digits)."""
    import random

    from hypothesis.control import BuildContext
    from hypothesis.internal.conjecture.data import ConjectureData

    def draw(data: ConjectureData, strategy: st.SearchStrategy[Decimal]) -> str:
        with BuildContext(data, wrapped_test=lambda: None):
            return str(data.draw(strategy))

    theirs, ours, kinds = st.decimals(), any_decimal(), set()
    for seed in range(500):
        data = ConjectureData(random=random.Random(seed))
        value = draw(data, theirs)
        assert draw(ConjectureData.for_choices(data.choices), ours) == value, (seed, data.choices)
        kinds.add("special" if not Decimal(value).is_finite() else "fraction" if "." in value or "E" in value else "integer")
    assert kinds == {"special", "fraction", "integer"}

"""Properties of the plan modes over generated input: offers add up exactly, never exceed what is
available or owed, stay within a fen of the exact share; any input gives a result or the typed
bilingual error; every deadline falls on a working day and never before its event."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import CalculatorInputError
from calculators.periods import is_rest_day
from calculators.web import compute, run
from calculators.schema import MODES as SCHEMA

BUDGET_FIELDS, TIMELINE_FIELDS = SCHEMA["budget"].fields, SCHEMA["timeline"].fields

fen = st.integers(min_value=1, max_value=10_000_000_00).map(lambda n: Decimal(n) / 100)


@settings(max_examples=300, deadline=None)
@given(fen, fen, st.lists(fen, min_size=1, max_size=50))
def test_offers_add_up_and_stay_within_a_fen(income: Decimal, essential: Decimal, balances: list[Decimal]) -> None:
    debts = "\n".join(f"债主{i},{b}" for i, b in enumerate(balances))
    result = run("budget", {"income": str(income), "essential": str(essential), "debts": debts})
    available, owed = Decimal(result["available"]), sum(balances)
    assert available == max(income - essential, 0)
    offers = [Decimal(o["offer"]) for o in result["offers"]]
    pool = min(available, owed)
    assert sum(offers) == pool == Decimal(result["offered"])
    for offer, balance in zip(offers, balances, strict=True):
        assert offer <= balance
        assert abs(offer - pool * balance / owed) < Decimal("0.01")


_TEXT = st.one_of(st.sampled_from(["", "0", "-1", "6000", "1万", "abc", "NaN", "2026-02-30", "2026-01-15", "12",
                                   "微粒贷,12000", "demand,2027-01-01", "repaid-in-full,2026-03-01", "a,b,c",
                                   "judgment-due,2100-12-31", "9" * 5000]),
                  st.text(max_size=30))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["budget", "timeline"]),
       st.dictionaries(st.sampled_from([f.name for f in BUDGET_FIELDS + TIMELINE_FIELDS]), _TEXT, max_size=8))
def test_any_input_gives_a_result_or_the_typed_error(mode: str, inputs: dict[str, str]) -> None:
    try:
        result = run(mode, inputs)
    except CalculatorInputError as error:
        assert error.zh and error.en
        assert compute(mode, inputs)["error"]["zh"] == error.zh
        return
    assert "NaN" not in json.dumps(result)


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2020, 1, 1), date(2026, 12, 31)), st.integers(1, 36),
       st.lists(st.tuples(st.sampled_from(["demand", "acknowledgment", "payment-order-served", "summons-served",
                                           "judgment-served", "judgment-due", "repaid-in-full"]),
                          st.integers(0, 3000)), max_size=6))
def test_deadlines_fall_on_working_days_after_their_event(start: date, months: int, events: list) -> None:
    lines = "\n".join(f"{kind},{start + timedelta(days=d)}" for kind, d in events)
    result = run("timeline", {"start": str(start), "months": str(months), "events": lines, "as_of": "2026-12-07"})
    for item in result["items"]:
        day = date.fromisoformat(item["date"])
        if item["kind"] not in ("credit-record-until", "delay-interest-from", "plan-payment"):
            assert not is_rest_day(day), item
        assert day >= start
        assert day >= date.fromisoformat(item["nominal"])

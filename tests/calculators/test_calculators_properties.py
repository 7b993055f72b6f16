"""Property-based tests (hypothesis): invariants of the formulas over many generated inputs."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import CalculatorInputError, cli, schema
from calculators.court import acceptance_fee, enforcement_fee
from calculators.web import MODES, compute, run
from tests.calculators.fixed_point import any_decimal, fixed_point

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

amounts = fixed_point("0.01", "500000", 2)
interest_amounts = fixed_point("0", "50000", 2)
daily_rates = fixed_point("0.00001", "0.002", 6)
multipliers = fixed_point("1", "3", 2)
days = st.integers(min_value=0, max_value=3650)


def d(text: str) -> Decimal:
    return Decimal(text)


def overdue_inputs(p: Decimal, i: Decimal, r: Decimal, m: Decimal, compound: bool) -> dict[str, str]:
    """The overdue form as a reader fills it in, from one drawn example."""
    return {
        "principal": str(p),
        "interest": str(i),
        "daily_rate": str(r),
        "multiplier": str(m),
        "compound": str(compound).lower(),
    }


@SETTINGS
@given(amounts, interest_amounts, daily_rates, multipliers, st.booleans(), days, days)
def test_totals_never_decrease_with_more_days(p, i, r, m, compound, d1, d2) -> None:
    inputs = overdue_inputs(p, i, r, m, compound)
    low, high = sorted((d1, d2))
    a = run("overdue", {**inputs, "days": str(low)})
    b = run("overdue", {**inputs, "days": str(high)})
    for key in ("penalty_interest", "compound_interest", "total_due"):
        assert d(a[key]) <= d(b[key])
    # and the chart series is non-decreasing too
    series = run("overdue", {**inputs, "days": str(low), "horizon": "30"})["series"]
    values = [d(v) for _, v in series]
    assert values == sorted(values)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 400), amounts, interest_amounts), min_size=1, max_size=5),
    daily_rates,
    multipliers,
    st.booleans(),
    st.integers(0, 40),
)
def test_series_matches_the_totals_day_by_day(rows, r, m, compound, horizon) -> None:
    as_of = date(2026, 6, 30)
    lines = "\n".join(f"{(as_of - timedelta(days=n)).isoformat()},{p},{i}" for n, p, i in rows)
    common = {"daily_rate": str(r), "multiplier": str(m), "compound": str(compound).lower()}
    res = run("overdue", {**common, "instalments": lines, "as_of": as_of.isoformat(), "horizon": str(horizon)})
    assert res["series"][0] == [0, res["total_due"]]
    k = horizon // 2
    later = run("overdue", {**common, "instalments": lines, "as_of": (as_of + timedelta(days=k)).isoformat()})
    assert res["series"][k] == [k, later["total_due"]]


@SETTINGS
@given(amounts, interest_amounts, daily_rates, multipliers, st.booleans(), days)
def test_breakdown_adds_up(p, i, r, m, compound, n) -> None:
    res = run("overdue", {**overdue_inputs(p, i, r, m, compound), "days": str(n)})
    parts = sum(d(res[k]) for k in ("principal", "interest", "penalty_interest", "compound_interest"))
    assert parts == d(res["total_due"])
    if not compound:
        assert res["compound_interest"] == "0.00"


@SETTINGS
@given(amounts, interest_amounts, daily_rates, multipliers, st.booleans())
def test_zero_days_means_no_penalty(p, i, r, m, compound) -> None:
    res = run("overdue", {**overdue_inputs(p, i, r, m, compound), "days": "0"})
    assert (res["penalty_interest"], res["compound_interest"]) == ("0.00", "0.00")
    assert d(res["total_due"]) == p + i


@SETTINGS
@given(amounts, daily_rates, days)
def test_multiplier_one_without_compound_is_contract_interest(p, r, n) -> None:
    res = run(
        "overdue",
        {
            "principal": str(p),
            "interest": "0",
            "daily_rate": str(r),
            "multiplier": "1",
            "compound": "false",
            "days": str(n),
        },
    )
    contractual = (p * r * n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert d(res["penalty_interest"]) == contractual


@SETTINGS
@given(
    amounts,
    daily_rates,
    st.integers(min_value=1, max_value=36),
    st.sampled_from(["equal-payment", "equal-principal"]),
    st.sampled_from(["30", "365/12"]),
)
def test_schedule_principal_sums_to_the_loan(p, r, months, method, convention) -> None:
    res = run(
        "schedule",
        {"principal": str(p), "daily_rate": str(r), "months": str(months), "method": method, "convention": convention},
    )
    rows = res["installments"]
    assert len(rows) == months
    assert sum(d(row["principal"]) for row in rows) == p
    assert all(d(row["principal"]) >= 0 and d(row["interest"]) >= 0 for row in rows)
    assert all(d(row["payment"]) == d(row["principal"]) + d(row["interest"]) for row in rows)
    assert sum(d(row["payment"]) for row in rows) == d(res["total_paid"])
    assert d(res["total_paid"]) == p + d(res["total_interest"])
    assert rows[-1]["balance"] == "0.00"


@SETTINGS
@given(
    fixed_point("1000", "500000", 2),
    fixed_point("0.0001", "0.002", 5),
    st.integers(min_value=1, max_value=36),
)
def test_apr_of_a_schedule_gives_the_rate_back(p, r, months) -> None:
    """The IRR APR of an equal-payment schedule at monthly rate r x 30 is r x 360, up to the
    fen rounding of the payments (well under 0.05 percentage points from RMB 1000 up)."""
    res = run("schedule", {"principal": str(p), "daily_rate": str(r), "months": str(months)})
    expected = r * 360 * 100
    assert abs(d(res["apr"]) - expected) <= Decimal("0.05")
    # the apr mode on the level payment gives the same figure
    if months > 1:
        level = res["installments"][0]["payment"]
        apr = run("apr", {"principal": str(p), "payment": level, "months": str(months)})
        assert abs(d(apr["apr"]) - expected) <= Decimal("0.05")


@SETTINGS
@given(fixed_point("0.01", "1000000000", 2))
def test_court_fee_bands_add_up_and_grow(claim) -> None:
    for fee_of in (acceptance_fee, enforcement_fee):
        fee, bands = fee_of(claim)
        assert sum(b.fee for b in bands) == fee
        assert sum(b.part for b in bands) == claim
        bigger, _ = fee_of(claim + Decimal(1000))
        assert bigger >= fee
    half = run("court", {"claim": str(claim), "procedure": "simplified"})
    assert d(half["acceptance_fee_payable"]) <= d(half["acceptance_fee"])


_FIELDS = [
    "principal",
    "interest",
    "daily_rate",
    "multiplier",
    "compound",
    "days",
    "due",
    "as_of",
    "horizon",
    "instalments",
    "accelerated",
    "months",
    "method",
    "convention",
    "delay_days",
    "plan_months",
    "plan_penalty",
    "payment",
    "claim",
    "procedure",
    "unpaid",
    "start",
    "payments",
]
_TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "0",
            "-1",
            "1e9",
            "NaN",
            "inf",
            "-Infinity",
            "0.05%",
            "0.0005",
            "1.5",
            "true",
            "false",
            "2026-02-30",
            "2026-01-01",
            "2026-12-31",
            "37",
            "36",
            "1" * 60,
            "9" * 5000,
            "2026年2月29日",
            "1,000.5",
            "％",
            "0x10",
            "equal-payment",
            "365/12",
            "simplified",
            "2026-01-01,100,1\n2026-02-01,100,1",
            "2026-02-01,100\n2026-03-01,50.5",
            "1万",
            "万分之五",
            "1,5",
        ]
    ),
    any_decimal().map(str),  # st.decimals(allow_nan=True, allow_infinity=True), for less (fixed_point.py)
    st.integers().map(str),
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(MODES + ("bogus",)), st.dictionaries(st.sampled_from(_FIELDS), _TEXTS, max_size=10))
def test_any_input_gives_a_result_or_the_typed_error(mode, inputs) -> None:
    try:
        result = run(mode, inputs)
    except CalculatorInputError as error:
        assert error.zh and error.en
        failed = compute(mode, inputs)
        assert failed["ok"] is False and failed["error"]["zh"] == error.zh
        return
    assert result["ok"] is True
    text = json.dumps(result)
    assert "NaN" not in text and "Infinity" not in text
    assert compute(mode, inputs)["ok"] is True


class _Raising:
    """An object whose text cannot be read (a fuzz finding: compute() used to raise on it)."""

    def __str__(self) -> str:
        raise RuntimeError("no text")

    __repr__ = __str__


_ALL_FIELDS = sorted({f.name for m in schema.MODES.values() for f in m.fields})
_OBJECTS = st.one_of(
    _TEXTS,
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.builds(_Raising),
    st.lists(st.integers(), max_size=3),
    st.binary(max_size=8),
    any_decimal(),
)


def _typed_or_right(result: dict) -> None:
    """Only a typed bilingual error or a finished, JSON-clean answer is allowed."""
    if result["ok"]:
        text = json.dumps(result)
        assert "NaN" not in text and "Infinity" not in text
        return
    error = result["error"]
    assert error["zh"] and error["en"] and not error.get("internal"), error


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.sampled_from(MODES), st.text(max_size=8), st.builds(_Raising), st.integers(), st.none()),
    st.dictionaries(st.one_of(st.sampled_from(_ALL_FIELDS), st.text(max_size=8)), _OBJECTS, max_size=8),
)
def test_any_object_gives_a_typed_error_or_a_right_answer(mode, inputs) -> None:
    _typed_or_right(compute(mode, inputs))


#: Built once, not inside each example: hypothesis works out a new strategy's properties (can it
#: be empty, is it recursive) on its first draw, which cost more than the CLI run it feeds.
_CLI_FIELDS = {mode: st.lists(st.sampled_from(schema.MODES[mode].fields), max_size=6, unique_by=lambda f: f.name)
               for mode in MODES}
_CLI_VALUES = _TEXTS.filter(lambda t: not t.startswith("-"))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(MODES), st.data())
def test_the_cli_gives_a_typed_error_or_a_right_answer(mode, data) -> None:
    chosen = data.draw(_CLI_FIELDS[mode])
    argv = [mode, "--json"]
    for field in chosen:
        argv.append(field.cli_option)
        if field.kind != schema.BOOL:
            argv.append(data.draw(_CLI_VALUES))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(argv)
        except SystemExit as stop:  # argparse's own usage error
            status = stop.code
    assert "Traceback" not in err.getvalue()
    if status == 0:
        _typed_or_right(json.loads(out.getvalue()))
    else:
        assert status == cli.EXIT_BAD_INPUT and " / " in err.getvalue(), (argv, err.getvalue())

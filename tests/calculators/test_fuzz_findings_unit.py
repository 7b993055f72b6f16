"""Each fuzz finding of issue 25 is now a typed, bilingual error (or a right answer).

Standard library only (unittest): also run inside Pyodide.
"""

from __future__ import annotations

import unittest

from calculators import CalculatorInputError
from calculators.web import compute, run

LOAN = {"principal": "10000", "months": "12", "daily_rate": "0.05%", "start": "2026-01-15", "as_of": "2026-04-01"}


class Raising:
    def __str__(self) -> str:
        raise RuntimeError("no text")


def error(mode: object, inputs: object) -> dict:
    result = compute(mode, inputs)  # type: ignore[arg-type]
    assert result["ok"] is False, result
    assert not result["error"].get("internal"), result  # typed, not the catch-all
    return result["error"]


class Findings(unittest.TestCase):
    def test_a_tiny_positive_rate_is_refused(self) -> None:
        tiny = "0." + "0" * 48 + "1%"
        for mode in ("schedule", "loan"):
            with self.subTest(mode=mode):
                found = error(mode, {**LOAN, "daily_rate": tiny})
                self.assertEqual(found["field"], "daily_rate")
                self.assertIn("过小", found["zh"])
                self.assertIn("too small", found["en"])

    def test_the_smallest_rate_allowed_still_computes(self) -> None:
        # 0.000001 %/day: 10000 x 0.00000001 x 30 = 0.003 a month -> the payment is 10000 / 12 = 833.33
        r = run("schedule", {"principal": "10000", "daily_rate": "0.000001%", "months": "12"})
        self.assertEqual(r["first_payment"], "833.33")

    def test_a_mode_whose_str_raises(self) -> None:
        self.assertEqual(error(Raising(), {})["field"], "mode")
        self.assertEqual(error("loan", {"principal": Raising()})["field"], "principal")

    def test_superscripts_and_split_digits_are_refused(self) -> None:
        for text in ("1000²", "1 5", "１ ５", "①000", "10_00 0"):
            with self.subTest(text=text):
                found = error("overdue", {"principal": text, "daily_rate": "0.05%", "days": "30"})
                self.assertEqual(found["field"], "principal")
        # full-width digits and one grouped number still read
        r = run("overdue", {"principal": "１０,０００", "daily_rate": "0.05%", "days": "30"})
        self.assertEqual(r["principal"], "10000.00")

    def test_repayment_rows_carry_their_own_label(self) -> None:
        for payments in ("2026-02-15,abc", "\n".join(["2026-02-15,1"] * 121), "x" * 5000):
            with self.subTest(payments=payments[:20]):
                found = error("loan", {**LOAN, "payments": payments})
                self.assertEqual(found["field"], "payments")
                self.assertIn("已还款记录", found["zh"])
                self.assertIn("Repayments made", found["en"])
                self.assertNotIn("各月还款额", found["zh"])

    def test_a_daily_rate_that_looks_annual(self) -> None:
        # 18 % typed as a daily rate: 18 % / 360 = 0.05 %
        found = error("overdue", {"principal": "1000", "daily_rate": "18%", "days": "30"})
        self.assertEqual(found["field"], "daily_rate")
        self.assertIn("年化利率", found["zh"])
        self.assertIn("0.0500%", found["zh"])
        self.assertIn("looks like an annual rate", found["en"])

    def test_an_annual_rate_that_looks_daily(self) -> None:
        found = error("apr", {"annual_rate": "0.05%"})
        self.assertEqual(found["field"], "annual_rate")
        self.assertIn("看起来是日利率", found["zh"])
        self.assertIn("looks like a daily rate", found["en"])
        self.assertEqual(run("apr", {"annual_rate": "18%"})["daily_360"], "0.0500")  # 18 % / 360

    def test_one_24_percent_check_in_every_mode(self) -> None:
        # 0.0444 %/day x 1.5 = 0.0666 %: x 360 = 23.976 %, x 365 = 24.309 %: above on a 365-day year,
        # so apr and overdue (no unpaid interest: the charge rate is the penalty rate) both warn
        overdue = run("overdue", {"principal": "1000", "daily_rate": "0.0444%", "days": "30"})
        apr = run("apr", {"daily_rate": "0.0444%"})
        self.assertTrue(overdue["above_court_level"])
        self.assertTrue(apr["above_court_level"])
        self.assertEqual(apr["penalty_annual_365"], "24.31")
        below = {"daily_rate": "0.0437%"}  # x 1.5 x 365 = 23.93 %
        self.assertFalse(run("apr", below)["above_court_level"])
        self.assertFalse(run("overdue", {"principal": "1000", "days": "30", **below})["above_court_level"])

    def test_errors_are_bilingual_and_raise_typed(self) -> None:
        with self.assertRaises(CalculatorInputError):
            run("overdue", {"principal": "1000²", "daily_rate": "0.05%", "days": "30"})


if __name__ == "__main__":
    unittest.main()

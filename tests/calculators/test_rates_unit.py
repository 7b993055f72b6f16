"""Hand-checked annualised rates and the 24 % check (unittest only; also runs in Pyodide)."""

from __future__ import annotations

import unittest
from decimal import Decimal

from calculators import legal
from calculators.rates import effective_annual, npv, periodic_irr
from calculators.web import run


class SimpleAnnual(unittest.TestCase):
    def test_daily_to_annual(self) -> None:
        # 0.05 % x 360 = 18.00 %, x 365 = 18.25 %; penalty 0.075 % x 360 = 27.00 %, x 365 = 27.375 -> 27.38 %
        r = run("apr", {"daily_rate": "0.05%"})
        self.assertEqual((r["annual_360"], r["annual_365"]), ("18.00", "18.25"))
        self.assertEqual((r["penalty_annual_360"], r["penalty_annual_365"]), ("27.00", "27.38"))
        self.assertTrue(r["above_court_level"])  # 27 % > 24 %
        self.assertEqual(len(r["warnings"]), 1)  # the penalty rate; the contract rate 18 % is below

    def test_annual_to_daily(self) -> None:
        # 18 % / 360 = 0.05 % a day; 18 % / 365 = 0.049315... -> 0.0493 %
        r = run("apr", {"annual_rate": "18%"})
        self.assertEqual((r["daily_360"], r["daily_365"]), ("0.0500", "0.0493"))
        self.assertFalse(r["above_court_level"])
        # 36 % a year is above the 24 % level
        r = run("apr", {"annual_rate": "0.36"})
        self.assertEqual((r["daily_360"], r["above_court_level"]), ("0.1000", True))

    def test_below_court_level(self) -> None:
        # 0.04 % x 1.5 x 360 = 21.60 % <= 24 %
        r = run("apr", {"daily_rate": "0.0004"})
        self.assertEqual(r["penalty_annual_360"], "21.60")
        self.assertFalse(r["above_court_level"])
        self.assertEqual(r["warnings"], [])

    def test_lpr_constants(self) -> None:
        r = run("apr", {"daily_rate": "0.05%"})
        # 4 x 3.00 % = 12.00 %
        self.assertEqual(
            (r["lpr"], r["lpr_4x"], r["lpr_date"], r["court_level"]), ("3.00", "12.00", "2025-05-20", "24.00")
        )
        self.assertEqual(legal.LPR_ONE_YEAR, Decimal("0.03"))


class IrrApr(unittest.TestCase):
    def test_apr_of_level_payments(self) -> None:
        # 916.80 a month for 12 months on 10000 is the 1.5 % a month annuity: APR 1.5 x 12 = 18.00 %
        # effective (1.015)^12 - 1 = 19.56 %
        r = run("apr", {"principal": "10000", "payment": "916.80", "months": "12"})
        self.assertEqual((r["apr"], r["apr_effective"]), ("18.00", "19.56"))
        self.assertEqual((r["total_paid"], r["total_interest"]), ("11001.60", "1001.60"))  # 12 x 916.80
        self.assertFalse(r["above_court_level"])

    def test_flat_fee_loan_apr_is_higher_than_it_looks(self) -> None:
        # 12000 repaid as 12 x 1100: "1200 interest on 12000" looks like 10 %, but the balance
        # falls every month. At i = 1.5 % the annuity factor (1 - 1.015^-12) / 0.015 = 10.9075,
        # and 1100 x 10.9075 = 11998.3, just under 12000, so i is just under 1.5 %: 1.4977 % a
        # month x 12 = 17.97 % a year
        r = run("apr", {"principal": "12000", "payment": "1100", "months": "12"})
        self.assertEqual(r["apr"], "17.97")

    def test_any_monthly_plan(self) -> None:
        # 1000 lent, 600 and 600 back: 1000 = 600/(1+i) + 600/(1+i)^2 -> i = 13.0662 % a month
        # (see test_irr_solves_npv); x 12 = 156.79 %
        r = run("apr", {"principal": "1000", "payments": "600, 600"})
        self.assertEqual((r["apr"], r["total_paid"], r["total_interest"]), ("156.79", "1200.00", "200.00"))
        # the same level plan written out gives the same APR as payment x months
        r = run("apr", {"principal": "10000", "payments": ",".join(["916.80"] * 12)})
        self.assertEqual(r["apr"], "18.00")

    def test_zero_interest(self) -> None:
        r = run("apr", {"principal": "1200", "payment": "100", "months": "12"})
        self.assertEqual(r["apr"], "0.00")

    def test_irr_solves_npv(self) -> None:
        flows = [Decimal(-1000), Decimal(600), Decimal(600)]
        # 1000 = 600/(1+i) + 600/(1+i)^2  ->  i = 0.130662...
        i = periodic_irr(flows)
        self.assertIsNotNone(i)
        assert i is not None
        self.assertLess(abs(npv(i, flows)), Decimal("1e-12"))
        self.assertEqual(round(i, 6), Decimal("0.130662"))
        self.assertEqual(periodic_irr([Decimal(-1000), Decimal(400)]), None)  # repays less than lent
        self.assertEqual(round(effective_annual(Decimal("0.01")), 6), Decimal("0.126825"))  # 1.01^12 - 1


if __name__ == "__main__":
    unittest.main()

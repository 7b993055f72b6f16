"""Hand-checked repayment schedules (unittest only; also runs in Pyodide)."""

from __future__ import annotations

import unittest
from decimal import Decimal

from calculators.schedule import build, level_payment, monthly_rate
from calculators.web import run


class EqualPrincipal(unittest.TestCase):
    def test_five_months(self) -> None:
        # monthly rate = 0.0005 x 30 = 1.5 %; principal 5000 / 5 = 1000 a month
        # interest: 5000 x 1.5% = 75, 4000 -> 60, 3000 -> 45, 2000 -> 30, 1000 -> 15; sum 225
        r = run("schedule", {"principal": "5000", "daily_rate": "0.05%", "months": "5", "method": "equal-principal"})
        self.assertEqual([i["interest"] for i in r["installments"]], ["75.00", "60.00", "45.00", "30.00", "15.00"])
        self.assertEqual(
            [i["payment"] for i in r["installments"]], ["1075.00", "1060.00", "1045.00", "1030.00", "1015.00"]
        )
        self.assertEqual((r["total_interest"], r["total_paid"]), ("225.00", "5225.00"))
        self.assertEqual(r["monthly_rate"], "1.5000")

    def test_last_row_absorbs_rounding(self) -> None:
        # 10000 / 12 = 833.333... -> 833.33 for 11 months; last = 10000 - 11 x 833.33 = 833.37
        r = run("schedule", {"principal": "10000", "daily_rate": "0.05%", "months": "12", "method": "equal-principal"})
        principal = [Decimal(i["principal"]) for i in r["installments"]]
        self.assertEqual(principal[:11], [Decimal("833.33")] * 11)
        self.assertEqual(principal[11], Decimal("833.37"))
        self.assertEqual(sum(principal), Decimal("10000.00"))

    def test_365_convention(self) -> None:
        # monthly rate = 0.0005 x 365 / 12 = 0.015208333...; first interest 5000 x that = 76.0416... -> 76.04
        r = run(
            "schedule",
            {
                "principal": "5000",
                "daily_rate": "0.05%",
                "months": "5",
                "method": "equal-principal",
                "convention": "365/12",
            },
        )
        self.assertEqual(r["installments"][0]["interest"], "76.04")
        self.assertEqual(r["monthly_rate"], "1.5208")


class EqualPayment(unittest.TestCase):
    def test_twelve_months(self) -> None:
        # A = P i (1+i)^n / ((1+i)^n - 1), i = 0.015, n = 12: (1.015)^12 = 1.195618171...
        # A = 10000 x 0.015 x 1.195618171 / 0.195618171 = 916.7999... -> 916.80
        self.assertEqual(level_payment(Decimal(10000), Decimal("0.015"), 12), Decimal("916.80"))
        r = run("schedule", {"principal": "10000", "daily_rate": "0.05%", "months": "12"})
        first = r["installments"][0]
        # month 1: interest 10000 x 1.5% = 150.00; principal 916.80 - 150.00 = 766.80
        self.assertEqual((first["payment"], first["interest"], first["principal"]), ("916.80", "150.00", "766.80"))
        # month 2: interest 9233.20 x 1.5% = 138.498 -> 138.50
        self.assertEqual(r["installments"][1]["interest"], "138.50")
        self.assertEqual(sum(Decimal(i["principal"]) for i in r["installments"]), Decimal("10000.00"))
        # the last payment absorbs rounding: 903.26 principal + 13.55 interest = 916.81
        self.assertEqual(r["installments"][-1]["payment"], "916.81")
        self.assertEqual(r["total_paid"], "11001.61")  # 11 x 916.80 + 916.81
        self.assertEqual(r["apr"], "18.00")

    def test_zero_rate(self) -> None:
        plan = build(Decimal(1000), monthly_rate(Decimal(0)), 3, "equal-payment")
        # 1000 / 3 = 333.33, 333.33, last 333.34; no interest
        self.assertEqual([r.principal for r in plan.rows], [Decimal("333.33"), Decimal("333.33"), Decimal("333.34")])
        self.assertEqual(plan.total_interest, Decimal("0.00"))

    def test_single_month(self) -> None:
        # one month: 3000 + 3000 x 1.5% = 3045.00
        r = run("schedule", {"principal": "3000", "daily_rate": "0.05%", "months": "1"})
        self.assertEqual(
            r["installments"],
            [{"number": 1, "payment": "3045.00", "principal": "3000.00", "interest": "45.00", "balance": "0.00"}],
        )


if __name__ == "__main__":
    unittest.main()

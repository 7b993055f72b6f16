"""Hand-checked overdue and payoff cases; the arithmetic is written out beside each expectation.

Standard library only (unittest): these files also run inside Pyodide.
"""

from __future__ import annotations

import unittest

from calculators.web import run


def overdue(**inputs: str) -> dict:
    return run("overdue", inputs)


class OverdueSingleInstalment(unittest.TestCase):
    def test_done_means_case(self) -> None:
        # penalty = 10000 x 0.0005 x 1.5 x 30 = 10000 x 0.0225 = 225.00
        r = overdue(principal="10000", interest="0", daily_rate="0.05%", days="30")
        self.assertEqual(r["penalty_interest"], "225.00")
        self.assertEqual(r["compound_interest"], "0.00")
        self.assertEqual(r["total_due"], "10225.00")  # 10000 + 225

    def test_compound_interest_on_unpaid_interest(self) -> None:
        # penalty  = 10000 x 0.00075 x 30 = 225.00
        # compound = 150 x 0.00075 x 30 = 3.375 -> 3.38 (half-up)
        # total    = 10000 + 150 + 225.00 + 3.38 = 10378.38
        r = overdue(principal="10000", interest="150", daily_rate="0.05%", days="30")
        self.assertEqual((r["penalty_interest"], r["compound_interest"]), ("225.00", "3.38"))
        self.assertEqual(r["total_due"], "10378.38")
        # one more day adds (10000 + 150) x 0.00075 = 7.6125 -> 7.61
        self.assertEqual(r["daily_increase"], "7.61")

    def test_rounding_is_half_up_not_half_even(self) -> None:
        # compound = 10 x 0.00075 x 6 = 0.045 -> 0.05 half-up (half-even would give 0.04)
        r = overdue(principal="100", interest="10", daily_rate="0.05%", days="6")
        self.assertEqual(r["compound_interest"], "0.05")
        # penalty = 100 x 0.00075 x 6 = 0.45; total = 100 + 10 + 0.45 + 0.05 = 110.50
        self.assertEqual(r["total_due"], "110.50")

    def test_no_compound(self) -> None:
        r = overdue(principal="10000", interest="150", daily_rate="0.05%", days="30", compound="false")
        self.assertEqual(r["compound_interest"], "0.00")
        self.assertEqual(r["total_due"], "10375.00")  # 10000 + 150 + 225

    def test_multiplier_one_equals_contract_interest(self) -> None:
        # 10000 x 0.0005 x 1 x 30 = 150.00, the contractual interest for 30 days
        r = overdue(principal="10000", daily_rate="0.0005", multiplier="1", days="30", compound="false")
        self.assertEqual(r["penalty_interest"], "150.00")

    def test_multiplier_13(self) -> None:
        # 20000 x 0.0004 x 1.3 x 45 = 20000 x 0.00052 x 45 = 468.00
        r = overdue(principal="20000", daily_rate="0.04%", multiplier="1.3", days="45")
        self.assertEqual(r["penalty_interest"], "468.00")

    def test_zero_days(self) -> None:
        r = overdue(principal="5000", interest="80", daily_rate="0.05%", days="0")
        self.assertEqual((r["penalty_interest"], r["compound_interest"], r["total_due"]), ("0.00", "0.00", "5080.00"))

    def test_dates_instead_of_days(self) -> None:
        # 2026-01-31 -> 2026-03-02: 28 days of February + 2 = 30 days
        r = overdue(principal="10000", daily_rate="0.05%", due="2026-01-31", as_of="2026-03-02")
        self.assertEqual(r["days_overdue"], 30)
        self.assertEqual(r["total_due"], "10225.00")
        self.assertEqual(r["series_axis"]["start_date"], "2026-03-02")

    def test_dates_win_over_a_preset_days(self) -> None:
        # a form may still hold days=30 when the reader fills in dates: 2026-03-01 -> 03-11 = 10 days
        r = overdue(principal="10000", daily_rate="0.05%", days="30", due="2026-03-01", as_of="2026-03-11")
        self.assertEqual((r["days_overdue"], r["penalty_interest"]), (10, "75.00"))  # 10000 x 0.00075 x 10

    def test_days_with_as_of_dates_the_chart(self) -> None:
        r = overdue(principal="10000", daily_rate="0.05%", days="30", as_of="2026-03-11")
        self.assertEqual((r["days_overdue"], r["series_axis"]["start_date"]), (30, "2026-03-11"))
        self.assertIsNone(overdue(principal="1", daily_rate="0.05%", days="1")["series_axis"]["start_date"])

    def test_leap_year_days(self) -> None:
        # 2028-02-01 -> 2028-03-01 is 29 days (2028 is a leap year): 1000 x 0.00075 x 29 = 21.75
        r = overdue(principal="1000", daily_rate="0.05%", due="2028-02-01", as_of="2028-03-01")
        self.assertEqual((r["days_overdue"], r["penalty_interest"]), (29, "21.75"))

    def test_series_grows_by_daily_accrual(self) -> None:
        r = overdue(principal="10000", daily_rate="0.05%", days="30", horizon="10")
        self.assertEqual(len(r["series"]), 11)
        self.assertEqual(r["series"][0], [0, "10225.00"])
        self.assertEqual(r["series"][1], [1, "10232.50"])  # 31 days: 10000 x 0.00075 x 31 = 232.50
        self.assertEqual(r["series"][10], [10, "10300.00"])  # 40 days: 300.00

    def test_penalty_rate_fields(self) -> None:
        # 0.05% x 1.5 = 0.075 % a day; x 360 = 27.00 %, x 365 = 27.375 -> 27.38 %
        r = overdue(principal="1000", daily_rate="0.05%", days="1")
        self.assertEqual(r["penalty_daily_rate"], "0.0750")
        self.assertEqual((r["penalty_annual_360"], r["penalty_annual_365"]), ("27.00", "27.38"))
        self.assertTrue(r["above_court_level"])
        self.assertEqual([w["key"] for w in r["warnings"]], ["court_level"])


class OverdueSeveralInstalments(unittest.TestCase):
    def test_two_instalments(self) -> None:
        r = run(
            "overdue",
            {
                "instalments": "2026-01-10,1000,150\n2026-02-10,1000,135",
                "as_of": "2026-03-01",
                "daily_rate": "0.05%",
            },
        )
        first, second = r["instalments"]
        # 2026-01-10 -> 03-01: 21 + 28 + 1 = 50 days; 1000 x 0.00075 x 50 = 37.50;
        # 150 x 0.00075 x 50 = 5.625 -> 5.63; 1000 + 150 + 37.50 + 5.63 = 1193.13
        self.assertEqual(
            (first["days"], first["penalty_interest"], first["compound_interest"], first["total"]),
            (50, "37.50", "5.63", "1193.13"),
        )
        # 02-10 -> 03-01: 19 days; 1000 x 0.00075 x 19 = 14.25; 135 x 0.00075 x 19 = 1.92375 -> 1.92
        self.assertEqual(
            (second["days"], second["penalty_interest"], second["compound_interest"], second["total"]),
            (19, "14.25", "1.92", "1151.17"),
        )
        # totals are sums of the rows: 37.50 + 14.25 = 51.75; 5.63 + 1.92 = 7.55; 1193.13 + 1151.17
        self.assertEqual((r["penalty_interest"], r["compound_interest"], r["total_due"]), ("51.75", "7.55", "2344.30"))
        self.assertEqual(r["table"]["footer"][-1], "2344.30")
        self.assertEqual(r["days_overdue"], 50)


class Payoff(unittest.TestCase):
    def test_acceleration(self) -> None:
        # 2026-01-01 -> 2026-02-01 = 31 days; penalty rate 0.075 % a day
        # penalty  = 9000 x 0.00075 x 31 = 209.25
        # compound = 100 x 0.00075 x 31 = 2.325 -> 2.33
        # payoff   = 9000 + 100 + 209.25 + 2.33 = 9311.58
        r = run(
            "payoff",
            {
                "principal": "9000",
                "interest": "100",
                "daily_rate": "0.05%",
                "accelerated": "2026-01-01",
                "as_of": "2026-02-01",
            },
        )
        self.assertEqual(r["days_overdue"], 31)
        self.assertEqual(
            (r["principal"], r["contract_interest"], r["penalty_interest"], r["compound_interest"]),
            ("9000.00", "100.00", "209.25", "2.33"),
        )
        self.assertEqual(r["payoff_amount"], "9311.58")
        # per extra day: (9000 + 100) x 0.00075 = 6.825 -> 6.83
        self.assertEqual(r["daily_increase"], "6.83")
        # 30 days later (61 days): 9000 x 0.00075 x 61 = 411.75; 100 x 0.00075 x 61 = 4.575 -> 4.58
        row = next(row for row in r["table"]["rows"] if row[0] == "30")
        self.assertEqual(row, ["30", "2026-03-03", "61", "411.75", "4.58", "9516.33"])

    def test_payoff_with_days(self) -> None:
        r = run("payoff", {"principal": "10000", "daily_rate": "0.05%", "days": "30"})
        self.assertEqual(r["payoff_amount"], "10225.00")


if __name__ == "__main__":
    unittest.main()

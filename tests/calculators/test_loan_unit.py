"""Hand-checked cases of the ``loan`` mode: the borrower's own loan on a date.

Standard library only (unittest): these files also run inside Pyodide. Arithmetic is written out
beside each expectation; the schedule is 10,000 yuan, 12 months, 0.05 %/day (1.5 %/month under
the default "30" convention): payment 916.80; row 1 = 766.80 principal + 150.00 interest; row 2 =
778.30 + 138.50 (interest 9233.20 x 0.015 = 138.498). Penalty rate = 0.05 % x 1.5 = 0.075 %/day.
"""

from __future__ import annotations

import unittest
from datetime import date

from calculators import CalculatorInputError
from calculators.loan import due_date
from calculators.web import compute, run

LOAN = {"principal": "10000", "months": "12", "daily_rate": "0.05%", "start": "2026-01-15"}


def loan(**inputs: str) -> dict:
    return run("loan", {**LOAN, **inputs})


class DueDates(unittest.TestCase):
    def test_same_day_next_months(self) -> None:
        self.assertEqual([due_date(date(2026, 1, 15), k) for k in (1, 2, 12)],
                         [date(2026, 2, 15), date(2026, 3, 15), date(2027, 1, 15)])

    def test_month_end_is_clamped(self) -> None:
        start = date(2026, 1, 31)
        self.assertEqual([due_date(start, k) for k in (1, 2, 3, 4)],
                         [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)])

    def test_leap_years(self) -> None:
        self.assertEqual(due_date(date(2028, 1, 31), 1), date(2028, 2, 29))
        self.assertEqual(due_date(date(2027, 11, 29), 3), date(2028, 2, 29))
        self.assertEqual(due_date(date(2027, 11, 30), 15), date(2029, 2, 28))

    def test_month_end_loan_in_the_result(self) -> None:
        r = loan(start="2028-01-31", as_of="2028-03-01")
        # instalment 1 due 2028-02-29 (leap year), one day overdue
        self.assertEqual([(i["number"], i["due"], i["days"]) for i in r["overdue_instalments"]], [(1, "2028-02-29", 1)])
        self.assertEqual(r["next_due"]["due"], "2028-03-31")


class TwoMissedInstalments(unittest.TestCase):
    """The realistic case of the issue: nothing repaid, as of 2026-04-01 two instalments are late."""

    def setUp(self) -> None:
        self.r = loan(as_of="2026-04-01")

    def test_each_instalment(self) -> None:
        # 1: due 02-15, 45 days: penalty 766.80 x 0.00075 x 45 = 25.8795 -> 25.88,
        #    compound 150 x 0.03375 = 5.0625 -> 5.06, total 916.80 + 30.94 = 947.74
        # 2: due 03-15, 17 days: penalty 778.30 x 0.01275 = 9.923325 -> 9.92,
        #    compound 138.50 x 0.01275 = 1.765875 -> 1.77, total 916.80 + 11.69 = 928.49
        rows = [(i["days"], i["penalty_interest"], i["compound_interest"], i["total"])
                for i in self.r["overdue_instalments"]]
        self.assertEqual(rows, [(45, "25.88", "5.06", "947.74"), (17, "9.92", "1.77", "928.49")])

    def test_totals_and_answer(self) -> None:
        self.assertEqual(self.r["total_due"], "1876.23")  # 947.74 + 928.49
        # (766.80 + 150 + 778.30 + 138.50) x 0.00075 = 1833.60 x 0.00075 = 1.3752 -> 1.38
        self.assertEqual(self.r["daily_increase"], "1.38")
        self.assertEqual(self.r["overdue_count"], 2)
        self.assertEqual(self.r["remaining_principal"], "8454.90")  # 10000 - 766.80 - 778.30
        self.assertEqual(self.r["next_due"], {"number": 3, "due": "2026-04-15", "amount": "916.80"})
        # payoff today: 1876.23 overdue + 8454.90 not yet due + 8454.90 x 0.0005 x 17 days (03-15 to
        # 04-01) = 71.86665 -> 71.87 interest = 10403.00
        self.assertEqual((self.r["accrued_interest"], self.r["payoff_today"]), ("71.87", "10403.00"))
        self.assertEqual(self.r["answer"]["zh"], "截至 2026-04-01，你逾期 2 期，逾期部分应还 1,876.23 元，每天增加约 1.38 元；"
                         "今天一次还清全部借款需 10,403.00 元（含未到期本金 8,454.90 元）。下一期（第 3 期）2026-04-15 到期，应还 916.80 元。")
        self.assertIn("2 instalments overdue: the overdue part is 1,876.23 yuan", self.r["answer"]["en"])

    def test_equals_the_overdue_mode_on_the_same_instalments(self) -> None:
        schedule = run("schedule", {k: LOAN[k] for k in ("principal", "months", "daily_rate")})["installments"]
        lines = [f"2026-02-15,{schedule[0]['principal']},{schedule[0]['interest']}",
                 f"2026-03-15,{schedule[1]['principal']},{schedule[1]['interest']}"]
        o = run("overdue", {"daily_rate": "0.05%", "as_of": "2026-04-01", "instalments": "\n".join(lines)})
        for key in ("total_due", "penalty_interest", "compound_interest", "daily_increase", "principal", "interest"):
            self.assertEqual(self.r[key], o[key], key)


class Repayments(unittest.TestCase):
    def test_paid_on_time_is_not_overdue(self) -> None:
        r = loan(as_of="2026-06-01", payments="2026-02-15,916.80\n2026-03-15,916.80")
        self.assertEqual([i["number"] for i in r["overdue_instalments"]], [3, 4])
        self.assertEqual(r["paid"], "1833.60")

    def test_nothing_overdue(self) -> None:
        r = loan(as_of="2026-04-01", payments="2026-02-15,916.80；2026-03-15,916.80")
        self.assertEqual((r["overdue_count"], r["total_due"], r["table"]), (0, "0.00", None))
        self.assertIn("没有逾期", r["answer"]["zh"])
        self.assertIn("916.80", r["answer"]["zh"])

    def test_partial_payment_is_penalised_in_segments(self) -> None:
        # 1,000 in one month: interest 15.00, 1,015.00 due 2026-02-15. 500 paid on 03-07 (day 20):
        #   penalty so far 1000 x 0.00075 x 20 = 15.00, compound 15 x 0.015 = 0.225 (-> 0.23);
        #   500 pays 15.00 + 0.23 + interest 15.00 + principal 469.77 -> 530.23 principal left.
        # As of 04-01 (25 more days): penalty 15 + 530.23 x 0.00075 x 25 = 24.9418125 -> 24.94,
        #   of which 15.00 paid: 9.94 left; compound stays 0.23, paid. Owed 530.23 + 9.94 = 540.17.
        r = run("loan", {"principal": "1000", "months": "1", "daily_rate": "0.05%", "start": "2026-01-15",
                         "as_of": "2026-04-01", "payments": "2026-03-07,500"})
        row = r["overdue_instalments"][0]
        self.assertEqual((row["days"], row["principal"], row["interest"]), (45, "530.23", "0.00"))
        self.assertEqual((row["penalty_interest"], row["compound_interest"], row["paid"]), ("9.94", "0.00", "500.00"))
        self.assertEqual(r["total_due"], "540.17")
        # penalty on the whole principal for 45 days would have been 33.75: the segments matter
        self.assertEqual(r["daily_increase"], "0.40")  # 530.23 x 0.00075 = 0.3976725

    def test_payment_goes_to_the_oldest_instalment_first(self) -> None:
        # paid 916.80 on 03-15 while instalment 1 is 28 days late: it goes to instalment 1
        # (its 18.18 of charges first), so instalment 2 stays fully unpaid
        r = loan(as_of="2026-03-20", payments="2026-03-15,916.80")
        numbers = [i["number"] for i in r["overdue_instalments"]]
        self.assertEqual(numbers, [1, 2])
        first = r["overdue_instalments"][0]
        # 766.80 x 0.00075 x 28 = 16.1028 -> 16.10; 150 x 0.021 = 3.15: 19.25 of charges,
        # then 150 interest, 747.55 principal: 19.25 principal left
        self.assertEqual((first["principal"], first["interest"], first["paid"]), ("19.25", "0.00", "916.80"))

    def test_amounts_with_thousands_separators(self) -> None:
        a = loan(as_of="2026-06-01", payments="2026-02-15,1,833.60")
        b = loan(as_of="2026-06-01", payments="2026-02-15,1833.60")
        self.assertEqual((a["paid"], a["total_due"]), (b["paid"], b["total_due"]))

    def test_early_payment_settles_an_instalment(self) -> None:
        # 02-10, five days early: interest 10000 x 0.0005 x 26 days = 130.00, principal 786.80 covers
        # instalment 1's 766.80; the 20.00 beyond it re-amortises the rest (lower instalments)
        r = loan(as_of="2026-03-01", payments="2026-02-10,916.80")
        self.assertEqual((r["overdue_count"], r["next_due"]["number"]), (0, 2))

    def test_overpayment_is_reported_not_lost(self) -> None:
        r = run("loan", {"principal": "1000", "months": "1", "daily_rate": "0.05%", "start": "2026-01-15",
                         "as_of": "2026-03-01", "payments": "2026-02-15,1100"})
        self.assertEqual((r["overpaid"], r["total_due"]), ("85.00", "0.00"))  # 1100 - 1015
        self.assertIn("loan_overpaid", [n["key"] for n in r["notes"]])


class Acceleration(unittest.TestCase):
    def test_the_rest_falls_due_with_accrued_interest(self) -> None:
        # 1,000 in 2 months: payment 1000 x 0.015 x 1.030225 / 0.030225 = 511.28; row 1 = 496.28 +
        # 15.00 due 02-15; row 2 = 503.72 + 7.56 due 03-15. Called due on 02-25: 503.72 plus
        # 503.72 x 0.0005 x 10 = 2.5186 -> 2.52 interest, penalised from 02-25.
        r = run("loan", {"principal": "1000", "months": "2", "daily_rate": "0.05%", "start": "2026-01-15",
                         "accelerated": "2026-02-25", "as_of": "2026-03-07"})
        rows = [(i["number"], i["due"], i["days"], i["principal"], i["interest"], i["penalty_interest"],
                 i["compound_interest"], i["total"]) for i in r["overdue_instalments"]]
        self.assertEqual(rows, [
            # 496.28 x 0.00075 x 20 = 7.4442 -> 7.44; 15 x 0.015 = 0.225 -> 0.23
            (1, "2026-02-15", 20, "496.28", "15.00", "7.44", "0.23", "518.95"),
            # 503.72 x 0.00075 x 10 = 3.7779 -> 3.78; 2.52 x 0.0075 = 0.0189 -> 0.02
            (2, "2026-02-25", 10, "503.72", "2.52", "3.78", "0.02", "510.04"),
        ])
        self.assertEqual((r["total_due"], r["remaining_principal"], r["next_due"]), ("1028.99", "0.00", None))
        self.assertIn("提前到期", r["answer"]["zh"])

    def test_acceleration_must_be_in_the_loan(self) -> None:
        for when in ("2026-01-10", "2026-05-01"):
            with self.subTest(when=when):
                self.assertEqual(compute("loan", {**LOAN, "as_of": "2026-04-01", "accelerated": when})["error"]["field"],
                                 "accelerated")


class CourtLevel(unittest.TestCase):
    def test_penalty_and_compound_count_together(self) -> None:
        # the audit's case: 445.53 principal + 136.93 interest, 30 days, 0.05 % x 1.3 = 0.065 %/day.
        # The penalty rate alone is 23.40 % (x 360), 23.73 % (x 365): below 24 %. With compound:
        # 0.00065 x (445.53 + 136.93) / 445.53 x 360 = 30.59 %: above, so a warning.
        r = run("overdue", {"principal": "445.53", "interest": "136.93", "daily_rate": "0.05%",
                            "multiplier": "1.3", "days": "30"})
        self.assertEqual((r["penalty_annual_360"], r["charges_annual_360"]), ("23.40", "30.59"))
        self.assertTrue(r["above_court_level"])
        self.assertEqual([w["key"] for w in r["warnings"]], ["court_level"])

    def test_365_day_annualisation_counts(self) -> None:
        # 0.044 % x 1.5 = 0.066 %/day: x 360 = 23.76 %, x 365 = 24.09 %: above on a 365-day year
        r = run("overdue", {"principal": "1000", "daily_rate": "0.044%", "days": "30"})
        self.assertEqual((r["charges_annual_360"], r["charges_annual_365"]), ("23.76", "24.09"))
        self.assertTrue(r["above_court_level"])

    def test_below_both(self) -> None:
        r = run("overdue", {"principal": "1000", "daily_rate": "0.04%", "days": "30"})  # 0.06 %/day
        self.assertFalse(r["above_court_level"])
        self.assertEqual(r["warnings"], [])


class BadInput(unittest.TestCase):
    def field(self, **inputs: str) -> str | None:
        r = compute("loan", {**LOAN, "as_of": "2026-04-01", **inputs})
        self.assertFalse(r["ok"])
        return r["error"]["field"]

    def test_as_of_required(self) -> None:
        self.assertEqual(compute("loan", LOAN)["error"]["field"], "as_of")

    def test_as_of_before_start(self) -> None:
        self.assertEqual(self.field(as_of="2026-01-01"), "as_of")

    def test_payment_lines(self) -> None:
        for payments in ("2026-02-15", "2026-02-15,abc", "2026-02-30,100", "2026-05-01,100", "2025-12-01,100",
                         "2026-02-15,1,5", "2026-02-15,0"):
            with self.subTest(payments=payments):
                self.assertEqual(self.field(payments=payments), "payments")
        error = compute("loan", {**LOAN, "as_of": "2026-04-01", "payments": "2026-02-15,916.80\n2026-05-01,1"})["error"]
        self.assertIn("第 2 行", error["zh"])
        self.assertIn("line 2", error["en"])

    def test_months_and_rate(self) -> None:
        self.assertEqual(self.field(months="37"), "months")
        self.assertEqual(self.field(daily_rate="0"), "daily_rate")

    def test_raises_the_typed_error(self) -> None:
        with self.assertRaises(CalculatorInputError):
            run("loan", {**LOAN, "as_of": "2026-04-01", "principal": "abc"})


if __name__ == "__main__":
    unittest.main()

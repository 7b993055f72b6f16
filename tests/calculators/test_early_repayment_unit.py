"""Early repayment by the law's default (民法典 第六百七十七条: interest only for the actual period).

Standard library only (unittest): also run inside Pyodide. The loan is the issue's: 10,000 yuan,
12 months, 0.05 %/day (1.5 %/month under the "30" convention), from 2026-01-15: payment 916.80;
row 1 = 766.80 principal + 150.00 interest (due 02-15); row 2 = 778.30 + 138.50 (due 03-15).
"""

from __future__ import annotations

import unittest

from calculators.web import run

LOAN = {"principal": "10000", "months": "12", "daily_rate": "0.05%", "start": "2026-01-15"}


def loan(**inputs: str) -> dict:
    return run("loan", {**LOAN, **inputs})


class PayoffToday(unittest.TestCase):
    def test_the_issue_case(self) -> None:
        # instalment 1 paid on its due date; on 02-20 the loan is settled by the principal left,
        # 10000 - 766.80 = 9233.20, plus 9233.20 x 0.0005 x 5 days = 23.083 -> 23.08: 9256.28
        r = loan(as_of="2026-02-20", payments="2026-02-15,916.80")
        self.assertEqual((r["total_due"], r["remaining_principal"], r["accrued_interest"], r["payoff_today"]),
                         ("0.00", "9233.20", "23.08", "9256.28"))

    def test_paying_it_settles_the_loan(self) -> None:
        r = loan(as_of="2026-02-20", payments="2026-02-15,916.80\n2026-02-20,9256.28")
        self.assertEqual((r["payoff_today"], r["total_due"], r["overpaid"], r["next_due"]), ("0.00", "0.00", "0.00", None))
        self.assertEqual(r["paid"], "10173.08")  # 916.80 + 9256.28
        self.assertIn("paid off", r["answer"]["en"])

    def test_the_day_after_borrowing(self) -> None:
        # 10000 + 10000 x 0.0005 x 1 day = 10005.00; afterwards nothing more is ever owed
        self.assertEqual(loan(as_of="2026-01-16")["payoff_today"], "10005.00")
        later = loan(as_of="2027-06-01", payments="2026-01-16,10005")
        self.assertEqual((later["payoff_today"], later["total_due"], later["overpaid"]), ("0.00", "0.00", "0.00"))

    def test_with_instalments_overdue(self) -> None:
        # nothing repaid, 2026-04-01: overdue 947.74 + 928.49 = 1876.23; not yet due 10000 - 766.80
        # - 778.30 = 8454.90; interest since 03-15: 8454.90 x 0.0005 x 17 = 71.87; sum 10403.00
        r = loan(as_of="2026-04-01")
        self.assertEqual(r["payoff_today"], "10403.00")
        settled = loan(as_of="2026-04-01", payments="2026-04-01,10403.00")
        self.assertEqual((settled["payoff_today"], settled["overpaid"]), ("0.00", "0.00"))

    def test_on_a_due_date_the_instalment_is_owed_in_full(self) -> None:
        # 02-15: instalment 1 (916.80, scheduled interest) is due today, not late; plus 9233.20
        r = loan(as_of="2026-02-15")
        self.assertEqual((r["overdue_count"], r["payoff_today"]), (0, "10150.00"))
        self.assertEqual(r["next_due"], {"number": 1, "due": "2026-02-15", "amount": "916.80"})
        self.assertIn("今天", r["answer"]["zh"])


class PaidEarly(unittest.TestCase):
    def test_the_bill_paid_five_days_early(self) -> None:
        # 02-10: interest 10000 x 0.0005 x 26 days = 130.00; principal 786.80 covers instalment 1's
        # 766.80, so it is settled; 20.00 more comes off the later rows. Nothing is late on 03-01.
        r = loan(as_of="2026-03-01", payments="2026-02-10,916.80")
        self.assertEqual((r["overdue_count"], r["total_due"], r["next_due"]["number"]), (0, "0.00", 2))
        # the remaining 9213.20 bears interest from 02-10: on 03-01, 19 days: 87.5254 -> 87.53
        self.assertEqual((r["remaining_principal"], r["accrued_interest"]), ("9213.20", "87.53"))


class PrepaymentRule(unittest.TestCase):
    """On 02-15: 916.80 for instalment 1, 778.30 for instalment 2's principal, 1000 more:
    2695.10. Left: 9233.20 - 778.30 - 1000 = 7454.90, with instalments 3..12 (10) to come."""

    def run_rule(self, rule: str, as_of: str = "2026-02-15") -> dict:
        return loan(as_of=as_of, payments="2026-02-15,2695.10", prepayment=rule)

    def test_lower_instalment(self) -> None:
        # 7454.90 re-amortised over 10: 7454.90 x 0.015 x 1.015^10 / (1.015^10 - 1) = 808.37, row 3
        # principal 808.37 - 111.82 = 696.55. Instalment 2's period runs on (按日计息): interest on
        # 04-15 = min(7454.90 x 0.0005 x 59 days = 219.92, 111.82 + 7454.90 x 0.0005 x 28 = 104.37:
        # 216.19) = 216.19; 696.55 + 216.19 = 912.74
        r = self.run_rule("lower-instalment")
        self.assertEqual((r["payoff_today"], r["next_due"]), ("7454.90", {"number": 3, "due": "2026-04-15", "amount": "912.74"}))
        self.assertEqual(self.run_rule("lower-instalment", "2027-01-20")["overdue_count"], 10)

    def test_shorter_term(self) -> None:
        # the payment 916.80 is kept: row 3 principal 916.80 - 111.82 = 804.98, + 216.19 = 1021.17;
        # fewer instalments: 9 late on 2027-01-20 instead of 10
        r = self.run_rule("shorter-term")
        self.assertEqual(r["next_due"], {"number": 3, "due": "2026-04-15", "amount": "1021.17"})
        self.assertEqual(self.run_rule("shorter-term", "2027-01-20")["overdue_count"], 9)

    def test_the_rule_is_echoed_and_explained(self) -> None:
        r = self.run_rule("shorter-term")
        self.assertEqual(r["inputs"]["prepayment"], "shorter-term")
        self.assertIn("prepayment_shorter-term", [n["key"] for n in r["notes"]])
        self.assertIn("prepayment_lower-instalment", [n["key"] for n in loan(as_of="2026-02-15")["notes"]])


class BorrowerInputs(unittest.TestCase):
    def test_paid_on_time_count_is_those_repayments(self) -> None:
        by_count = loan(as_of="2026-04-01", paid_count="2")
        by_rows = loan(as_of="2026-04-01", payments="2026-02-15,916.80\n2026-03-15,916.80")
        # 10000 - 766.80 - 778.30 = 8454.90 + 71.87 interest since 03-15
        self.assertEqual((by_count["payoff_today"], by_count["paid"]), ("8526.77", "1833.60"))
        self.assertEqual(by_count["payoff_today"], by_rows["payoff_today"])

    def test_paid_count_beyond_the_as_of_date_is_refused(self) -> None:
        with self.assertRaises(Exception) as caught:
            loan(as_of="2026-04-01", paid_count="3")  # instalment 3 is due 04-15
        self.assertEqual(getattr(caught.exception, "field", None), "paid_count")

    def test_annual_rate_from_the_loan_page(self) -> None:
        # 18 % a year / 360 = 0.05 %/day (convention "30"): the same loan as the daily rate
        daily = loan(as_of="2026-04-01")
        annual = run("loan", {"principal": "10000", "months": "12", "annual_rate": "18%", "start": "2026-01-15",
                              "as_of": "2026-04-01"})
        self.assertEqual(annual["payoff_today"], daily["payoff_today"])
        self.assertIn("annual_to_daily_30", [n["key"] for n in annual["notes"]])
        # on a 365-day year, 18.25 % / 365 = 0.05 %/day again
        on_365 = run("loan", {"principal": "10000", "months": "12", "annual_rate": "18.25%", "start": "2026-01-15",
                              "as_of": "2026-04-01", "convention": "365/12"})
        self.assertEqual(on_365["inputs"]["daily_rate"], "0.0500%")


class Chart(unittest.TestCase):
    def test_day_90_is_the_package_total_for_that_day(self) -> None:
        # from 2026-04-01, day 90 is 2026-06-30: instalments 3 (04-15), 4 (05-15), 5 (06-15) fall
        # due inside the window and must be in the chart
        r = loan(as_of="2026-04-01")
        later = loan(as_of="2026-06-30")
        self.assertEqual(r["series"][90], [90, later["total_due"]])
        self.assertEqual(later["overdue_count"], 5)
        self.assertEqual(r["series"][14][1], loan(as_of="2026-04-15")["total_due"])  # due today: not late yet
        self.assertGreater(float(r["series"][15][1]) - float(r["series"][14][1]), 900)  # 04-15 falls due: +916.80


if __name__ == "__main__":
    unittest.main()

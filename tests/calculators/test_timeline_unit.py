"""The legal clocks by hand, each date beside its arithmetic and its statute (unittest only, also
runs in Pyodide). Counting: 民法典 第二百零一条 (first day not counted), 第二百零二条 (corresponding
day), 第二百零三条 / 民事诉讼法 第八十五条 (a last day on a statutory rest day moves to the next
working day). Holidays from calculators/holidays_cn.py (chinese-calendar 1.11.0)."""

from __future__ import annotations

import unittest
from datetime import date

from calculators.periods import is_rest_day, period_end
from calculators.web import compute, run

#: Borrowed 2026-01-15 in 12 instalments: instalment 12 is due 2027-01-15.
LOAN = {"start": "2026-01-15", "months": "12", "as_of": "2026-12-07"}


def items(events: str = "", **extra: str) -> list[dict]:
    return run("timeline", {**LOAN, "events": events, **extra})["items"]


def only(kind: str, found: list[dict]) -> dict:
    matching = [i for i in found if i["kind"] == kind]
    assert len(matching) == 1, matching
    return matching[0]


class Limitation(unittest.TestCase):
    def test_runs_once_from_the_last_instalment(self) -> None:
        # 民法典 第一百八十九条: one period for the whole instalment debt, from 2027-01-15 (the last
        # due date); 第一百八十八条: 3 years; 第二百零一条/第二百零二条: 2027-01-15 + 3 years = 2030-01-15
        found = items()
        self.assertEqual([i["kind"] for i in found], ["limitation-ends"])  # one item, not one per instalment
        self.assertEqual(found[0]["date"], "2030-01-15")
        self.assertIn("第一百八十九条", found[0]["basis"]["zh"])
        self.assertTrue(found[0]["beyond_table"])  # 2030 is after the table's last year (2026)

    def test_demand_restarts_it(self) -> None:
        # 第一百九十五条第（一）项: a demand on 2028-03-01 (within the period) restarts it: 2028-03-01 + 3 y
        # = 2031-03-01, a Saturday -> Monday 2031-03-03 (第二百零三条; past the table: weekends only)
        item = only("limitation-ends", items("demand,2028-03-01"))
        self.assertEqual((item["nominal"], item["date"]), ("2031-03-01", "2031-03-03"))

    def test_acknowledgment_restarts_it(self) -> None:
        # 第一百九十五条第（二）项 (诉讼时效规定 第十四条: paying part counts): 2029-06-30 + 3 y = 2032-06-30
        self.assertEqual(only("limitation-ends", items("acknowledgment,2029-06-30"))["date"], "2032-06-30")

    def test_demand_before_it_starts_changes_nothing(self) -> None:
        # a call in 2026, before the last instalment falls due, does not move the start (2027-01-15)
        self.assertEqual(only("limitation-ends", items("demand,2026-11-01"))["date"], "2030-01-15")

    def test_demand_after_it_ended_restarts_nothing(self) -> None:
        # ended 2030-01-15; a demand on 2031-01-01 is too late
        result = run("timeline", {**LOAN, "events": "demand,2031-01-01"})
        self.assertEqual(only("limitation-ends", result["items"])["date"], "2030-01-15")
        self.assertIn("after_limitation_demand", [n["key"] for n in result["notes"]])

    def test_acceleration_moves_it_earlier(self) -> None:
        # whole loan called due 2026-06-10: all of it falls due then: 2026-06-10 + 3 y = 2029-06-10,
        # a Sunday (past the table: weekends still move) -> Monday 2029-06-11
        result = run("timeline", {**LOAN, "accelerated": "2026-06-10"})
        item = only("limitation-ends", result["items"])
        self.assertEqual((item["nominal"], item["date"], item["beyond_table"]), ("2029-06-10", "2029-06-11", True))
        self.assertIn("acceleration", [n["key"] for n in result["notes"]])

    def test_lawsuit_gives_no_invented_date(self) -> None:
        # 第一百九十五条第（三）项: interrupted until the proceedings end: no date
        result = run("timeline", {**LOAN, "events": "summons-served,2027-05-06"})
        self.assertNotIn("limitation-ends", [i["kind"] for i in result["items"]])
        self.assertIn("sued_interrupts", [n["key"] for n in result["notes"]])

    def test_repaid_in_full_drops_it(self) -> None:
        self.assertNotIn("limitation-ends", [i["kind"] for i in items("repaid-in-full,2027-03-01")])


class CourtDeadlines(unittest.TestCase):
    def test_payment_order_objection(self) -> None:
        # 民事诉讼法 第二百二十七条第二款: 15 days from receipt; 2026-12-01 + 15 = 2026-12-16 (a Wednesday)
        item = only("payment-order-objection-deadline", items("payment-order-served,2026-12-01"))
        self.assertEqual((item["date"], item["moved"]), ("2026-12-16", False))
        self.assertIn("第二百二十七条", item["basis"]["zh"])

    def test_payment_order_across_national_day(self) -> None:
        # 2026-09-16 + 15 = 2026-10-01, National Day (holidays 10-01..10-07): 第八十五条 -> 2026-10-08
        item = only("payment-order-objection-deadline", items("payment-order-served,2026-09-16"))
        self.assertEqual((item["nominal"], item["date"], item["moved"]), ("2026-10-01", "2026-10-08", True))
        self.assertIn("顺延到 2026-10-08", item["how"]["zh"])

    def test_answer_deadline(self) -> None:
        # 第一百二十八条: 15 days; 2026-11-06 + 15 = 2026-11-21, a Saturday -> Monday 2026-11-23
        item = only("answer-deadline", items("summons-served,2026-11-06"))
        self.assertEqual((item["nominal"], item["date"]), ("2026-11-21", "2026-11-23"))

    def test_appeal_deadline(self) -> None:
        # 第一百七十一条: 15 days from service of the judgment: 2026-12-01 + 15 = 2026-12-16
        result = run("timeline", {**LOAN, "events": "judgment-served,2026-12-01"})
        self.assertEqual(only("appeal-deadline", result["items"])["date"], "2026-12-16")
        self.assertIn("small_claims", [n["key"] for n in result["notes"]])  # 第一百六十五条: no appeal

    def test_enforcement_and_delay_interest(self) -> None:
        # 第二百五十条: 2 years from the last day to pay: 2027-02-26 + 2 y = 2029-02-26 (a Monday);
        # 第二百六十四条: double interest from the next day, 2027-02-27
        found = items("judgment-due,2027-02-26")
        self.assertEqual(only("enforcement-application-deadline", found)["date"], "2029-02-26")
        self.assertEqual(only("delay-interest-from", found)["date"], "2027-02-27")


class CreditRecord(unittest.TestCase):
    def test_five_years_from_repayment(self) -> None:
        # 征信业管理条例 第十六条: 5 years from the day the default ends: 2027-03-01 + 5 y = 2032-03-01,
        # a retention period, not a deadline for an act: never moved
        item = only("credit-record-until", items("repaid-in-full,2027-03-01"))
        self.assertEqual((item["date"], item["moved"], item["beyond_table"]), ("2032-03-01", False, False))
        self.assertIn("第十六条", item["basis"]["zh"])


class Periods(unittest.TestCase):
    def test_adjusted_working_saturday_is_not_a_rest_day(self) -> None:
        # 2026-09-20 (Sunday) is a 调休 working day before National Day in the 2026 notice
        self.assertFalse(is_rest_day(date(2026, 9, 20)))
        self.assertTrue(is_rest_day(date(2026, 10, 3)))

    def test_leap_day_corresponding_day(self) -> None:
        # 民法典 第二百零二条: no 2029-02-29, so the month's last day, 2029-02-28 (a Wednesday)
        self.assertEqual(period_end(date(2028, 2, 29), years=1).nominal, date(2029, 2, 28))


class PlanAndCalendar(unittest.TestCase):
    def test_plan_payments_are_dated_monthly(self) -> None:
        found = items(plan_start="2027-01-31", plan_payment="1080", plan_months="3")
        plan = [i for i in found if i["kind"] == "plan-payment"]
        self.assertEqual([i["date"] for i in plan], ["2027-01-31", "2027-02-28", "2027-03-31"])
        self.assertIn("1080.00", plan[0]["title"]["zh"])

    def test_every_item_has_the_fields(self) -> None:
        events = "demand,2026-11-01\npayment-order-served,2026-12-01\njudgment-served,2027-02-01\n" \
                 "judgment-due,2027-02-26\nrepaid-in-full,2027-03-01"
        for item in items(events):
            self.assertTrue(item["date"] and item["kind"])
            for part in ("title", "basis", "how"):
                self.assertTrue(item[part]["zh"] and item[part]["en"], (item["kind"], part))

    def test_past_items_stay_out_of_the_calendar(self) -> None:
        result = run("timeline", {**LOAN, "events": "payment-order-served,2026-09-16"})
        self.assertTrue(only("payment-order-objection-deadline", result["items"])["past"])
        self.assertNotIn("BEGIN:VEVENT", result["ics"]["zh"])


class BadInput(unittest.TestCase):
    def error(self, **inputs: str) -> dict:
        result = compute("timeline", {**LOAN, **inputs})
        self.assertFalse(result["ok"], result)
        self.assertTrue(result["error"]["zh"] and result["error"]["en"])
        return result["error"]

    def test_impossible_date(self) -> None:
        error = self.error(events="demand,2027-02-30")
        self.assertEqual(error["field"], "events")
        self.assertIn("2027-02-30", error["zh"])

    def test_event_before_the_loan(self) -> None:
        self.assertIn("before the date borrowed", self.error(events="demand,2025-12-31")["en"])

    def test_unknown_kind(self) -> None:
        self.assertIn("demand", self.error(events="phonecall,2026-12-01")["en"])

    def test_too_many_events(self) -> None:
        self.assertIn("40", self.error(events="\n".join(["demand,2026-12-01"] * 41))["en"])

    def test_plan_needs_both_fields(self) -> None:
        self.assertEqual(self.error(plan_start="2027-01-01")["field"], "plan_payment")

    def test_months_out_of_range(self) -> None:
        self.assertEqual(self.error(months="0")["field"], "months")


if __name__ == "__main__":
    unittest.main()

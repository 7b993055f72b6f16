"""Hand-checked scenario comparison (unittest only; also runs in Pyodide)."""

from __future__ import annotations

import unittest

from calculators.web import run


class Compare(unittest.TestCase):
    def base(self, **extra: str) -> dict:
        inputs = {"principal": "10000", "interest": "150", "daily_rate": "0.05%", "days": "30", "delay_days": "30"}
        inputs.update(extra)
        return run("compare", inputs)

    def test_now_and_later(self) -> None:
        now, later, _ = self.base(plan_months="3")["scenarios"]
        # now (30 days): 10000 + 150 + 225.00 + 3.38 = 10378.38 (see the overdue tests)
        self.assertEqual((now["key"], now["total"]), ("now", "10378.38"))
        # in 30 days (60 days): 10000 x 0.00075 x 60 = 450.00; 150 x 0.00075 x 60 = 6.75
        self.assertEqual(
            (later["penalty_interest"], later["compound_interest"], later["total"]), ("450.00", "6.75", "10606.75")
        )
        self.assertEqual(later["charges"], "456.75")
        self.assertEqual(later["label_en"], "Pay everything in 30 days")

    def test_plan_with_continuing_penalty(self) -> None:
        r = run(
            "compare",
            {"principal": "10000", "daily_rate": "0.05%", "days": "0", "plan_months": "2", "compound": "false"},
        )
        plan = r["scenarios"][2]
        # 2 instalments of 5000; penalty for 30 days on what is unpaid before each:
        # 10000 x 0.00075 x 30 = 225.00, then 5000 x 0.00075 x 30 = 112.50; total 10337.50
        self.assertEqual([p["penalty_interest"] for p in r["plan_installments"]], ["225.00", "112.50"])
        self.assertEqual([p["payment"] for p in r["plan_installments"]], ["5225.00", "5112.50"])
        self.assertEqual((plan["total"], plan["pay_days"]), ("10337.50", 60))

    def test_plan_without_penalty_costs_what_is_owed_today(self) -> None:
        r = self.base(plan_months="12", plan_penalty="false")
        now, _, plan = r["scenarios"]
        self.assertEqual(plan["total"], now["total"])
        # 10000 / 12 -> 833.33 x 11 + 833.37
        self.assertEqual(r["plan_installments"][-1]["principal"], "833.37")
        self.assertEqual(len(r["table"]["rows"]), 3)


if __name__ == "__main__":
    unittest.main()

"""The budget mode by hand: income - essentials = available; offers pro rata by balance, to the fen,
by the largest-remainder rule (unittest only, also runs in Pyodide)."""

from __future__ import annotations

import unittest
from decimal import Decimal

from calculators.budget import allocate
from calculators.errors import CalculatorInputError
from calculators.web import compute, run

ISSUE = {"income": "6000", "essential": "4200", "debts": "微粒贷,12000\n信用卡,8000"}


class IssueExample(unittest.TestCase):
    def test_available_and_offers(self) -> None:
        # 6000 - 4200 = 1800; 1800 x 12000/20000 = 1080, 1800 x 8000/20000 = 720
        result = run("budget", ISSUE)
        self.assertEqual(result["available"], "1800.00")
        self.assertEqual([o["offer"] for o in result["offers"]], ["1080.00", "720.00"])
        self.assertEqual([o["share"] for o in result["offers"]], ["60.00", "40.00"])
        # 12000 / 1080 = 11.1 -> 12 months; 8000 / 720 = 11.1 -> 12 months
        self.assertEqual([o["months"] for o in result["offers"]], [12, 12])
        self.assertEqual(result["offered"], "1800.00")
        self.assertEqual(result["allocation"], "largest-remainder")

    def test_income_below_essentials_gives_zero_offers_and_a_plain_message(self) -> None:
        # 3000 - 4200 = -1200: available 0 (never negative), shortfall 1200
        result = run("budget", {**ISSUE, "income": "3000"})
        self.assertEqual(result["available"], "0.00")
        self.assertEqual(result["shortfall"], "1200.00")
        self.assertEqual([o["offer"] for o in result["offers"]], ["0.00", "0.00"])
        self.assertIn("没有剩余", result["answer"]["zh"])
        self.assertIn("Nothing is left", result["answer"]["en"])
        self.assertIn("暂缓", result["letter"]["zh"])

    def test_categories_sum_to_the_totals(self) -> None:
        # wages 5000 + benefits 1000 = 6000; housing 2000 + food 1500 + transport 700 = 4200
        result = run("budget", {"wages": "5000", "benefits": "1000", "housing": "2000", "food": "1500",
                                "transport": "700", "debts": ISSUE["debts"]})
        self.assertEqual((result["income"], result["essential"], result["available"]),
                         ("6000.00", "4200.00", "1800.00"))
        self.assertIn("上班的交通", result["statement"]["zh"])

    def test_total_and_categories_must_agree(self) -> None:
        result = compute("budget", {"income": "6000", "wages": "5000", "essential": "4200"})
        self.assertEqual(result["error"]["field"], "income")
        self.assertIn("5000.00", result["error"]["zh"])


class LargestRemainder(unittest.TestCase):
    def test_thirds(self) -> None:
        # 100.00 / 3 = 33.333...: floors 33.33 x 3 = 99.99; the missing fen goes to the first (ties)
        self.assertEqual(allocate(Decimal("100.00"), [Decimal(1)] * 3),
                         [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")])

    def test_largest_remainder_wins_not_the_first(self) -> None:
        # 10.00 by 1 : 2 : 4 (of 7): exact 1.428571, 2.857142, 5.714285; floors 1.42 + 2.85 + 5.71 = 9.98;
        # remainders 0.8571, 0.7142, 0.4285 fen -> the two missing fen go to the first and second
        self.assertEqual(allocate(Decimal("10.00"), [Decimal(1), Decimal(2), Decimal(4)]),
                         [Decimal("1.43"), Decimal("2.86"), Decimal("5.71")])

    def test_sum_is_exact_and_each_within_a_fen(self) -> None:
        balances = [Decimal(b) for b in ("12345.67", "890.12", "3.45", "77777.77", "1.00", "5000.00", "0.01")]
        owed = sum(balances)
        for pool in ("0.01", "0.07", "999.99", "1800.00", "12345.68"):
            offers = allocate(Decimal(pool), balances)
            self.assertEqual(sum(offers), Decimal(pool))
            for offer, balance in zip(offers, balances, strict=True):
                self.assertLess(abs(offer - Decimal(pool) * balance / owed), Decimal("0.01"))

    def test_offers_never_exceed_what_is_owed(self) -> None:
        # available 1800 but only 500 owed in all: offers 300 + 200, the rest is not offered
        result = run("budget", {"income": "6000", "essential": "4200", "debts": "A,300\nB,200"})
        self.assertEqual([o["offer"] for o in result["offers"]], ["300.00", "200.00"])
        self.assertEqual([o["months"] for o in result["offers"]], [1, 1])


class Letter(unittest.TestCase):
    def test_letter_carries_the_figures(self) -> None:
        letter = run("budget", ISSUE)["letter"]
        self.assertIn("每月收入约 6000.00 元", letter["zh"])
        self.assertIn("每月必需开支约 4200.00 元", letter["zh"])
        self.assertIn("信用卡，欠款 8000.00 元，本方案每月还 720.00 元", letter["zh"])
        self.assertIn("每月最多可用于偿还本笔借款的金额：1080.00 元", letter["zh"])
        self.assertIn("分 12 期偿还，每期约 1080.00 元", letter["zh"])
        self.assertIn("【姓名】", letter["zh"])  # what the budget cannot know stays a blank
        self.assertIn("12 instalments of about 1080.00 yuan", letter["en"])

    def test_webank_debt_is_found_when_not_first(self) -> None:
        letter = run("budget", {**ISSUE, "debts": "信用卡,8000\n微众银行 微粒贷,12000"})["letter"]
        self.assertIn("每月最多可用于偿还本笔借款的金额：1080.00 元", letter["zh"])


class BadInput(unittest.TestCase):
    def error(self, inputs: dict[str, str]) -> dict[str, str]:
        result = compute("budget", inputs)
        self.assertFalse(result["ok"], result)
        self.assertTrue(result["error"]["zh"] and result["error"]["en"])
        return result["error"]

    def test_negative_income(self) -> None:
        self.assertEqual(self.error({**ISSUE, "income": "-100"})["field"], "income")

    def test_two_hundred_debts(self) -> None:
        error = self.error({**ISSUE, "debts": "\n".join(f"债主{i},100" for i in range(200))})
        self.assertEqual(error["field"], "debts")
        self.assertIn("200", error["zh"])

    def test_grouped_balance_is_read_whole(self) -> None:
        self.assertEqual(run("budget", {**ISSUE, "debts": "微粒贷,12,000\n信用卡，8,000.00"})["owed"], "20000.00")

    def test_debt_line_without_balance(self) -> None:
        self.assertIn("line 1", self.error({**ISSUE, "debts": "微粒贷"})["en"])

    def test_debt_balance_not_a_number(self) -> None:
        self.assertIn("line 2", self.error({**ISSUE, "debts": "微粒贷,12000\n信用卡,八千"})["en"])

    def test_income_missing(self) -> None:
        self.assertEqual(self.error({"essential": "100"})["field"], "income")

    def test_run_raises_the_typed_error(self) -> None:
        with self.assertRaises(CalculatorInputError):
            run("budget", {**ISSUE, "essential": "abc"})


if __name__ == "__main__":
    unittest.main()

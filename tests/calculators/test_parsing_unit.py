"""How the forms Chinese readers type are read, and that every unreadable field is named.

Standard library only (unittest): these files also run inside Pyodide.
"""

from __future__ import annotations

import unittest
from decimal import Decimal

from calculators import parsing
from calculators.web import compute

OVERDUE = {"principal": "10000", "daily_rate": "0.05%", "days": "30"}


class ChineseForms(unittest.TestCase):
    def test_amounts(self) -> None:
        cases = {"1万": "10000", "1.5万": "15000", "１２３４５": "12345", "¥10,000": "10000", "10,000.50元": "10000.50",
                 "２万": "20000"}
        for raw, expected in cases.items():
            with self.subTest(raw=raw):
                self.assertEqual(parsing.amount("principal", raw), Decimal(expected))

    def test_daily_rates(self) -> None:
        for raw in ("万分之五", "0.05%", "日息5‱", "日息0.05%", "0.0005", "０．０５％", "日利率万分之五", "千分之0.5", "0.5‰"):
            with self.subTest(raw=raw):
                self.assertEqual(parsing.daily_rate("daily_rate", raw), Decimal("0.0005"))

    def test_same_result_whichever_form(self) -> None:
        a = compute("overdue", OVERDUE)
        b = compute("overdue", {"principal": "1万", "daily_rate": "万分之五", "days": "３０"})
        self.assertEqual(a["total_due"], b["total_due"])


class Refused(unittest.TestCase):
    def field(self, **inputs: object) -> str | None:
        r = compute("overdue", {**OVERDUE, **inputs})
        self.assertFalse(r["ok"], inputs)
        self.assertNotIn("internal", r["error"])
        return r["error"]["field"]

    def test_decimal_comma_is_not_fifteen(self) -> None:
        self.assertEqual(self.field(principal="1,5"), "principal")
        self.assertEqual(self.field(principal="12,34"), "principal")

    def test_unreadable_values_name_their_field(self) -> None:
        class Unprintable:
            def __str__(self) -> str:
                raise RuntimeError("no")

        self.assertEqual(self.field(principal=10**5000), "principal")
        self.assertEqual(self.field(daily_rate=Unprintable()), "daily_rate")

    def test_due_is_never_silently_ignored(self) -> None:
        # days + due without as_of: the due date cannot be used, so it is an error
        self.assertEqual(self.field(due="2026-01-01"), "as_of")
        # instalment lines carry their own due dates
        self.assertEqual(self.field(due="2026-01-01", as_of="2026-02-01", instalments="2026-01-10,100,1"), "due")



class NeverSilentlyIgnored(unittest.TestCase):
    def test_fields_the_instalment_lines_replace_are_named(self) -> None:
        # the audit's case: 本金 = "abc" beside instalment lines used to give a result silently
        r = compute("overdue", {"principal": "abc", "daily_rate": "0.05%", "as_of": "2026-03-01",
                                "instalments": "2026-01-10,3000,150"})
        warning = next(w for w in r["warnings"] if w["key"] == "unused")
        self.assertIn("本金", warning["zh"])
        self.assertIn("Principal", warning["en"])

    def test_days_replaced_by_the_dates_are_named(self) -> None:
        r = compute("overdue", {**OVERDUE, "due": "2026-01-01", "as_of": "2026-02-01"})  # 31 days, not 30
        self.assertEqual(r["days_overdue"], 31)
        self.assertIn("unused", [w["key"] for w in r["warnings"]])
        same = compute("overdue", {**OVERDUE, "days": "31", "due": "2026-01-01", "as_of": "2026-02-01"})
        self.assertNotIn("unused", [w["key"] for w in same["warnings"]])


if __name__ == "__main__":
    unittest.main()

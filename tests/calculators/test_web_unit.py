"""web.compute: the result schema the widget reads, and bad input as typed bilingual errors.

unittest only: the widget helper runs this file inside Pyodide too.
"""

from __future__ import annotations

import json
import re
import unittest
from typing import Any

from calculators import CalculatorInputError, web
from calculators.web import MODES, compute, run

EXAMPLES: dict[str, dict[str, str]] = {
    "loan": {
        "principal": "10000",
        "months": "12",
        "daily_rate": "0.05%",
        "start": "2026-01-15",
        "as_of": "2026-06-01",
        "payments": "2026-02-15,916.80\n2026-04-20,500",
    },
    "overdue": {"principal": "10000", "interest": "150", "daily_rate": "0.05%", "days": "30"},
    "payoff": {
        "principal": "9000",
        "interest": "100",
        "daily_rate": "0.05%",
        "accelerated": "2026-01-01",
        "as_of": "2026-02-01",
    },
    "schedule": {"principal": "10000", "daily_rate": "0.05%", "months": "12"},
    "compare": {"principal": "10000", "interest": "150", "daily_rate": "0.05%", "days": "30"},
    "apr": {"principal": "10000", "payment": "916.80", "months": "12", "daily_rate": "0.05%"},
    "court": {"claim": "250000", "procedure": "simplified", "delay_days": "30"},
    "budget": {"income": "6000", "essential": "4200", "debts": "微粒贷,12000\n信用卡,8000"},
    "timeline": {"start": "2026-01-15", "months": "12", "as_of": "2026-12-07",
                 "events": "payment-order-served,2026-09-16\njudgment-served,2026-12-01\nrepaid-in-full,2027-03-01",
                 "plan_start": "2027-01-31", "plan_payment": "1080"},
}

#: (mode, inputs, field at fault) for every kind of bad input the issue lists.
BAD_INPUTS: list[tuple[str, dict[str, str], str | None]] = [
    ("overdue", {"principal": "-100", "daily_rate": "0.05%", "days": "3"}, "principal"),  # negative
    ("schedule", {"principal": "0", "daily_rate": "0.05%", "months": "3"}, "principal"),  # zero
    ("overdue", {"principal": "0", "interest": "0", "daily_rate": "0.05%", "days": "3"}, "principal"),
    ("overdue", {"principal": "100", "daily_rate": "5%", "days": "3"}, "daily_rate"),  # rate too high
    ("overdue", {"principal": "100", "daily_rate": "0.05", "days": "3"}, "daily_rate"),  # 5 % a day typo
    ("overdue", {"principal": "100", "daily_rate": "0.05%", "multiplier": "0.9", "days": "3"}, "multiplier"),
    ("overdue", {"principal": "100", "daily_rate": "0.05%", "due": "2026-03-02", "as_of": "2026-03-01"}, "due"),
    ("overdue", {"principal": "100", "daily_rate": "0.05%", "due": "2026-02-30", "as_of": "2026-03-01"}, "due"),
    (
        "payoff",
        {"principal": "100", "daily_rate": "0.05%", "accelerated": "2026-13-01", "as_of": "2026-03-01"},
        "accelerated",
    ),
    ("schedule", {"principal": "1000", "daily_rate": "0.05%", "months": "37"}, "months"),  # > 36
    ("compare", {"principal": "1000", "daily_rate": "0.05%", "plan_months": "48"}, "plan_months"),
    (
        "overdue",
        {"instalments": "\n".join(["2026-01-01,100,1"] * 37), "as_of": "2026-03-01", "daily_rate": "0.05%"},
        "instalments",
    ),
    ("overdue", {}, "daily_rate"),  # empty
    ("overdue", {"principal": "", "daily_rate": "0.05%", "days": "3"}, "principal"),
    ("overdue", {"principal": "100", "daily_rate": "0.05%"}, "days"),  # no days, no dates
    ("overdue", {"principal": "abc", "daily_rate": "0.05%", "days": "3"}, "principal"),  # non-number
    ("overdue", {"principal": "100", "daily_rate": "0.05%", "days": "three"}, "days"),
    ("overdue", {"principal": "NaN", "daily_rate": "0.05%", "days": "3"}, "principal"),
    ("overdue", {"principal": "100", "daily_rate": "nan%", "days": "3"}, "daily_rate"),
    ("overdue", {"principal": "Infinity", "daily_rate": "0.05%", "days": "3"}, "principal"),
    ("apr", {"principal": "100", "payment": "-inf", "months": "3"}, "payment"),
    ("overdue", {"principal": "1e30", "daily_rate": "0.05%", "days": "3"}, "principal"),
    ("overdue", {"principal": "1" + "0" * 40, "daily_rate": "0.05%", "days": "3"}, "principal"),  # absurd
    ("overdue", {"principal": "100", "daily_rate": "0.05%", "days": "9" * 30}, "days"),
    ("court", {"claim": "99999999999999"}, "claim"),
    ("overdue", {"principal": "100", "daily_rate": "0.05%", "days": "9" * 5000}, "days"),  # int() digit limit
    ("overdue", {"principal": "1" * 5000, "daily_rate": "0.05%", "days": "3"}, "principal"),
    ("overdue", {"principal": "100", "daily_rate": "0.05%", "due": "2026-1-1x", "as_of": "2026-03-01"}, "due"),
    ("overdue", {"principal": "100.001", "daily_rate": "0.05%", "days": "3"}, "principal"),  # below a fen
    ("overdue", {"principal": "100", "daily_rate": "0.05%", "days": "-1"}, "days"),
    ("overdue", {"principal": "100", "daily_rate": "0.05%", "days": "3", "compound": "maybe"}, "compound"),
    ("schedule", {"principal": "1000", "daily_rate": "0.05%", "months": "3", "method": "balloon"}, "method"),
    ("schedule", {"principal": "1000", "daily_rate": "0.05%", "months": "3", "convention": "360"}, "convention"),
    ("court", {"claim": "1000", "procedure": "appeal"}, "procedure"),
    ("apr", {"principal": "1000", "payment": "10", "months": "12"}, "payment"),  # pays < lent
    ("apr", {}, None),
    ("apr", {"annual_rate": "18"}, "annual_rate"),  # 1800 % a year: a typo for 18%
    ("apr", {"principal": "1000", "payments": "500,abc"}, "payments"),
    ("apr", {"principal": "1000", "payments": ",".join(["100"] * 37)}, "payments"),
    ("overdue", {"instalments": "2026-01-01;garbage", "as_of": "2026-03-01", "daily_rate": "0.05%"}, "instalments"),
    ("overdue", {"instalments": "2026-04-01,100,1", "as_of": "2026-03-01", "daily_rate": "0.05%"}, "instalments"),
    ("overdue", {"instalments": "2026-01-01,100,1", "daily_rate": "0.05%"}, "as_of"),
    ("nonsense", {}, "mode"),
]


def walk(value: Any) -> list[Any]:
    """Every scalar inside a JSON-like value."""
    if isinstance(value, dict):
        return [x for v in value.values() for x in walk(v)] + list(value.keys())
    if isinstance(value, list):
        return [x for v in value for x in walk(v)]
    return [value]


class Schema(unittest.TestCase):
    def test_every_mode_has_the_common_keys(self) -> None:
        self.assertEqual(set(EXAMPLES), set(MODES))
        for mode, inputs in EXAMPLES.items():
            with self.subTest(mode=mode):
                r = compute(mode, inputs)
                self.assertIs(r["ok"], True)
                self.assertEqual(r["mode"], mode)
                for key in ("inputs", "summary", "table", "series", "series_axis", "notes", "warnings", "sources"):
                    self.assertIn(key, r)
                for row in r["summary"]:
                    self.assertEqual(set(row), {"key", "label_zh", "label_en", "value", "unit"})
                    self.assertIn(row["unit"], {"yuan", "percent", "days"})
                    self.assertRegex(row["value"], r"^-?\d+(\.\d+)?$")
                if r["table"] is not None:
                    units = [c["unit"] for c in r["table"]["columns"]]
                    for row in r["table"]["rows"] + ([r["table"]["footer"]] if r["table"]["footer"] else []):
                        self.assertEqual(len(row), len(units))
                        for cell, unit in zip(row, units):  # per-language cells only in text columns
                            if not isinstance(cell, str):
                                self.assertEqual((unit, set(cell)), ("text", {"zh", "en"}))
                self.assertTrue(r["sources"])
                for note in r["notes"] + r["warnings"] + r["sources"]:
                    self.assertTrue(note["zh"] and note["en"])

    def test_the_24_percent_warning_names_its_rate_without_repeating_a_word(self) -> None:
        """The warning is "{what}年化 {rate}%": a name that itself ends in 年化利率 read "年化利率年化 67.18%"
        on the costs page's worked example (contract 10,000, 8,000 received, 12 x 933.33)."""
        cases = {
            "what_apr": ("apr", {"principal": "8000", "payment": "933.33", "months": "12"}),
            "what_annual_rate": ("apr", {"annual_rate": "30%"}),
        }
        for what, (mode, inputs) in cases.items():
            with self.subTest(what=what):
                (warning,) = [w for w in compute(mode, inputs)["warnings"] if w["key"] == "court_level"]
                self.assertNotRegex(warning["zh"], r"年化利率年化|年利率年化")
                self.assertRegex(warning["zh"], r"年化 \d+(\.\d+)?%，高于 24%")
                self.assertRegex(warning["en"], r" is \d+(\.\d+)?% a year, above 24%")

    def test_table_cells_are_in_one_language(self) -> None:
        """A cell shown as is must suit both pages; a per-language cell gives each page only its own
        words: no Chinese in an English cell, no English words in a Chinese one (none of "zh / en")."""
        cases = [*EXAMPLES.items(), ("court", {"claim": "5000"}), ("court", {"claim": "3000000", "unpaid": "2500000"}),
                 ("compare", {"principal": "800", "daily_rate": "0.1%", "delay_days": "7", "plan_months": "3"})]
        cjk, latin = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"), re.compile(r"[A-Za-z]")
        per_language = 0
        for mode, inputs in cases:
            r = compute(mode, inputs)
            for table in (r["table"], r.get("enforcement_table")):
                if table is None:
                    continue
                typed = [c["key"] == "creditor" for c in table["columns"]]  # names as the reader typed them
                for row in table["rows"] + ([table["footer"]] if table["footer"] else []):
                    for cell in (c for c, is_typed in zip(row, typed) if not is_typed):
                        with self.subTest(mode=mode, cell=cell):
                            zh, en = (cell, cell) if isinstance(cell, str) else (cell["zh"], cell["en"])
                            per_language += not isinstance(cell, str)
                            self.assertIsNone(cjk.search(en))
                            self.assertIsNone(latin.search(zh))
                            self.assertNotIn(" / ", zh + en)
        self.assertGreaterEqual(per_language, 2 * 3 + 6)  # 2 compare tables x 3 scenarios, 6 flat first bands

    def test_every_result_field_is_documented(self) -> None:
        """The widget helper reads the schema from the web module docstring: keep it complete."""
        doc = web.__doc__ or ""
        examples = {**EXAMPLES, "apr_annual": {"annual_rate": "18%"}}
        for name, inputs in examples.items():
            r = compute(name.split("_")[0], inputs)
            for key in r:
                with self.subTest(mode=name, key=key):
                    self.assertRegex(doc, rf"\b{key}\b")
            for item in r.get("instalments", []) + r.get("installments", []) + r.get("scenarios", []):
                for key in item:
                    with self.subTest(mode=name, key=key):
                        self.assertRegex(doc, rf"\b{key}\b")

    def test_json_serialisable_without_floats(self) -> None:
        for mode, inputs in EXAMPLES.items():
            with self.subTest(mode=mode):
                r = compute(mode, inputs)
                json.dumps(r)
                for scalar in walk(r):
                    self.assertIsInstance(scalar, (str, int, bool, type(None)))
                    self.assertNotIsInstance(scalar, float)

    def test_series_for_charts(self) -> None:
        for mode in ("overdue", "payoff"):
            r = compute(mode, {**EXAMPLES[mode], "horizon": "5"})
            self.assertEqual([p[0] for p in r["series"]], [0, 1, 2, 3, 4, 5])
            self.assertEqual(r["series_axis"]["y"]["unit"], "yuan")

    def test_inputs_are_echoed_with_defaults(self) -> None:
        r = compute("overdue", EXAMPLES["overdue"])
        self.assertEqual(r["inputs"]["multiplier"], "1.5")
        self.assertEqual(r["inputs"]["compound"], "true")
        self.assertEqual(r["inputs"]["horizon"], "90")

    def test_lenient_input_forms(self) -> None:
        # full-width digits and percent sign, thousands separators, a ¥ sign, mode in capitals
        a = compute("OVERDUE", {"principal": "¥10,000", "daily_rate": "０．０５％", "days": "３０"})
        b = compute("overdue", {"principal": "10000", "daily_rate": "0.0005", "days": "30"})
        self.assertEqual(a["total_due"], b["total_due"])
        # other date spellings and unit suffixes a reader may type
        e = compute(
            "overdue", {"principal": "10000", "daily_rate": "0.05%", "due": "2026年1月31日", "as_of": "2026/3/2"}
        )
        self.assertEqual((e["days_overdue"], e["total_due"]), (30, "10225.00"))
        self.assertEqual(
            compute("overdue", {"principal": "10000", "daily_rate": "0.05%", "days": "30天"})["total_due"], "10225.00"
        )
        # non-string values a JS bridge may pass are read as their text
        c = compute("overdue", {"principal": 10000, "daily_rate": "0.05%", "days": 30, "compound": False})
        self.assertEqual(c["total_due"], "10225.00")
        # "-0" is zero, and no result ever shows "-0.00"
        d = compute("overdue", {"principal": "100", "interest": "-0", "daily_rate": "0.05%", "days": "1"})
        self.assertEqual(d["interest"], "0.00")
        self.assertNotIn("-0.00", json.dumps(d))


class BadInput(unittest.TestCase):
    def test_each_bad_input_is_a_typed_bilingual_error(self) -> None:
        for mode, inputs, field in BAD_INPUTS:
            with self.subTest(mode=mode, inputs=inputs):
                with self.assertRaises(CalculatorInputError) as caught:
                    run(mode, inputs)
                error = caught.exception
                self.assertEqual(error.field, field)
                self.assertRegex(error.zh, r"[\u4e00-\u9fff]")
                self.assertRegex(error.en, r"[A-Za-z]")
                self.assertEqual(str(error), f"{error.zh} / {error.en}")

    def test_compute_never_raises(self) -> None:
        for mode, inputs, field in BAD_INPUTS:
            with self.subTest(mode=mode, inputs=inputs):
                r = compute(mode, inputs)
                self.assertEqual(set(r), {"ok", "mode", "error"})
                self.assertIs(r["ok"], False)
                self.assertEqual(r["error"]["field"], field)
                json.dumps(r)

    def test_compute_with_a_non_mapping(self) -> None:
        r = compute("overdue", None)  # type: ignore[arg-type]
        self.assertIs(r["ok"], False)


if __name__ == "__main__":
    unittest.main()

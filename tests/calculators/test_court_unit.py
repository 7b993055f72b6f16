"""Hand-checked court costs (《诉讼费用交纳办法》 第十三、十四条; unittest only, also runs in Pyodide)."""

from __future__ import annotations

import unittest
from decimal import Decimal

from calculators.court import acceptance_fee, enforcement_fee
from calculators.web import compute, run


def fee(claim: str) -> Decimal:
    return acceptance_fee(Decimal(claim))[0]


class AcceptanceFee(unittest.TestCase):
    def test_flat_band(self) -> None:
        self.assertEqual(fee("1"), Decimal("50.00"))
        self.assertEqual(fee("10000"), Decimal("50.00"))

    def test_second_band(self) -> None:
        # 50 + (12345.67 - 10000) x 2.5 % = 50 + 58.64175 = 108.64175 -> 108.64
        self.assertEqual(fee("12345.67"), Decimal("108.64"))
        # 100000: 50 + 90000 x 2.5 % = 2300 (= 100000 x 2.5 % - 200)
        self.assertEqual(fee("100000"), Decimal("2300.00"))

    def test_cumulative_bands(self) -> None:
        # 250000: 50 + 2250 + 100000 x 2 % (2000) + 50000 x 1.5 % (750) = 5050
        self.assertEqual(fee("250000"), Decimal("5050.00"))
        # 30,000,000: 50 + 2250 + 2000 + 4500 + 5000 + 9000 + 24000 + 35000 + 60000 + 10M x 0.5 % (50000)
        #           = 191800 (check: 30M x 0.5 % + 41800)
        self.assertEqual(fee("30000000"), Decimal("191800.00"))

    def test_every_band_edge(self) -> None:
        edges = {  # claim: cumulative fee at the top of each band, added up by hand
            "200000": 50 + 2250 + 2000,
            "500000": 4300 + 4500,
            "1000000": 8800 + 5000,
            "2000000": 13800 + 9000,
            "5000000": 22800 + 24000,
            "10000000": 46800 + 35000,
            "20000000": 81800 + 60000,
        }
        for claim, expected in edges.items():
            with self.subTest(claim=claim):
                self.assertEqual(fee(claim), Decimal(expected))

    def test_halved_once(self) -> None:
        # 108.64175 / 2 = 54.320875 -> 54.32 (from the exact fee, rounded once)
        for procedure in ("simplified", "settlement"):
            r = run("court", {"claim": "12345.67", "procedure": procedure})
            self.assertEqual((r["acceptance_fee"], r["acceptance_fee_payable"]), ("108.64", "54.32"))
            self.assertTrue(r["halved"])
        r = run("court", {"claim": "5000"})
        self.assertEqual(r["acceptance_fee_payable"], "50.00")
        self.assertEqual(run("court", {"claim": "5000", "procedure": "simplified"})["acceptance_fee_payable"], "25.00")

    def test_band_breakdown_adds_up(self) -> None:
        fee_total, bands = acceptance_fee(Decimal("1234567.89"))
        self.assertEqual(sum(b.fee for b in bands), fee_total)
        self.assertEqual(sum(b.part for b in bands), Decimal("1234567.89"))


class EnforcementAndDelay(unittest.TestCase):
    def test_enforcement_fee(self) -> None:
        self.assertEqual(enforcement_fee(Decimal(8000))[0], Decimal("50.00"))
        # 250000: 50 + 240000 x 1.5 % = 3650
        self.assertEqual(enforcement_fee(Decimal(250000))[0], Decimal("3650.00"))
        # 600000: 50 + 490000 x 1.5 % (7350) + 100000 x 1 % (1000) = 8400
        self.assertEqual(enforcement_fee(Decimal(600000))[0], Decimal("8400.00"))
        # 12,000,000: 50 + 7350 + 4.5M x 1 % (45000) + 5M x 0.5 % (25000) + 2M x 0.1 % (2000) = 79400
        self.assertEqual(enforcement_fee(Decimal(12_000_000))[0], Decimal("79400.00"))

    def test_delay_interest_and_total(self) -> None:
        # 10000 x 0.0175 % x 30 = 52.50; acceptance 10000 -> 50; enforcement 50; total 152.50
        r = run("court", {"claim": "10000", "delay_days": "30"})
        self.assertEqual((r["delay_interest"], r["enforcement_fee"], r["total_costs"]), ("52.50", "50.00", "152.50"))

    def test_unpaid_defaults_to_claim_and_zero_unpaid(self) -> None:
        self.assertEqual(run("court", {"claim": "20000"})["unpaid"], "20000.00")
        r = run("court", {"claim": "20000", "unpaid": "0", "delay_days": "10"})
        self.assertEqual((r["enforcement_fee"], r["delay_interest"], r["enforcement_table"]), ("0.00", "0.00", None))



class CourtModelFixes(unittest.TestCase):
    def test_delay_interest_on_the_principal_part(self) -> None:
        # 法释〔2014〕8号 第一条: 8000 x 0.0175 % x 30 = 42.00 (not 10000 x ... = 52.50)
        r = run("court", {"claim": "10000", "delay_days": "30", "delay_base": "8000"})
        self.assertEqual(r["delay_interest"], "42.00")
        self.assertNotIn("delay_base_assumed", [n["key"] for n in r["notes"]])
        # absent: the whole unpaid amount, and the assumption is said
        r = run("court", {"claim": "10000", "delay_days": "30"})
        self.assertIn("delay_base_assumed", [n["key"] for n in r["notes"]])
        self.assertEqual(compute("court", {"claim": "100", "delay_base": "200"})["error"]["field"], "delay_base")

    def test_withdrawal_charges_the_plaintiff(self) -> None:
        # 20000: 50 + 10000 x 2.5 % = 300, halved 150, borne by the plaintiff (第三十四条);
        # a withdrawal ends the case without a judgment: no enforcement fee (it would be 50 + 10000
        # x 1.5 % = 200), no delay interest (30 days would be 20000 x 0.0175 % x 30 = 105): total 0
        r = run("court", {"claim": "20000", "procedure": "withdrawal", "delay_days": "30"})
        self.assertEqual((r["acceptance_fee_payable"], r["acceptance_fee_borrower"]), ("150.00", "0.00"))
        self.assertEqual((r["enforcement_fee"], r["delay_interest"], r["total_costs"]), ("0.00", "0.00", "0.00"))
        self.assertIsNone(r["enforcement_table"])
        settled = run("court", {"claim": "20000", "procedure": "settlement"})
        self.assertEqual((settled["acceptance_fee_borrower"], settled["total_costs"]), ("150.00", "350.00"))

    def test_payment_order_is_a_third(self) -> None:
        self.assertEqual(run("court", {"claim": "20000"})["payment_order_fee"], "100.00")  # 300 / 3
        self.assertEqual(run("court", {"claim": "10000"})["payment_order_fee"], "16.67")  # 50 / 3

    def test_preservation_fee_bands_and_cap(self) -> None:
        # 30 flat; 30 + 49000 x 1 %; 30 + 990 + 1.9M x 0.5 % = 10520, capped at 5000.
        # Total = acceptance fee 50 + preservation fee (nothing unpaid: no enforcement, no delay)
        cases = {"500": ("30.00", "80.00"), "50000": ("520.00", "570.00"), "2000000": ("5000.00", "5050.00")}
        for preserved, expected in cases.items():
            with self.subTest(preserved=preserved):
                r = run("court", {"claim": "10000", "unpaid": "0", "preserved": preserved})
                self.assertEqual((r["preservation_fee"], r["total_costs"]), expected)


if __name__ == "__main__":
    unittest.main()

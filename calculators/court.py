"""Court costs if sued: acceptance fee, enforcement fee, double interest for delay.

Sources in ``legal``: 《诉讼费用交纳办法》 第十三条 (cumulative bands), 第十五/十六条 with 民诉法解释
第二百零六条 (halved once), 第十四条 (enforcement), 民事诉讼法 第二百六十四条 (0.0175 % a day).
Each fee is computed exactly and rounded half-up to the fen once (courts may round to the yuan).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import legal
from .money import ZERO, exact, fen, split_to_total

PROCEDURES = ("ordinary", "simplified", "settlement", "withdrawal")
#: 撤诉: the fee is halved (第十五条) and borne by the plaintiff who withdraws (第三十四条).
PLAINTIFF_BEARS = ("withdrawal",)


@dataclass(frozen=True)
class Band:
    low: Decimal
    high: Decimal | None  # None: no upper bound
    rate: Decimal | None  # None: the flat first band
    part: Decimal  # the part of the amount that falls in this band
    fee: Decimal  # this band's share of the (rounded) fee


def _bands(
    amount: Decimal,
    flat_limit: Decimal,
    flat_fee: Decimal,
    bands: tuple[tuple[Decimal | None, Decimal], ...],
) -> tuple[Decimal, list[Band]]:
    """Exact fee and the per-band breakdown, the shares adding up to the rounded fee."""
    with exact():
        parts = [min(amount, flat_limit)]
        fees = [flat_fee]
        edges: list[tuple[Decimal, Decimal | None, Decimal | None]] = [(ZERO, flat_limit, None)]
        low = flat_limit
        for high, rate in bands:
            if amount <= low:
                break
            part = (amount if high is None else min(amount, high)) - low
            parts.append(part)
            fees.append(part * rate)
            edges.append((low, high, rate))
            if high is None:
                break
            low = high
        exact_fee = sum(fees, ZERO)
    shares = split_to_total(fees)
    rows = [Band(lo, hi, rate, part, share) for (lo, hi, rate), part, share in zip(edges, parts, shares, strict=True)]
    return exact_fee, rows


@dataclass(frozen=True)
class CourtCosts:
    claim: Decimal
    procedure: str
    acceptance_fee: Decimal  # full fee under 第十三条
    acceptance_fee_payable: Decimal  # after halving (simplified / settlement)
    acceptance_bands: tuple[Band, ...]
    unpaid: Decimal
    enforcement_fee: Decimal
    enforcement_bands: tuple[Band, ...]
    delay_days: int
    delay_interest: Decimal

    @property
    def halved(self) -> bool:
        return self.procedure != "ordinary"

    @property
    def borne_by_borrower(self) -> Decimal:
        """The acceptance fee the borrower (defendant) may be made to bear: none after 撤诉."""
        return ZERO if self.procedure in PLAINTIFF_BEARS else self.acceptance_fee_payable


def acceptance_fee(claim: Decimal) -> tuple[Decimal, list[Band]]:
    exact_fee, bands = _bands(claim, legal.ACCEPTANCE_FLAT_LIMIT, legal.ACCEPTANCE_FLAT_FEE, legal.ACCEPTANCE_BANDS)
    return fen(exact_fee), bands


def enforcement_fee(amount: Decimal) -> tuple[Decimal, list[Band]]:
    exact_fee, bands = _bands(amount, legal.ENFORCEMENT_FLAT_LIMIT, legal.ENFORCEMENT_FLAT_FEE, legal.ENFORCEMENT_BANDS)
    return fen(exact_fee), bands


def payment_order_fee(claim: Decimal) -> Decimal:
    """支付令 application fee: one third of the acceptance fee for the same amount (第十四条第（三）项)."""
    exact_fee, _ = _bands(claim, legal.ACCEPTANCE_FLAT_LIMIT, legal.ACCEPTANCE_FLAT_FEE, legal.ACCEPTANCE_BANDS)
    with exact():
        return fen(exact_fee / 3)


def preservation_fee(amount: Decimal) -> Decimal:
    """财产保全 application fee on the property preserved, capped (第十四条第（二）项)."""
    exact_fee, _ = _bands(amount, legal.PRESERVATION_FLAT_LIMIT, legal.PRESERVATION_FLAT_FEE, legal.PRESERVATION_BANDS)
    return min(fen(exact_fee), legal.PRESERVATION_CAP)


def delay_interest(unpaid: Decimal, days: int) -> Decimal:
    """Double interest for delay: unpaid x 0.0175 % x days (on top of interest the judgment awards)."""
    with exact():
        return fen(unpaid * legal.DELAY_DAILY_RATE * days)


def court_costs(
    claim: Decimal, procedure: str, unpaid: Decimal, delay_days: int, delay_base: Decimal | None = None
) -> CourtCosts:
    """``delay_base``: the unpaid debt other than ordinary interest (法释〔2014〕8号 第一条); the
    whole unpaid amount when not given (an upper bound)."""
    if procedure not in PROCEDURES:
        raise ValueError(f"unknown procedure {procedure!r}")
    with exact():
        full_exact, bands = _bands(
            claim, legal.ACCEPTANCE_FLAT_LIMIT, legal.ACCEPTANCE_FLAT_FEE, legal.ACCEPTANCE_BANDS
        )
        payable = fen(full_exact / 2) if procedure != "ordinary" else fen(full_exact)
    enforcement, enforcement_bands = enforcement_fee(unpaid)
    return CourtCosts(
        claim,
        procedure,
        fen(full_exact),
        payable,
        tuple(bands),
        unpaid,
        enforcement,
        tuple(enforcement_bands),
        delay_days,
        delay_interest(unpaid if delay_base is None else delay_base, delay_days),
    )

"""Presenter of the ``apr`` mode (IRR APR of a plan, daily/annual conversions, the 24 % check)."""

from __future__ import annotations

from decimal import Decimal

from .. import legal, parsing, rates
from ..money import exact, money_str, total
from .common import Inputs, Result, base, court_level_warning, daily_pct, note_item, opt, pct, summary_row


def _dated(row: dict[str, str], published: str) -> dict[str, str]:
    """A dated constant says which publication it is: "一年期LPR（2026-01-20 公布）"."""
    return {**row, "label_zh": f"{row['label_zh']}（{published} 公布）", "label_en": f"{row['label_en']} (published {published})"}


def _payments(inputs: Inputs, used: dict[str, str]) -> tuple[str, list[Decimal]]:
    """Monthly payments: ``payments`` (a list, one a month) or ``payment`` x ``months``."""
    raw = parsing.get(inputs, "payments")
    if raw is not None:
        cells = [c for c in raw.replace("，", ",").replace("\n", ",").replace(";", ",").split(",") if c.strip()]
        if not cells:
            raise parsing.fail("payments", "不能为空", "this field is required")
        if len(cells) > parsing.MAX_INSTALMENTS:
            raise parsing.fail(
                "payments", f"最多 {parsing.MAX_INSTALMENTS} 期", f"at most {parsing.MAX_INSTALMENTS} payments"
            )
        values = [parsing.amount("payments", c, allow_zero=True) for c in cells]
        used["payments"] = ",".join(money_str(v) for v in values)
        return "payments", values
    payment = parsing.amount("payment", parsing.require(inputs, "payment"))
    months = parsing.integer("months", parsing.require(inputs, "months"), low=1, high=parsing.MAX_INSTALMENTS)
    used.update(payment=money_str(payment), months=str(months))
    return "payment", [payment] * months


def apr(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    result = base("apr", used)
    summary: list[dict[str, str]] = []
    has_plan = any(parsing.get(inputs, f) is not None for f in ("payment", "months", "payments"))
    has_rate = parsing.get(inputs, "daily_rate") is not None
    has_annual = parsing.get(inputs, "annual_rate") is not None
    if not (has_plan or has_rate or has_annual):
        raise parsing.fail(
            None,
            "请填写本金、每月还款额和期数，或填写日利率",
            "enter the principal, monthly payment and number of months, or a daily rate",
        )
    levels: list[tuple[Decimal, bool, str]] = []
    if has_plan:
        principal = parsing.amount("principal", parsing.require(inputs, "principal"))
        field, payments = _payments(inputs, used)
        used["principal"] = money_str(principal)
        paid = total(payments)
        if paid < principal:
            raise parsing.fail(
                field,
                "各期还款合计少于本金，无法计算年化利率",
                "the payments add up to less than the principal: no APR",
            )
        irr = rates.periodic_irr([-principal] + payments)
        if irr is None:
            raise parsing.fail(
                field,
                "还款额相对本金过高（月利率超过 100%）",
                "payments too high for the principal (over 100% a month)",
            )
        nominal = rates.nominal_annual(irr)
        result.update(
            apr=pct(nominal),
            apr_effective=pct(rates.effective_annual(irr)),
            total_paid=money_str(paid),
            total_interest=money_str(paid - principal),
        )
        summary += [
            summary_row("apr", result["apr"], "percent"),
            summary_row("apr_effective", result["apr_effective"], "percent"),
            summary_row("total_paid", result["total_paid"], "yuan"),
            summary_row("total_interest", result["total_interest"], "yuan"),
        ]
        levels.append((nominal, rates.above_court_level(nominal), "what_apr"))
    if has_rate:
        rate = parsing.daily_rate("daily_rate", parsing.require(inputs, "daily_rate"))
        mult = parsing.multiplier("multiplier", opt(inputs, "multiplier", str(legal.DEFAULT_PENALTY_MULTIPLIER)))
        used.update(daily_rate=daily_pct(rate) + "%", multiplier=str(mult))
        annual = rates.simple_annual(rate)
        with exact():
            penalty_rate = rate * mult
        penalty = rates.simple_annual(penalty_rate)
        result.update(
            annual_360=pct(annual["360"]),
            annual_365=pct(annual["365"]),
            penalty_annual_360=pct(penalty["360"]),
            penalty_annual_365=pct(penalty["365"]),
        )
        summary += [
            summary_row(k, result[k], "percent")
            for k in ("annual_360", "annual_365", "penalty_annual_360", "penalty_annual_365")
        ]
        # the one check of a daily rate (as in overdue): either day count; the 365-day figure is shown
        levels += [(annual["365"], rates.daily_above_court_level(rate), "what_contract_rate"),
                   (penalty["365"], rates.daily_above_court_level(penalty_rate), "what_penalty_rate")]
    if has_annual:
        annual_given = parsing.annual_rate("annual_rate", parsing.require(inputs, "annual_rate"))
        used["annual_rate"] = pct(annual_given) + "%"
        daily = rates.daily_from_annual(annual_given)
        result.update(daily_360=daily_pct(daily["360"]), daily_365=daily_pct(daily["365"]))
        summary += [
            summary_row("daily_360", result["daily_360"], "percent"),
            summary_row("daily_365", result["daily_365"], "percent"),
        ]
        levels.append((annual_given, rates.above_court_level(annual_given), "what_annual_rate"))
    result.update(
        above_court_level=any(above for _, above, _ in levels),
        court_level=pct(legal.COURT_REDUCTION_ANNUAL_RATE),
        lpr=pct(legal.LPR_ONE_YEAR),
        lpr_date=legal.LPR_DATE.isoformat(),
        lpr_as_of=legal.LPR_CONFIRMED.isoformat(),
        lpr_4x=pct(rates.lpr_reference()),
    )
    summary += [
        summary_row("court_level", result["court_level"], "percent"),
        _dated(summary_row("lpr", result["lpr"], "percent"), result["lpr_as_of"]),
        summary_row("lpr_4x", result["lpr_4x"], "percent"),
    ]
    result["summary"] = summary
    result["warnings"] = [court_level_warning(v, what) for v, above, what in levels if above]
    result["notes"] = ([note_item("apr")] if has_plan else []) + [note_item("court_level"), note_item("lpr")]
    return result



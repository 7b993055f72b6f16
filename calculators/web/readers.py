"""Readers of the overdue amounts a form gives: days or dates, one instalment, instalment lines."""

from __future__ import annotations

from datetime import date

from .. import parsing
from ..errors import CalculatorInputError
from ..labels import label
from ..money import money_str
from ..overdue import Instalment, days_between
from .common import Inputs, opt


def days_or_dates(inputs: Inputs, start_field: str, used: dict[str, str]) -> tuple[int, date | None]:
    """Days overdue: from ``start_field`` (a date) and ``as_of`` when both are given (a form may
    still hold a preset ``days``: the dates are more specific and win), else from ``days``.
    ``days`` with ``as_of`` alone dates the chart from ``as_of``."""
    raw_start, raw_as_of = parsing.get(inputs, start_field), parsing.get(inputs, "as_of")
    raw_days = parsing.get(inputs, "days")
    zh_start, en_start = label(start_field)
    if raw_start is None and raw_days is None:
        raise parsing.fail(
            "days",
            f"请填写逾期天数，或填写{zh_start}和计算日",
            f"enter the days overdue, or the {en_start.lower()} and the as-of date",
        )
    as_of = parsing.iso_date("as_of", raw_as_of) if raw_as_of is not None else None
    if raw_start is not None and as_of is None:
        # a date the reader typed is never silently dropped in favour of the days
        raise parsing.fail("as_of", f"填写了{zh_start}时必须填写", f"required with the {en_start.lower()}")
    if raw_start is None:
        days = parsing.integer("days", parsing.require(inputs, "days"), low=0, high=parsing.MAX_DAYS)
        used["days"] = str(days)
        if as_of is not None:
            used["as_of"] = as_of.isoformat()
        return days, as_of
    start = parsing.iso_date(start_field, raw_start)
    days = days_between(start, as_of)
    if days < 0:
        raise parsing.fail(start_field, "不能晚于计算日", "must not be after the as-of date")
    if days > parsing.MAX_DAYS:
        raise parsing.fail(
            "as_of",
            f"距{zh_start}超过 {parsing.MAX_DAYS} 天",
            f"more than {parsing.MAX_DAYS} days after the {en_start.lower()}",
        )
    used.update({start_field: start.isoformat(), "as_of": as_of.isoformat(), "days": str(days)})
    return days, as_of


def single_instalment(inputs: Inputs, used: dict[str, str]) -> Instalment:
    principal = parsing.amount("principal", parsing.require(inputs, "principal"), allow_zero=True)
    interest = parsing.amount("interest", opt(inputs, "interest", "0"), allow_zero=True)
    if principal + interest == 0:
        raise parsing.fail("principal", "本金和利息不能都为 0", "principal and interest cannot both be 0")
    used.update(principal=money_str(principal), interest=money_str(interest))
    return Instalment(principal, interest)


def instalment_lines(inputs: Inputs, used: dict[str, str]) -> tuple[list[tuple[Instalment, int]], date]:
    raw = parsing.require(inputs, "instalments")
    lines = [line.strip() for line in raw.replace("；", "\n").replace(";", "\n").splitlines() if line.strip()]
    if not lines:
        raise parsing.fail("instalments", "不能为空", "this field is required")
    if len(lines) > parsing.MAX_INSTALMENTS:
        raise parsing.fail(
            "instalments", f"最多 {parsing.MAX_INSTALMENTS} 期", f"at most {parsing.MAX_INSTALMENTS} instalments"
        )
    as_of = parsing.iso_date("as_of", parsing.require(inputs, "as_of"))
    items: list[tuple[Instalment, int]] = []
    for number, line in enumerate(lines, 1):
        cells = [c.strip() for c in line.replace("，", ",").split(",")]
        if len(cells) == 2:
            cells.append("0")
        if len(cells) != 3:
            raise parsing.fail(
                "instalments",
                f"第 {number} 行应为“到期日,本金,利息”：{line[:60]}",
                f"line {number} must be 'due date,principal,interest': {line[:60]}",
            )
        try:
            due = parsing.iso_date("due", cells[0])
            principal = parsing.amount("principal", cells[1], allow_zero=True)
            interest = parsing.amount("interest", cells[2], allow_zero=True)
        except CalculatorInputError as error:
            raise CalculatorInputError(
                "instalments", f"第 {number} 行：{error.zh}", f"line {number}: {error.en}"
            ) from None
        if principal + interest == 0:
            raise parsing.fail(
                "instalments", f"第 {number} 行本金和利息都为 0", f"line {number}: principal and interest are both 0"
            )
        days = days_between(due, as_of)
        if days < 0:
            raise parsing.fail(
                "instalments", f"第 {number} 行到期日晚于计算日", f"line {number}: due date is after the as-of date"
            )
        if days > parsing.MAX_DAYS:
            raise parsing.fail(
                "instalments",
                f"第 {number} 行逾期超过 {parsing.MAX_DAYS} 天",
                f"line {number}: more than {parsing.MAX_DAYS} days overdue",
            )
        items.append((Instalment(principal, interest, due), days))
    used["instalments"] = "\n".join(
        f"{i.due.isoformat() if i.due else ''},{money_str(i.principal)},{money_str(i.interest)}" for i, _ in items
    )
    used["as_of"] = as_of.isoformat()
    return items, as_of

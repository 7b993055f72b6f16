"""Presenter of the ``budget`` mode: income, essentials, debts -> what is left and the offers.

See ``calculators.budget`` for the arithmetic and the largest-remainder rule.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from .. import budget as budget_mod
from .. import parsing
from ..labels import label
from ..money import ZERO, money_str, percent_str
from .common import Inputs, Result, base, column, summary_row
from .fields import Field, register
from .letter import letter

#: Debts a statement lists at most (a typo catcher; 200 lines is refused).
MAX_DEBTS = 50

# Input fields: calculators.schema (MODES). Result labels only, below.
register((
    Field("available", "每月可用于还款", "Available for debts each month"),
    Field("shortfall", "每月缺口", "Monthly shortfall"),
    Field("owed", "欠款合计", "Total owed"),
    Field("offered", "每月还款方案合计", "Monthly offers, total"),
    Field("creditor", "债权人", "Creditor"),
    Field("debt_balance", "欠款余额", "Balance owed"),
    Field("share", "占比", "Share"),
    Field("offer", "每月可还", "Monthly offer"),
    Field("months_to_clear", "约几个月还清", "Months to clear"),
))

ZERO_AVAILABLE = (
    "每月收入减去必需开支后没有剩余，现在提不出还款金额：先保住吃饭、住房、看病和优先债务。"
    "把这张表和困难证明交给银行，说明目前无力还款并请求暂缓；同时看看“同时欠几笔钱”和“协商还款”两页。",
    "Nothing is left after the essentials, so there is no amount to offer now: protect food, housing, "
    "medical care and priority debts first. Send this statement and proof of hardship to the bank, explain "
    "that you cannot pay for now and ask for a pause; see the pages \"Several debts at once\" and "
    "\"Negotiating repayment\".",
)


def _sum_of(inputs: Inputs, total_field: str, parts: tuple[str, ...], used: dict[str, str]) -> Decimal:
    """A total given directly, or as the sum of its categories (both: they must agree)."""
    values: dict[str, Decimal] = {}
    for name in parts:
        raw = parsing.get(inputs, name)
        if raw is not None:
            values[name] = parsing.amount(name, raw, allow_zero=True)
            used[name] = money_str(values[name])
    raw_total = parsing.get(inputs, total_field)
    summed = sum(values.values(), ZERO)
    if raw_total is None:
        if not values:
            raise parsing.fail(total_field, "不能为空（或分项填写）", "this field is required (or give the categories)")
        value = summed
    else:
        value = parsing.amount(total_field, raw_total, allow_zero=True)
        if values and value != summed:
            raise parsing.fail(
                total_field,
                f"与分项之和 {money_str(summed)} 元不一致；只填合计或只填分项即可",
                f"differs from the categories' sum {money_str(summed)} yuan; give the total or the categories",
            )
    used[total_field] = money_str(value)
    return value


def _debts(inputs: Inputs, used: dict[str, str]) -> list[budget_mod.Debt]:
    raw = parsing.get(inputs, "debts") or ""
    lines = [line.strip() for line in raw.replace("；", "\n").replace(";", "\n").splitlines() if line.strip()]
    if len(lines) > MAX_DEBTS:
        raise parsing.fail("debts", f"最多 {MAX_DEBTS} 笔（现在 {len(lines)} 笔）",
                           f"at most {MAX_DEBTS} debts (got {len(lines)})")
    debts = []
    for number, line in enumerate(lines, 1):
        # the name ends at the first comma: the balance may group thousands ("微粒贷,12,000")
        creditor, sep, balance = line.replace("，", ",").partition(",")
        creditor = creditor.strip()
        if not sep or not creditor:
            raise parsing.fail("debts", f"第 {number} 行应为“债权人,欠款余额”：{line[:60]}",
                               f"line {number} must be 'creditor,balance': {line[:60]}")
        if len(creditor) > 40:
            raise parsing.fail("debts", f"第 {number} 行债权人名称过长（上限 40 字）",
                               f"line {number}: creditor name too long (limit 40 characters)")
        try:
            value = parsing.amount("balance", balance)
        except parsing.CalculatorInputError as error:
            raise parsing.CalculatorInputError("debts", f"第 {number} 行：{error.zh}", f"line {number}: {error.en}") from None
        debts.append(budget_mod.Debt(creditor, value))
    used["debts"] = "\n".join(f"{d.creditor},{money_str(d.balance)}" for d in debts)
    return debts


def _pad(text: str, width: int, right: bool = False) -> str:
    """Pad to ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    gap = " " * max(width - used, 1)
    return gap + text if right else text + gap


def _statement(plan: budget_mod.Budget, used: dict[str, str], lang: str) -> str:
    """The fixed-layout statement a creditor can read: one amount a line, right-aligned."""

    def line(key: str, value: Decimal, indent: str = "  ") -> str:
        name = label(key)[0 if lang == "zh" else 1]
        return f"{_pad(indent + name, 40)}{money_str(value):>14}"

    head = ("收支情况表（每月，单位：元）", "Monthly income and expenditure statement (yuan)")[lang != "zh"]
    rows = [head, ""]
    rows += [line(k, Decimal(used[k]), "    ") for k in budget_mod.INCOMES if k in used]
    rows.append(line("income", plan.income))
    rows += [line(k, Decimal(used[k]), "    ") for k in budget_mod.ESSENTIALS if k in used]
    rows.append(line("essential", plan.essential))
    rows.append(line("available", plan.available))
    if plan.offers:
        owed_zh, owed_en = label("debt_balance")
        offer_zh, offer_en = label("offer")
        rows += ["", ("各债权人的还款方案（按欠款余额比例）", "Offers to creditors (pro rata by balance)")[lang != "zh"],
                 f"{_pad('', 26)}{_pad(owed_zh if lang == 'zh' else owed_en, 14, True)}"
                 f"{_pad(offer_zh if lang == 'zh' else offer_en, 14, True)}"]
        for offer in plan.offers:
            rows.append(f"{_pad('  ' + offer.creditor, 26)}{money_str(offer.balance):>14}{money_str(offer.monthly):>14}")
        rows.append(line("offered", plan.offered))
    return "\n".join(rows)


def _statement_rows(plan: budget_mod.Budget, used: dict[str, str]) -> list[dict[str, Any]]:
    """The statement's lines for a page table: label (zh, en), amount, and whether it is a category."""

    def row(key: str, value: Decimal, part: bool) -> dict[str, Any]:
        zh, en = label(key)
        return {"key": key, "zh": zh, "en": en, "value": money_str(value), "part": part}

    rows = [row(k, Decimal(used[k]), True) for k in budget_mod.INCOMES if k in used]
    rows.append(row("income", plan.income, False))
    rows += [row(k, Decimal(used[k]), True) for k in budget_mod.ESSENTIALS if k in used]
    rows += [row("essential", plan.essential, False), row("available", plan.available, False)]
    return rows


def budget(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    income = _sum_of(inputs, "income", budget_mod.INCOMES, used)
    essential = _sum_of(inputs, "essential", budget_mod.ESSENTIALS, used)
    debts = _debts(inputs, used)
    plan = budget_mod.budget(income, essential, debts)
    result = base("budget", used)
    owed = plan.owed
    offers: list[dict[str, Any]] = [
        {
            "creditor": o.creditor,
            "balance": money_str(o.balance),
            "share": percent_str(o.balance / owed) if owed else "0.00",
            "offer": money_str(o.monthly),
            "months": o.months,
        }
        for o in plan.offers
    ]
    result.update(
        income=money_str(plan.income),
        essential=money_str(plan.essential),
        available=money_str(plan.available),
        shortfall=money_str(plan.shortfall),
        owed=money_str(owed),
        offered=money_str(plan.offered),
        offers=offers,
        allocation="largest-remainder",
    )
    result["summary"] = [
        summary_row("income", result["income"], "yuan"),
        summary_row("essential", result["essential"], "yuan"),
        summary_row("available", result["available"], "yuan"),
    ]
    if plan.shortfall > 0:
        result["summary"].append(summary_row("shortfall", result["shortfall"], "yuan"))
    if debts:
        result["summary"] += [summary_row("owed", result["owed"], "yuan"),
                              summary_row("offered", result["offered"], "yuan")]
        result["table"] = {
            "columns": [column("creditor", "text"), column("debt_balance", "yuan"), column("share", "percent"),
                        column("offer", "yuan"), column("months_to_clear", "number")],
            "rows": [[o["creditor"], o["balance"], o["share"], o["offer"],
                      str(o["months"]) if o["months"] is not None else "—"] for o in offers],
            "footer": ["", result["owed"], "100.00" if owed else "0.00", result["offered"], ""],
        }
    if plan.available == 0:
        result["answer"] = {"zh": ZERO_AVAILABLE[0], "en": ZERO_AVAILABLE[1]}
        result["warnings"].append({"key": "nothing_left", "zh": ZERO_AVAILABLE[0], "en": ZERO_AVAILABLE[1]})
    else:
        result["answer"] = {
            "zh": f"每月收入 {result['income']} 元减去必需开支 {result['essential']} 元，"
                  f"每月最多可用 {result['available']} 元还款" + ("，按欠款余额比例分给各债权人。" if debts else "。"),
            "en": f"Income {result['income']} less essentials {result['essential']} leaves {result['available']} "
                  "yuan a month for debts" + (", shared among the creditors in proportion to what each is owed." if debts
                                              else "."),
        }
    result["statement"] = {"zh": _statement(plan, used, "zh"), "en": _statement(plan, used, "en")}
    result["statement_rows"] = _statement_rows(plan, used)
    result["letter"] = letter(plan, used)
    result["notes"] = [
        {"key": "budget_rule", "zh": "比例按欠款余额计算，精确到分：先给每个债权人按比例算出的金额舍去分以下部分，"
         "剩下的几分钱按舍去部分从大到小各补 1 分（同样大时先补排在前面的），所以各项之和正好等于可用金额。",
         "en": "Shares are pro rata by balance, to the fen: each creditor first gets its exact share rounded down "
         "to the fen; the fen still missing go one each to the largest remainders (ties: the one listed first), so "
         "the offers add up exactly to the amount available."},
        {"key": "budget_essentials", "zh": "先保住基本生活和优先债务（欠房租、罚款、欠税比网贷涨得快、后果更重），剩下的才拿来还网贷。"
         "提一个做不到的方案，再次违约只会更糟。",
         "en": "Essentials and priority debts (rent arrears, fines, tax grow faster and weigh more than an online "
         "loan) come first; only what is left goes to other debts. An offer you cannot keep makes things worse."},
    ]
    return result

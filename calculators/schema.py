"""Every mode's input fields, defined once: the CLI, the web form, the fence and the docs table
are generated from here (and ``tests/calculators/test_schema_unit.py`` fails when one disagrees).

A field has a name (the input key of ``web.compute``), a kind (how it is typed and parsed), a
zh/en label and help, a package default, and where it appears: ``main`` (the form, always
shown), ``more`` (the form, under "More options") or ``cli`` (command line only). Every field is
on the command line. A mode may give a shared field its own words (the borrower's terms in
``loan``) or its own kind (``payments`` is dated rows in ``loan``, a list of amounts in ``apr``).
Each mode names its presenter (``calculators.web.<module>.<function>``), the renderer of its result.
Standard library only, and no import of ``labels`` or ``parsing`` (they import this module).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from . import court, schedule
from .legal import DEFAULT_PENALTY_MULTIPLIER

AMOUNT, RATE, NUMBER, INTEGER, DATE, BOOL, CHOICE, LINES, ROWS = (
    "amount", "rate", "number", "integer", "date", "bool", "choice", "lines", "rows")
MAIN, MORE, CLI = "main", "more", "cli"
Words = tuple[str, str]


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    label: Words
    help: Words = ("", "")
    default: str = ""  # the package default, shown in the form when a fence does not set it
    place: str = MAIN
    choices: tuple[str, ...] = ()
    option: str = ""  # the CLI option; "" = --name-with-dashes
    repeat: str = ""  # CLI: a repeatable option taking one line each (its metavar)
    today: bool = False  # the browser fills today's date unless a link gives one
    placeholder: str = ""  # a lines box's example line

    @property
    def unit(self) -> str:
        """The unit shown beside the box: "yuan", "months" (instalments), "days" or ""."""
        if self.kind == AMOUNT:
            return "yuan"
        if self.kind == INTEGER:
            return "months" if self.name in ("months", "plan_months", "paid_count") else "days"
        return ""

    @property
    def cli_option(self) -> str:
        if self.kind == BOOL:
            return f"--no-{self.name.replace('_', '-')}"
        return self.option or f"--{self.name.replace('_', '-')}"

    @property
    def shows_default(self) -> bool:
        return bool(self.default)


def _f(name: str, kind: str, zh: str, en: str, help_zh: str = "", help_en: str = "", **more: object) -> Field:
    return Field(name, kind, (zh, en), (help_zh, help_en), **more)  # type: ignore[arg-type]


#: Where a borrower sees the loan's figures, in the words of the shared box every page uses
#: (includes/loan-figures.{zh,en}.md, its bold phrase): one answer, checked by
#: tests/content/test_content_consistency.py. Weilidai has no separate app.
LOAN_FIGURES_WHERE = ("微信或手机 QQ 里你借款时用的微粒贷入口",
                      "the Weilidai entry in WeChat or Mobile QQ that you borrowed through")

#: The shared definitions; a mode lists the ones it reads, with its own words where it has them.
FIELDS: dict[str, Field] = {f.name: f for f in (
    _f("principal", AMOUNT, "本金", "Principal", "元", "yuan"),
    _f("interest", AMOUNT, "未还合同利息", "Unpaid contractual interest", "元，默认 0", "yuan, default 0",
       default="0.00"),
    _f("daily_rate", RATE, "合同日利率", "Contract daily rate", "如 0.05%（即万分之五）",
       "e.g. 0.05% (5 in 10,000 a day)"),
    _f("annual_rate", RATE, "年化利率", "Annual rate", "如 18% 或 0.18", 'e.g. "18%" or "0.18"'),
    _f("multiplier", NUMBER, "罚息倍数", "Penalty multiplier", "常见 1.3–1.5（即上浮 30%–50%）",
       "usually 1.3–1.5 (30%–50% above the contract rate)", default=str(DEFAULT_PENALTY_MULTIPLIER), place=MORE),
    _f("compound", BOOL, "计收复利", "Charge compound interest", "不勾选 = 不计复利", "unticked = no compound interest",
       default="true", place=MORE),
    _f("days", INTEGER, "逾期天数", "Days overdue", "或清空此项，在“更多选项”中填写日期",
       "or clear it and give the dates under “More options”"),
    _f("due", DATE, "到期日", "Due date", "与计算日一起代替逾期天数", "with the as-of date, instead of the days",
       place=MORE),
    _f("as_of", DATE, "计算日", "As-of date", place=MORE),
    _f("horizon", INTEGER, "图表天数", "Chart horizon (days)", default="90", place=MORE),
    _f("instalments", LINES, "逾期各期（到期日,本金,利息）", "Overdue instalments (due date,principal,interest)",
       "每行一期：到期日,本金,利息；填写后按各期计算（需填计算日）",
       "one per line: due date,principal,interest; when filled, it is used (with the as-of date)",
       place=MORE, option="--instalment", repeat="DATE,P,I", placeholder="2026-01-10,3000,150"),
    _f("accelerated", DATE, "宣布提前到期日", "Date the whole loan was declared due", place=MORE),
    _f("months", INTEGER, "期数（月）", "Number of months", "1–36", "1-36"),
    _f("method", CHOICE, "还款方式", "Repayment method", "", "", default="equal-payment", choices=schedule.METHODS),
    _f("convention", CHOICE, "月利率换算", "Monthly-rate convention", "日利率×30（一年 360 天）或 ×365÷12",
       "daily rate × 30 (a 360-day year) or × 365 ÷ 12", default=schedule.DEFAULT_CONVENTION,
       choices=tuple(schedule.CONVENTIONS), place=MORE),
    _f("delay_days", INTEGER, "再晚还天数", "Days of further delay", "", "", default="30"),
    _f("plan_months", INTEGER, "协商分期期数", "Months in the negotiated plan", "", "", default="12"),
    _f("plan_penalty", BOOL, "分期期间继续计罚息", "Penalty continues during the plan", "", "", default="true",
       place=MORE),
    _f("payment", AMOUNT, "每月还款额", "Monthly payment", "用于按 IRR 计算年化利率", "used for the IRR-based APR"),
    _f("payments", LINES, "各月还款额", "Monthly payments, one a month", "逗号分隔，代替每月还款额和期数",
       "comma-separated, instead of the monthly payment and months", place=MORE, placeholder="916.80,916.80,916.80"),
    _f("claim", AMOUNT, "起诉金额", "Amount claimed", "元", "yuan"),
    _f("procedure", CHOICE, "审理程序", "Procedure", "撤诉时受理费减半并由原告负担",
       "after a withdrawal the halved fee is the plaintiff's", default="ordinary", choices=court.PROCEDURES),
    _f("unpaid", AMOUNT, "判决未履行金额", "Judgment amount unpaid", "留空 = 与起诉金额相同",
       "blank = same as the amount claimed"),
    _f("delay_base", AMOUNT, "其中本金部分（迟延利息基数）", "Of which principal (base of the delay interest)",
       "留空 = 按全部未履行金额计（偏高）", "blank = the whole unpaid amount (an upper bound)", place=MORE),
    _f("preserved", AMOUNT, "被申请财产保全的金额", "Property frozen by a preservation order", "没有就不填",
       "leave empty if none", place=MORE),
    _f("start", DATE, "借款日期", "Date borrowed"),
    _f("paid_count", INTEGER, "已按时还了几期", "Instalments already repaid on time",
       "前几期都在到期日按计划全额还了，就填期数，不用逐笔填写", "if the first instalments were each repaid in full on their due "
       "dates, give their number instead of listing them"),
    _f("prepayment", CHOICE, "提前还部分本金后", "After a partial early repayment",
       "期数不变每期少还，或每期不变少还几期；微众银行的做法未经核实", "same number of smaller instalments, or the same "
       "instalment fewer times; WeBank's rule is unverified", default=schedule.DEFAULT_PREPAYMENT,
       choices=schedule.PREPAYMENT_RULES, place=MORE),
)}


@dataclass(frozen=True)
class Mode:
    name: str
    title: Words
    presenter: str  # "module:function" under calculators.web: the renderer of this mode's result
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def names(self, *places: str) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.place in places)


def _use(name: str, **own: object) -> Field:
    """A shared field as a mode lists it; ``label``/``help`` given as (zh, en)."""
    return replace(FIELDS[name], **own)  # type: ignore[arg-type]


MODES: dict[str, Mode] = {m.name: m for m in (
    Mode("loan", ("我的借款：按还款计划和已还款，算出逾期几期、现在应还多少、今天还清要多少",
                  "my loan: from the schedule and the repayments made, what is overdue, what is owed, what settles it today"),
         "loan:loan", (
        _use("principal", label=("借了多少（借款金额）", "How much you borrowed"),
             help=(f"在{LOAN_FIGURES_WHERE[0]}查看这笔借款的“借款金额”",
                   f"Look in {LOAN_FIGURES_WHERE[1]}: this loan's 借款金额 (amount)")),
        _use("months", label=("分几期", "Number of instalments"),
             help=("借款记录里的“期数”，常见 5、10 或 20 期", "期数 in the loan record: commonly 5, 10 or 20")),
        _use("daily_rate", label=("日利率（合同或借款页面上写的）", "Daily rate (on the contract or loan page)"),
             help=("如 0.05% 或 万分之五；页面只写年化利率的，填在下一栏", "e.g. 0.05% or 万分之五 (5 in 10,000); if the page "
                   "shows only an annual rate, use the next box")),
        _use("annual_rate", label=("或：年化利率（借款页面上写的）", "Or: annual rate (as the loan page shows it)"),
             help=("如 18%；按所选月利率换算方式除以 360 或 365 天", "e.g. 18%; divided by 360 or 365 days per the "
                   "monthly-rate convention")),
        _use("start", help=("借款记录里的“借款日期”（放款那天）；第 1 期在一个月后的同一天到期",
                            "借款日期 in the loan record (the day the money arrived); instalment 1 is due a month later")),
        _use("paid_count"),
        Field("payments", ROWS, ("已经还了哪些（其他还款）", "What you have repaid (other repayments)"),
              ("每笔还款一行：日期和金额，在 App 的“还款记录”里能看到；已按时还的几期不用再填",
               "one row per repayment: date and amount, as in the app's 还款记录 (repayment records); "
               "leave out the instalments counted above"), option="--payment", repeat="DATE,AMOUNT"),
        _use("as_of", label=("算到哪一天（默认今天）", "Calculate as of (today by default)"), place=MAIN, today=True),
        _use("method", label=("还款方式（借款记录里写的）", "Repayment method (in the loan record)"), place=MORE),
        _use("prepayment"),
        _use("multiplier"),
        _use("compound"),
        _use("accelerated", label=("银行要求一次还清全部的日期（没有就不填）",
                                   "Date the bank demanded the whole loan (leave empty if it has not)"),
             help=("即“提前到期”或“全额还款”通知上的日期", "the date on the 提前到期 / full-repayment notice")),
        _use("convention"),
        _use("horizon", place=CLI),
    )),
    Mode("overdue", ("逾期费用：罚息、复利和应还合计", "overdue cost: penalty, compound interest and total due"),
         "overdue:overdue", (
        _use("principal"), _use("interest", place=MAIN), _use("daily_rate"), _use("days"),
        _use("multiplier"), _use("compound"), _use("due"), _use("as_of"), _use("horizon"), _use("instalments"),
    )),
    Mode("payoff", ("提前到期（全款）：结清所需金额及每天增加多少", "full payoff after acceleration and its growth per day"),
         "overdue:payoff", (
        _use("principal"), _use("interest", place=MAIN), _use("daily_rate"), _use("days"),
        _use("multiplier"), _use("compound"), _use("accelerated"), _use("as_of"), _use("horizon"),
    )),
    Mode("schedule", ("还款计划：等额本息 / 等额本金", "repayment schedule: equal payments / equal principal"),
         "schedule:schedule", (
        _use("principal"), _use("daily_rate"), _use("months"), _use("method"), _use("convention"),
    )),
    Mode("compare", ("方案对比：现在还清、N 天后还清、协商分期", "scenarios: pay now, pay in N days, a negotiated plan"),
         "compare:compare", (
        _use("principal"), _use("interest", place=MAIN), _use("daily_rate"), _use("days", default="0"),
        _use("delay_days"), _use("plan_months"), _use("multiplier"), _use("compound"), _use("plan_penalty"),
    )),
    Mode("apr", ("年化利率：IRR 年化、日利率换算、24% 检查", "annualised rate: IRR APR, daily-rate conversion, 24% check"),
         "apr:apr", (
        _use("principal"), _use("payment"), _use("months"), _use("daily_rate"), _use("multiplier"),
        _use("payments"), _use("annual_rate", place=MORE),
    )),
    Mode("court", ("诉讼费用：受理费、申请执行费、迟延履行利息", "court costs: acceptance fee, enforcement fee, delay interest"),
         "court:court", (
        _use("claim"), _use("procedure"), _use("unpaid"),
        _use("delay_days", default="0", label=("判决履行期届满后迟延的天数", "Days past the judgment's deadline"),
             help=("按 0.0175%/天 计迟延履行利息", "delay interest at 0.0175% a day")),
        _use("delay_base"), _use("preserved"),
    )),
    Mode("budget", ("收支表：每月能还多少，按欠款比例分给各债权人",
                    "budget: what is left each month, offered to creditors pro rata by balance"),
         "budget:budget", (
        Field("income", AMOUNT, ("每月总收入", "Total monthly income"),
              ("工资、补贴、其他收入合计；或在“更多选项”里分项填写",
               "wages, benefits and other income together; or give them one by one under More options")),
        Field("essential", AMOUNT, ("每月必需开支合计", "Essential spending a month, total"),
              ("房租、吃饭、水电、上班交通、看病、孩子、优先债务；或在“更多选项”里分项填写",
               "rent, food, utilities, travel to work, medical, children, priority debts; or one by one under "
               "More options")),
        Field("debts", LINES, ("其他欠款（每行：债权人,欠款余额）", "Debts (one a line: creditor,balance)"),
              ("例如：微粒贷,12000", "e.g. 微粒贷,12000"), option="--debt", repeat="CREDITOR,BALANCE",
              placeholder="微粒贷,12000"),
        Field("wages", AMOUNT, ("工资", "Wages"), place=MORE),
        Field("benefits", AMOUNT, ("补贴、救助（失业金、低保等）", "Benefits"), place=MORE),
        Field("other_income", AMOUNT, ("其他收入", "Other income"), place=MORE),
        Field("housing", AMOUNT, ("住房（房租、房贷）", "Housing (rent, mortgage)"), place=MORE),
        Field("food", AMOUNT, ("吃饭", "Food"), place=MORE),
        Field("utilities", AMOUNT, ("水电燃气、话费", "Utilities and phone"), place=MORE),
        Field("transport", AMOUNT, ("上班的交通", "Travel to work"), place=MORE),
        Field("medical", AMOUNT, ("看病、买药", "Medical"), place=MORE),
        Field("children", AMOUNT, ("孩子（抚养、上学）", "Children (care, school)"), place=MORE),
        Field("priority_debts", AMOUNT, ("优先债务（欠房租、罚款、欠税）", "Priority debts (rent arrears, fines, tax)"),
              place=MORE),
        Field("other_essential", AMOUNT, ("其他必需开支", "Other essentials"), place=MORE),
    )),
    Mode("timeline", ("我的法律期限：诉讼时效、支付令异议、上诉、申请执行、征信记录",
                      "my legal clocks: limitation, payment-order objection, appeal, enforcement, credit record"),
         "timeline:timeline_mode", (
        _use("start", help=("借款记录里的“借款日期”；第 1 期在一个月后的同一天到期",
                            "借款日期 in the loan record; instalment 1 is due a month later")),
        _use("months", label=("分几期", "Number of instalments"), help=("借款记录里的“期数”", "期数 in the loan record")),
        Field("events", LINES, ("已经发生的事（每行：类型,日期）", "What has happened (one a line: kind,date)"),
              ("类型：demand 催收 · acknowledgment 同意还款或还了一部分 · payment-order-served 收到支付令 · "
               "summons-served 收到起诉状 · judgment-served 收到判决书 · judgment-due 判决给的最后还款日 · "
               "repaid-in-full 全部还清",
               "kinds: demand · acknowledgment (agreed to pay or paid part) · payment-order-served · summons-served · "
               "judgment-served · judgment-due (last day the judgment gives to pay) · repaid-in-full"),
              option="--event", repeat="KIND,DATE", placeholder="demand,2026-12-01"),
        _use("accelerated", label=("银行要求一次还清全部的日期（没有就不填）",
                                   "Date the bank demanded the whole loan (leave empty if it has not)")),
        Field("plan_start", DATE, ("协商方案第一次还款日", "First payment date of the agreed plan"), place=MORE),
        Field("plan_payment", AMOUNT, ("协商方案每月还款额", "Monthly payment under the agreed plan"), place=MORE),
        _use("plan_months", label=("协商方案期数", "Months in the agreed plan"), place=MORE),
        _use("as_of", label=("今天（之前的期限标为已过）", "Today (earlier deadlines are marked past)"), today=True),
    )),
)}


def mode(name: str) -> Mode:
    return MODES[name]


def form_fields(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields the web form shows: always, and under "More options"."""
    return MODES[name].names(MAIN), MODES[name].names(MORE)


def form_values(name: str, options: Mapping[str, str], used: Mapping[str, str]) -> dict[str, str]:
    """What each form field starts with: the fence's value, else the package default the example
    used (for fields that show one), else blank."""
    shown = MODES[name].names(MAIN, MORE)
    return {n: options.get(n, used.get(n, "") if MODES[name].field(n).shows_default else "") for n in shown}


def words(name: str, field: str, lang: str) -> tuple[str, str]:
    """A field's label and help in ``lang`` ("zh" | "en"), as this mode words them."""
    f = MODES[name].field(field)
    i = 0 if lang == "zh" else 1
    return f.label[i], f.help[i]


def field_labels() -> dict[str, Words]:
    """One label per field name (for messages and the inputs-used line): the shared one, else
    that of the mode that defines the field."""
    found = {name: f.label for name, f in FIELDS.items()}
    for m in MODES.values():
        for f in m.fields:
            found.setdefault(f.name, f.label)
    return found


def docs_table(lang: str = "zh") -> str:
    """A Markdown table of every mode's fields: name, type, default, label, help, where shown."""
    i = 0 if lang == "zh" else 1
    head = ("模式", "字段", "类型", "默认", "名称", "说明", "位置") if lang == "zh" else (
        "Mode", "Field", "Type", "Default", "Label", "Help", "Shown")
    where = {MAIN: ("表单", "form"), MORE: ("更多选项", "more options"), CLI: ("仅命令行", "command line only")}
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for m in MODES.values():
        for f in m.fields:
            cells = (m.name, f"`{f.name}` (`{f.cli_option}`)", f.kind + (f": {' / '.join(f.choices)}" if f.choices else ""),
                     f.default or "", f.label[i], f.help[i], where[f.place][i])
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m calculators.schema > dev/calculator-fields.md
    print("# 计算器字段 / Calculator fields\n")
    print("由 `python -m calculators.schema > dev/calculator-fields.md` 从 `calculators/schema.py` 生成，请勿手改。")
    print("Generated from `calculators/schema.py`; do not edit by hand.\n")
    print(docs_table("zh"))
    print(docs_table("en"), end="")

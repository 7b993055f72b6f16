"""Command line: ``python -m calculators <loan|overdue|payoff|schedule|compare|apr|court|budget|timeline> ...``.

Every subcommand maps its options onto the same input keys as ``web.compute`` and prints a
readable bilingual table, or with ``--json`` the very dict ``web.compute`` returns. Bad input
prints the bilingual message to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, NoReturn

from .errors import CalculatorInputError
from .web import FORMS, run

EXIT_BAD_INPUT = 2

#: (option, input key, help zh, help en) shared by the subcommands that list them.
_OPTIONS: dict[str, tuple[str, str, str]] = {
    "principal": ("--principal", "本金（元）", "principal in yuan"),
    "interest": ("--interest", "未还合同利息（元，默认 0）", "unpaid contractual interest in yuan (default 0)"),
    "daily_rate": ("--daily-rate", "合同日利率，如 0.05% 或 0.0005", 'contract daily rate, e.g. "0.05%" or "0.0005"'),
    "multiplier": ("--multiplier", "罚息倍数（默认 1.5，即上浮 50%）", "penalty multiplier (default 1.5, i.e. +50%)"),
    "days": ("--days", "逾期天数", "days overdue"),
    "due": (
        "--due",
        "到期日 YYYY-MM-DD（与 --as-of 一起代替 --days）",
        "due date YYYY-MM-DD (with --as-of, instead of --days)",
    ),
    "as_of": ("--as-of", "计算日 YYYY-MM-DD", "as-of date YYYY-MM-DD"),
    "start": ("--start", "借款日期（放款日）YYYY-MM-DD", "date borrowed (drawdown) YYYY-MM-DD"),
    "horizon": (
        "--horizon",
        "图表序列的天数（默认 90，仅 --json 输出）",
        "days in the chart series (default 90, --json only)",
    ),
    "accelerated": (
        "--accelerated",
        "宣布提前到期的日期 YYYY-MM-DD",
        "date the whole loan was declared due, YYYY-MM-DD",
    ),
    "months": ("--months", "期数（月，1–36）", "number of months (1-36)"),
    "method": (
        "--method",
        "equal-payment（等额本息，默认）| equal-principal（等额本金）",
        "equal-payment (default) | equal-principal",
    ),
    "convention": (
        "--convention",
        '月利率换算："30"（日利率×30，默认）| "365/12"',
        'monthly-rate convention: "30" (daily x 30, default) | "365/12"',
    ),
    "delay_days": (
        "--delay-days",
        "再晚还的天数 / 判决履行期届满后的天数",
        "days of further delay / days past the judgment deadline",
    ),
    "plan_months": ("--plan-months", "协商分期期数（默认 12）", "months in the negotiated plan (default 12)"),
    "payment": ("--payment", "每月还款额（元）", "monthly payment in yuan"),
    "payments": (
        "--payments",
        "各月还款额，逗号分隔（代替 --payment/--months）",
        "monthly payments, comma-separated (instead of --payment/--months)",
    ),
    "annual_rate": (
        "--annual-rate",
        "年利率，如 18% 或 0.18（换算为日利率）",
        'annual rate, e.g. "18%" or "0.18" (to a daily rate)',
    ),
    "claim": ("--claim", "起诉金额（元）", "amount claimed in yuan"),
    "procedure": (
        "--procedure",
        "ordinary（普通）| simplified（简易，减半）| settlement（调解/撤诉，减半）",
        "ordinary | simplified (half) | settlement (half)",
    ),
    "unpaid": ("--unpaid", "判决未履行金额（默认 = 起诉金额）", "judgment amount unpaid (default = claim)"),
}

_COMMANDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "loan": (
        "我的借款：按还款计划和已还款，算出逾期几期、现在应还多少",
        "my loan: from the schedule and the repayments made, what is overdue and what is owed now",
        (
            "principal",
            "months",
            "daily_rate",
            "method",
            "start",
            "as_of",
            "multiplier",
            "accelerated",
            "convention",
            "horizon",
        ),
    ),
    "overdue": (
        "逾期费用：罚息、复利和应还合计",
        "overdue cost: penalty, compound interest and total due",
        ("principal", "interest", "daily_rate", "multiplier", "days", "due", "as_of", "horizon"),
    ),
    "payoff": (
        "提前到期（全款）：结清所需金额及每天增加多少",
        "full payoff after acceleration and its growth per day",
        ("principal", "interest", "daily_rate", "multiplier", "accelerated", "as_of", "days", "horizon"),
    ),
    "schedule": (
        "还款计划：等额本息 / 等额本金",
        "repayment schedule: equal payments / equal principal",
        ("principal", "daily_rate", "months", "method", "convention"),
    ),
    "compare": (
        "方案对比：现在还清、N 天后还清、协商分期",
        "scenarios: pay now, pay in N days, a negotiated plan",
        ("principal", "interest", "daily_rate", "multiplier", "days", "delay_days", "plan_months"),
    ),
    "apr": (
        "年化利率：IRR 年化、日利率换算、24% 检查",
        "annualised rate: IRR APR, daily-rate conversion, 24% check",
        ("principal", "payment", "months", "payments", "daily_rate", "multiplier", "annual_rate"),
    ),
    "court": (
        "诉讼费用：受理费、申请执行费、迟延履行利息",
        "court costs: acceptance fee, enforcement fee, delay interest",
        ("claim", "procedure", "unpaid", "delay_days"),
    ),
}


class _Parser(argparse.ArgumentParser):
    """argparse with bilingual usage errors and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"参数错误 / Invalid arguments: {message}\n")


def _escape(text: str) -> str:
    """argparse %-formats help strings; a literal % (as in "0.05%") must be doubled."""
    return text.replace("%", "%%")


def _help_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出 / show this help and exit")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m calculators",
        add_help=False,
        description="微粒贷逾期计算器（精确到分）/ Weilidai overdue calculators (exact to the fen)",
        epilog="每个子命令都有 --help；加 --json 输出机器可读结果 / every subcommand has --help; add --json for JSON",
    )
    _help_option(parser)
    sub = parser.add_subparsers(
        dest="mode",
        metavar="{" + ",".join([*_COMMANDS, *_PLAN_COMMANDS]) + "}",
        title="子命令 / subcommands",
        parser_class=_Parser,
    )
    for mode, (zh, en, keys) in _COMMANDS.items():
        command = sub.add_parser(mode, add_help=False, help=_escape(f"{zh} / {en}"), description=f"{zh} / {en}")
        _help_option(command)
        for key in keys:
            option, help_zh, help_en = _OPTIONS[key]
            command.add_argument(option, dest=key, metavar="VALUE", help=_escape(f"{help_zh} / {help_en}"))
        if mode == "overdue":
            command.add_argument(
                "--instalment",
                dest="instalment",
                action="append",
                metavar="DATE,P,I",
                help="一期逾期：到期日,本金,利息（可重复，需 --as-of）/ one overdue instalment: "
                "due date,principal,interest (repeatable; needs --as-of)",
            )
        if mode == "loan":
            command.add_argument(
                "--payment",
                dest="loan_payment",
                action="append",
                metavar="DATE,AMOUNT",
                help="一笔已还款：日期,金额（可重复）/ one repayment made: date,amount (repeatable)",
            )
        if mode in {"loan", "overdue", "payoff", "compare"}:
            command.add_argument(
                "--no-compound",
                dest="no_compound",
                action="store_true",
                help="不计复利 / no compound interest on unpaid interest",
            )
        if mode == "compare":
            command.add_argument(
                "--no-plan-penalty",
                dest="no_plan_penalty",
                action="store_true",
                help="分期期间停止计罚息 / penalty stops during the plan",
            )
        command.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    for mode, (zh, en) in _PLAN_COMMANDS.items():
        command = sub.add_parser(mode, add_help=False, help=_escape(f"{zh} / {en}"), description=f"{zh} / {en}")
        _help_option(command)
        for field in FORMS[mode]:
            text = f"{field.zh} / {field.en}" + (f" ({field.hint_zh} / {field.hint_en})" if field.hint_zh else "")
            if field.repeat:
                command.add_argument(field.option, dest=field.name, action="append", metavar="VALUE",
                                     help=_escape(f"{text}; 可重复 / repeatable"))
            else:
                command.add_argument(field.option, dest=field.name, metavar="VALUE", help=_escape(text))
        command.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
        if mode == "timeline":
            command.add_argument("--ics", action="store_true",
                                 help="输出 iCalendar 日历文件（RFC 5545）/ print an iCalendar file (RFC 5545)")
            command.add_argument("--lang", choices=("zh", "en"), default="zh",
                                 help="日历文字的语言 / language of the calendar text")
    return parser


#: The plan modes: their options come from the fields declared in calculators.web (FORMS).
_PLAN_COMMANDS: dict[str, tuple[str, str]] = {
    "budget": ("收支表：每月能还多少，按欠款比例分给各债权人",
               "budget: what is left each month, offered to creditors pro rata by balance"),
    "timeline": ("我的法律期限：诉讼时效、支付令异议、上诉、申请执行、征信记录",
                 "my legal clocks: limitation, payment-order objection, appeal, enforcement, credit record"),
}


def _inputs(args: argparse.Namespace) -> dict[str, str]:
    if args.mode in FORMS:
        values = vars(args)
        return {f.name: "\n".join(values[f.name]) if f.repeat else values[f.name]
                for f in FORMS[args.mode] if values.get(f.name) is not None}
    inputs = {k: v for k, v in vars(args).items() if k in _OPTIONS and isinstance(v, str)}
    if getattr(args, "no_compound", False):
        inputs["compound"] = "false"
    if getattr(args, "no_plan_penalty", False):
        inputs["plan_penalty"] = "false"
    if getattr(args, "loan_payment", None):
        inputs["payments"] = "\n".join(args.loan_payment)
    if getattr(args, "instalment", None):
        inputs["instalments"] = "\n".join(args.instalment)
    return inputs


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def _grid(header: list[list[str]], rows: list[list[str]], numeric: list[bool]) -> list[str]:
    widths = [max(_width(r[i]) for r in header + rows) for i in range(len(numeric))]
    lines = [" │ ".join(_pad(c, w, n) for c, w, n in zip(r, widths, numeric, strict=True)).rstrip() for r in header]
    lines.append("─┼─".join("─" * w for w in widths))
    lines += [" │ ".join(_pad(c, w, n) for c, w, n in zip(r, widths, numeric, strict=True)).rstrip() for r in rows]
    return lines


_UNITS = {"yuan": "元 yuan", "percent": "%", "days": "天 days"}


def _both(cell: str | dict[str, str]) -> str:
    """A table cell for the bilingual terminal: a per-language text cell shows both halves."""
    return cell if isinstance(cell, str) else f"{cell['zh']} / {cell['en']}"


def render_text(result: dict[str, Any]) -> str:
    """The readable report: summary, table, warnings, notes."""
    lines: list[str] = []
    if result.get("answer"):
        lines += [result["answer"]["zh"], result["answer"]["en"], ""]
    summary = [[f"{r['label_zh']} {r['label_en']}", r["value"], _UNITS.get(r["unit"], "")] for r in result["summary"]]
    width = max((_width(r[0]) for r in summary), default=0)
    lines += [f"{_pad(a, width, False)}  {b:>12} {u}".rstrip() for a, b, u in summary]
    for key in ("table", "enforcement_table"):
        table = result.get(key)
        if table:
            cols = table["columns"]
            listed = table["rows"] + ([table["footer"]] if table.get("footer") else [])
            rows = [[_both(c) for c in row] for row in listed]
            numeric = [c["unit"] in {"yuan", "days", "number"} for c in cols]
            lines += [""] + _grid([[c["label_zh"] for c in cols], [c["label_en"] for c in cols]], rows, numeric)
    for key in ("statement",):
        if result.get(key):
            lines += ["", result[key]["zh"], "", result[key]["en"]]
    for item in result.get("warnings", []):
        lines += ["", f"! {item['zh']}", f"  {item['en']}"]
    for item in result.get("notes", []):
        lines += ["", f"* {item['zh']}", f"  {item['en']}"]
    if result.get("sources"):
        lines += ["", f"依据 / Sources (checked {result.get('checked', '')}):"]
        for item in result["sources"]:
            lines += [f"- {item['zh']}", f"  {item['en']}"]
    return "\n".join(lines) + "\n"


#: Exit status after the reader closed the pipe (``... | head -1``): 128 + SIGPIPE, as shells report.
EXIT_CLOSED_PIPE = 141


def _speaks_unicode(stream: Any) -> bool:
    """Whether ``stream`` can encode Chinese (a C/POSIX or GBK-less terminal cannot)."""
    try:
        "微粒贷".encode(getattr(stream, "encoding", None) or "ascii")
    except (LookupError, UnicodeEncodeError):
        return False
    return True


def _tolerant_streams() -> None:
    """Never a UnicodeEncodeError traceback: unencodable characters become escapes."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not _speaks_unicode(stream):
            reconfigure(errors="backslashreplace")


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.mode:
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        result = run(args.mode, _inputs(args))
    except CalculatorInputError as error:
        print(str(error), file=sys.stderr)
        return EXIT_BAD_INPUT
    if getattr(args, "ics", False):
        sys.stdout.write(result["ics"][args.lang].replace("\r\n", "\n") if sys.stdout.isatty() else "")
        if not sys.stdout.isatty():
            sys.stdout.flush()
            sys.stdout.buffer.write(result["ics"][args.lang].encode("utf-8"))
    elif args.json:
        # Plain ASCII JSON (\uXXXX escapes) on a terminal that cannot show Chinese: still valid JSON.
        print(json.dumps(result, ensure_ascii=not _speaks_unicode(sys.stdout), indent=2))
    else:
        sys.stdout.write(render_text(result))
    sys.stdout.flush()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader stopped reading (``| head``): say nothing; point stdout at /dev/null so the
        # interpreter's final flush does not raise again (Python docs, "Note on SIGPIPE").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CLOSED_PIPE

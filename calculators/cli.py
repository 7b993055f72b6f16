"""Command line: ``python -m calculators <loan|overdue|payoff|schedule|compare|apr|court|budget|timeline> ...``.

Every subcommand maps its options onto the same input keys as ``web.compute`` and prints a
readable bilingual table, or with ``--json`` the very dict ``web.compute`` returns. Bad input
prints the bilingual message to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, NoReturn

from . import schema
from .errors import CalculatorInputError
from .labels import label
from .web import run

EXIT_BAD_INPUT = 2
#: Options that choose the output, not an input field (every other option is a schema field).
OUTPUT_OPTIONS = ("--json", "--ics", "--lang")

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


def _field_help(field: schema.Field) -> str:
    """"label: help" in both languages, and each choice with its label (withdrawal is its own)."""
    zh, en = f"{field.label[0]}", f"{field.label[1]}"
    if field.help[0]:
        zh, en = f"{zh}：{field.help[0]}", f"{en}: {field.help[1]}"
    if field.choices:
        zh += "（" + " | ".join(f"{c} {label(c)[0]}" for c in field.choices) + "）"
        en += " (" + " | ".join(f"{c}: {label(c)[1]}" for c in field.choices) + ")"
    if field.kind == schema.DATE:
        zh, en = f"{zh}（YYYY-MM-DD）", f"{en} (YYYY-MM-DD)"
    if field.default and field.kind != schema.BOOL:
        zh, en = f"{zh}，默认 {field.default}", f"{en}; default {field.default}"
    return _escape(f"{zh} / {en}")


def _add_field(command: argparse.ArgumentParser, field: schema.Field) -> None:
    if field.kind == schema.BOOL:
        command.add_argument(field.cli_option, dest=field.name, action="store_const", const="false",
                             help=_escape(f"不{field.label[0]} / not: {field.label[1]}"))
    elif field.repeat:
        command.add_argument(field.cli_option, dest=field.name, action="append", metavar=field.repeat,
                             help=_field_help(field) + _escape("（可重复）/ (repeatable)"))
    else:
        command.add_argument(field.cli_option, dest=field.name, metavar="VALUE", help=_field_help(field))


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and option from ``calculators.schema`` (the form reads the same fields)."""
    parser = _Parser(
        prog="python -m calculators",
        add_help=False,
        description="微粒贷逾期计算器（精确到分）/ Weilidai overdue calculators (exact to the fen)",
        epilog="每个子命令都有 --help；加 --json 输出机器可读结果 / every subcommand has --help; add --json for JSON",
    )
    _help_option(parser)
    sub = parser.add_subparsers(
        dest="mode",
        metavar="{" + ",".join(schema.MODES) + "}",
        title="子命令 / subcommands",
        parser_class=_Parser,
    )
    for name, mode in schema.MODES.items():
        zh, en = mode.title
        command = sub.add_parser(name, add_help=False, help=_escape(f"{zh} / {en}"), description=_escape(f"{zh} / {en}"))
        _help_option(command)
        for field in mode.fields:
            _add_field(command, field)
        command.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
        if name == "timeline":  # output choices, not inputs: the calendar file and its language
            command.add_argument("--ics", action="store_true",
                                 help="输出 iCalendar 日历文件（RFC 5545）/ print an iCalendar file (RFC 5545)")
            command.add_argument("--lang", choices=("zh", "en"), default="zh",
                                 help="日历文字的语言 / language of the calendar text")
    return parser


@functools.cache
def _parser() -> argparse.ArgumentParser:
    """The parser, built once per process: building it (every mode's options, argparse's help
    formatter per option) costs more than most runs it parses, and a test process calls ``main``
    hundreds of times. Parsing does not change it: each call gets a fresh namespace."""
    return build_parser()


def _inputs(args: argparse.Namespace) -> dict[str, str]:
    inputs: dict[str, str] = {}
    for field in schema.MODES[args.mode].fields:
        value = getattr(args, field.name, None)
        if isinstance(value, list):
            inputs[field.name] = "\n".join(value)
        elif isinstance(value, str):
            inputs[field.name] = value
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
    parser = _parser()
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


#: Exit status when the output cannot be written (a full disk, /dev/full): EX_IOERR of sysexits.h.
EXIT_WRITE_FAILED = 74


def _say_write_failed(error: OSError) -> int:
    """Tell the reader on stderr (if even that fails, the status says it) and stop the final flush."""
    try:
        sys.stderr.write(f"无法写出结果（{error.strerror or error}）/ Could not write the result ({error.strerror or error})\n")
        sys.stderr.flush()
    except OSError:
        pass
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_WRITE_FAILED


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
    except OSError as error:  # ENOSPC on a full disk, EIO: a message, never a traceback
        return _say_write_failed(error)

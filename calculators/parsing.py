"""Turn the raw strings a form or command line gives into checked values.

Each parser names the field it reads, so a bad value becomes one ``CalculatorInputError``
that tells the reader, in Chinese and English, which box is wrong and what is expected.
The bounds below are sanity limits (typo catchers), not legal limits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation, localcontext

from .errors import CalculatorInputError
from .labels import field_label
from .legal import MAX_PENALTY_MULTIPLIER

#: Amounts above this (RMB 1 billion) are refused as typos.
MAX_AMOUNT = Decimal(1_000_000_000)
#: 0.2 % a day is 72 % a year: far above any licensed lender; larger values are usually
#: "0.05" typed for "0.05%".
MAX_DAILY_RATE = Decimal("0.002")
#: Below 0.000001 % a day (0.00036 % a year) a positive rate is a typo, and a 36-month annuity
#: factor at 50 digits could no longer tell it from 0.
MIN_DAILY_RATE = Decimal("0.00000001")
#: A "daily" rate from 1 % to 72 % written with a per-cent sign is almost surely an annual rate.
ANNUAL_LOOKING = (Decimal("0.01"), Decimal("0.72"))
MAX_DAYS = 3650
MAX_HORIZON = 1825
MAX_INSTALMENTS = 36
MIN_YEAR, MAX_YEAR = 2000, 2100
#: No field needs more text than 36 instalment lines; longer input is refused before parsing.
MAX_TEXT = 4000

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_INTEGER = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


#: Digits grouped by thousands ("1,000" or "12,345.6"): the only place a comma may stand in a
#: number. "1,5" (a decimal comma, or a typo) is refused rather than read as 15.
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


#: Space between two digits: "1 5" is refused, never read as 15.
_SPLIT_DIGITS = re.compile(r"\d[\s_]+\d")


def _clean(raw: str) -> str:
    """NFKC folds full-width digits and punctuation (１２３，％) a Chinese keyboard may give.

    Other number signs NFKC would also turn into digits (superscripts, circled or fraction
    digits: "1000²" would read 10002) are left alone, so the value is refused, not misread;
    so are digits split by a space ("1 5")."""
    kept = "".join(c if unicodedata.category(c) != "No" else "\ufffd" for c in raw)
    text = unicodedata.normalize("NFKC", kept).strip()
    if _SPLIT_DIGITS.search(text):
        return text.replace(" ", "\ufffd")
    return text.replace(" ", "").replace("_", "")


def _ungroup(field: str, text: str, raw: str) -> str:
    """Remove thousands separators; refuse any other comma."""
    if "," not in text:
        return text
    if not _GROUPED.fullmatch(text):
        raise _fail(field, f"不是有效的数字：{raw[:40]}（逗号只能用作千位分隔，小数点请用“.”）",
                    f"not a valid number: {raw[:40]} (a comma may only group thousands; use '.' for decimals)")
    return text.replace(",", "")


def _fail(field: str, zh: str, en: str) -> CalculatorInputError:
    label_zh, label_en = field_label(field)
    return CalculatorInputError(field, f"「{label_zh}」{zh}", f"{label_en}: {en}")


def get(inputs: Mapping[str, object], field: str) -> str | None:
    """The raw text of a field, or None when it is absent or blank.

    Any failure while reading it (a value whose ``str()`` raises, an int too long to print) is
    this field's typed error, never a generic one.
    """
    try:
        value = inputs.get(field)
        if value is None:
            return None
        if isinstance(value, bool):
            value = "true" if value else "false"
        text = str(value).strip()
    except Exception:  # noqa: BLE001 - whatever the object does, the reader gets a field message
        raise _fail(field, "无法读取这个值", "this value cannot be read") from None
    if len(text) > MAX_TEXT:
        raise _fail(field, f"内容过长（上限 {MAX_TEXT} 个字符）", f"too long (limit {MAX_TEXT} characters)")
    return text or None


def require(inputs: Mapping[str, object], field: str) -> str:
    text = get(inputs, field)
    if text is None:
        raise _fail(field, "不能为空", "this field is required")
    return text


def _decimal(field: str, raw: str) -> Decimal:
    text = _ungroup(field, _clean(raw), raw)
    if not _NUMBER.fullmatch(text):
        raise _fail(field, f"不是有效的数字：{raw[:40]}", f"not a valid number: {raw[:40]}")
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex already excludes these
        raise _fail(field, f"不是有效的数字：{raw[:40]}", f"not a valid number: {raw[:40]}") from None
    return abs(value) if value.is_zero() else value  # "-0" is 0, never "-0.00" in a result


def amount(field: str, raw: str, *, allow_zero: bool = False) -> Decimal:
    """A money amount in yuan, at most two decimals, 0 (if allowed) or above, below MAX_AMOUNT."""
    text = _clean(raw).removeprefix("¥").removesuffix("元").removeprefix("¥")
    ten_thousands = text.endswith("万")  # 1万 = 10,000; 1.5万 = 15,000
    value = _decimal(field, text.removesuffix("万"))
    if ten_thousands:
        with localcontext() as ctx:
            ctx.prec = 60
            value = value * 10_000
    if value < 0 or (value == 0 and not allow_zero):
        bound_zh, bound_en = (
            ("不能小于 0", "must not be negative") if allow_zero else ("必须大于 0", "must be greater than 0")
        )
        raise _fail(field, bound_zh, bound_en)
    if value > MAX_AMOUNT:
        raise _fail(field, "金额过大（上限 10 亿元）", "amount too large (limit RMB 1,000,000,000)")
    if value != value.quantize(Decimal("0.01")):
        raise _fail(field, "金额最多两位小数（精确到分）", "use at most two decimals (fen)")
    return value


#: Words a reader may put before a daily rate ("日息 0.05%", "日利率万分之五").
_RATE_WORDS = ("日利率", "日利息", "日息", "日费率", "每日", "每天", "日")
#: Written-out fractions: 万分之五 = 5/10,000, 千分之一 = 1/1,000, 百分之0.05 = 0.05/100.
_FRACTIONS = (("万分之", Decimal(10_000)), ("千分之", Decimal(1_000)), ("百分之", Decimal(100)))
_CHINESE_DIGITS = dict(zip("零一二三四五六七八九", "0123456789", strict=True)) | {"两": "2", "点": "."}
#: Suffix signs: % per cent, ‰ per mille, ‱ per ten thousand.
_SIGNS = (("%", Decimal(100)), ("‰", Decimal(1_000)), ("‱", Decimal(10_000)))


def _rate_parts(text: str) -> tuple[str, Decimal | None]:
    """Split "万分之五" / "0.05%" / "5‱" into the number's text and its divisor (None: a fraction)."""
    for word in _RATE_WORDS:
        text = text.removeprefix(word)
    for word, divisor in _FRACTIONS:
        if text.startswith(word):
            number = "".join(_CHINESE_DIGITS.get(c, c) for c in text.removeprefix(word))
            return number, divisor
    for sign, divisor in _SIGNS:
        if text.endswith(sign):
            return text.removesuffix(sign), divisor
    return text, None


def daily_rate(field: str, raw: str, *, allow_zero: bool = True) -> Decimal:
    """A daily rate given as "0.05%", "0.0005", "万分之五", "5‱" or "日息0.05%"; returned as a
    fraction (0.0005)."""
    number, divisor = _rate_parts(_clean(raw))
    percent = divisor is not None
    value = _decimal(field, number)
    if divisor is not None:
        with localcontext() as ctx:
            ctx.prec = 60
            value = value / divisor
    if value < 0 or (value == 0 and not allow_zero):
        raise _fail(field, "必须大于 0", "must be greater than 0")
    if 0 < value < MIN_DAILY_RATE:
        raise _fail(field, "日利率过小（下限 0.000001%）", "daily rate too small (limit 0.000001%)")
    if percent and ANNUAL_LOOKING[0] <= value <= ANNUAL_LOOKING[1]:
        shown = f"{value * 100:f}".rstrip("0").rstrip(".")
        with localcontext() as ctx:
            ctx.prec = 60
            daily = f"{value / 360 * 100:.4f}"
        raise _fail(
            field,
            f"{shown}% 看起来是年化利率，不是日利率；请填到“年化利率”一栏，或换算：{shown}% ÷ 360 ≈ {daily}%",
            f"{shown}% looks like an annual rate, not a daily one: put it in the annual-rate box, or convert: "
            f"{shown}% ÷ 360 ≈ {daily}%",
        )
    if value > MAX_DAILY_RATE:
        hint_zh = "；如果想输入日利率万分之五，请写 0.05%" if not percent else ""
        hint_en = '; for 0.05% a day type "0.05%"' if not percent else ""
        raise _fail(
            field,
            f"日利率过高（上限 0.2%，即年化 72%）{hint_zh}",
            f"daily rate too high (limit 0.2%, i.e. 72% a year){hint_en}",
        )
    return value


def annual_rate(field: str, raw: str) -> Decimal:
    """An annual rate given as "18%" or "0.18"; returned as a fraction. Same ceiling as the daily
    rate (72 % a year)."""
    text = _clean(raw)
    percent = text.endswith("%")
    value = _decimal(field, text.removesuffix("%"))
    if percent:
        value = value / 100
    if value < 0:
        raise _fail(field, "不能小于 0", "must not be negative")
    if percent and 0 < value <= MAX_DAILY_RATE:  # "0.05%" in the annual box: a daily rate
        shown = f"{value * 100:f}".rstrip("0").rstrip(".")
        raise _fail(field, f"{shown}% 看起来是日利率，不是年化利率；请填到“日利率”一栏",
                    f"{shown}% looks like a daily rate, not an annual one: put it in the daily-rate box")
    if value > MAX_DAILY_RATE * 360:
        hint_zh = "；年利率 18% 请写 18% 或 0.18" if not percent else ""
        hint_en = '; for 18% a year type "18%" or "0.18"' if not percent else ""
        raise _fail(field, f"年利率过高（上限 72%）{hint_zh}", f"annual rate too high (limit 72%){hint_en}")
    return value


def multiplier(field: str, raw: str) -> Decimal:
    """Penalty multiplier: 1 (no mark-up) to 3."""

    value = _decimal(field, _clean(raw))
    if value < 1:
        raise _fail(
            field,
            "不能小于 1（罚息利率不低于合同利率）",
            "must be at least 1 (the penalty rate is not below the contract rate)",
        )
    if value > MAX_PENALTY_MULTIPLIER:
        raise _fail(field, f"不能大于 {MAX_PENALTY_MULTIPLIER}", f"must not exceed {MAX_PENALTY_MULTIPLIER}")
    return value


def integer(field: str, raw: str, *, low: int, high: int) -> int:
    text = _clean(raw).removesuffix("天").removesuffix("期").removesuffix("个月")
    if "," in text and _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not _INTEGER.fullmatch(text):
        raise _fail(field, f"必须是整数：{raw[:40]}", f"must be a whole number: {raw[:40]}")
    value = int(text) if len(text) <= 12 else high + 1  # int() refuses very long digit strings
    if not low <= value <= high:
        raise _fail(field, f"必须在 {low} 到 {high} 之间", f"must be between {low} and {high}")
    return value


def iso_date(field: str, raw: str) -> date:
    """A calendar date written YYYY-MM-DD (also YYYY/M/D, YYYY.M.D, YYYY年M月D日); impossible
    dates (2025-02-30) are refused."""
    text = _clean(raw)
    match = _DATE.fullmatch(text)
    if not match:
        raise _fail(field, f"日期格式应为 YYYY-MM-DD：{raw[:40]}", f"date must be YYYY-MM-DD: {raw[:40]}")
    year, month, day = (int(g) for g in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        raise _fail(field, f"不存在的日期：{text}", f"no such date: {text}") from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _fail(field, f"年份应在 {MIN_YEAR} 到 {MAX_YEAR} 之间", f"year must be {MIN_YEAR}-{MAX_YEAR}")
    return value


def boolean(field: str, raw: str) -> bool:
    text = _clean(raw).lower()
    if text in {"true", "1", "yes", "on", "是"}:
        return True
    if text in {"false", "0", "no", "off", "否"}:
        return False
    raise _fail(field, "应为 true 或 false", 'must be "true" or "false"')


def choice(field: str, raw: str, options: tuple[str, ...]) -> str:
    text = _clean(raw).lower()
    if text not in options:
        listed = " | ".join(options)
        raise _fail(field, f"应为以下之一：{listed}", f"must be one of: {listed}")
    return text


def fail(field: str | None, zh: str, en: str) -> CalculatorInputError:
    """An error about a combination of fields (or one field, labelled)."""
    if field is None:
        return CalculatorInputError(None, zh, en)
    return _fail(field, zh, en)

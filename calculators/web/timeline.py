"""Presenter of the ``timeline`` mode: the reader's dated legal clocks, with an iCalendar file.

See ``calculators.timeline`` (the rules) and ``calculators.periods`` (how periods are counted).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from .. import holidays_cn, parsing
from ..errors import CalculatorInputError
from ..ics import CalendarEvent, calendar
from ..loan import due_date
from ..money import money_str
from ..periods import add_months
from ..timeline import EVENT_KINDS, ITEM_TEXT, NEXT_STEPS, Event, Item, timeline
from .common import Inputs, Result, base, column, opt
from .fields import Field, register

MAX_EVENTS = 40
MAX_PLAN_MONTHS = 120

# Input fields: calculators.schema (MODES). Result labels only, below.
register((
    Field("date", "日期", "Date"),
    Field("item", "事项", "What"),
    Field("basis", "依据", "Legal basis"),
))

_PERIOD = {"15d": ("15 日", "15 days"), "3y": ("3 年", "3 years"), "2y": ("2 年", "2 years"),
           "5y": ("5 年", "5 years"), "1d": ("1 日", "1 day")}

NOTES: dict[str, tuple[str, str]] = {
    "counting": (
        "期间的计算：开始的当日不计入，从第二天算起；按年、月计算的，到期月的对应日为最后一天；最后一天是法定休假日"
        "（节假日或不调休的周末）的，顺延到休假日后的第一个工作日（《民法典》第二百零一条至第二百零三条，"
        "《民事诉讼法》第八十五条）。法院文书上写的期限与这里不同的，以文书为准，并向法院核实。",
        "Counting: the first day is not counted; a period of years or months ends on the corresponding day; "
        "a last day that is a statutory rest day (a public holiday, or a weekend that is not a working day) "
        "moves to the next working day (Civil Code arts. 201-203, Civil Procedure Law art. 85). Where the "
        "court's papers give another date, they govern: check with the court.",
    ),
    "acceleration": (
        "银行宣布提前到期（要求一次还清）后，全部欠款在那天到期，诉讼时效从那天起算，不再等最后一期；"
        "这份通知本身也是催收（履行请求）。",
        "Once the bank declares the whole loan due (acceleration), all of it falls due that day, so the "
        "limitation period runs from that day instead of the last instalment's; the notice is itself a demand.",
    ),
    "after_limitation_demand": (
        "有一次催收在诉讼时效届满之后，它不会让时效重新计算。",
        "A demand came after the limitation period had ended: it does not restart it.",
    ),
    "after_limitation_ack": (
        "时效届满之后你同意还款或还了一部分：之后就不能再以时效届满为由拒绝还款，已还的也不能要回"
        "（《民法典》第一百九十二条）。",
        "You agreed to pay, or paid part, after the limitation period had ended: you can no longer rely on "
        "it, and cannot reclaim what you paid (Civil Code art. 192).",
    ),
    "sued_interrupts": (
        "银行起诉或申请支付令会中断诉讼时效，程序结束后才重新计算，所以这里不给时效日期（《民法典》第一百九十五条"
        "第（三）项）。",
        "A lawsuit or payment order interrupts the limitation period until the proceedings end, so no "
        "limitation date is given (Civil Code art. 195(3)).",
    ),
    "sued_after_limitation": (
        "法院文书在上面的时效届满日之后才送达：如果银行也是在那之后才起诉，你可以在法庭上提出“已过诉讼时效”；"
        "法院不会主动替你提出（《民法典》第一百九十二条、第一百九十三条）。不要把时效当成不还钱的办法。",
        "The court papers were served after the limitation date above: if the bank also filed after it, "
        "you can raise the limitation defence in court; the court will not raise it for you (Civil Code "
        "arts. 192, 193). Do not treat limitation as a way out of the debt.",
    ),
    "credit_record_undated": (
        "征信上的逾期记录从逾期结束（还清）那天起保存 5 年，然后删除（《征信业管理条例》第十六条）。"
        "还清后在“已经发生的事”里加一行 repaid-in-full,日期，就能算出具体日期。",
        "An overdue record stays 5 years from the day the overdue ends (repaid), then is deleted "
        "(credit-reporting regulation art. 16). Add a line repaid-in-full,date once repaid to get the date.",
    ),
    "small_claims": (
        "小额诉讼（标的额在当地上年度就业人员年平均工资 50% 以下的简单金钱案件）一审终审，不能上诉"
        "（《民事诉讼法》第一百六十五条）；答辩期由法院确定，最长 15 日（民诉法解释第二百七十五条）。",
        "Small-claims cases (simple money claims below 50% of the local average annual wage) are final at "
        "first instance: no appeal (Civil Procedure Law art. 165); the court sets the time to answer, at most "
        "15 days (SPC interpretation art. 275).",
    ),
    "no_dates": (
        "提醒、催收、上征信、要求一次还清、起诉、执行什么时候发生，没有法律规定的时间，这里不编日期。",
        "No rule fixes when reminders, collection, credit reporting, a demand for the whole balance, a "
        "lawsuit or enforcement happen, so no date is invented for them.",
    ),
}


def _note(key: str) -> dict[str, str]:
    zh, en = NOTES[key]
    return {"key": key, "zh": zh, "en": en}


def _events(inputs: Inputs, start: date, used: dict[str, str]) -> list[Event]:
    raw = parsing.get(inputs, "events") or ""
    lines = [line.strip() for line in raw.replace("；", "\n").replace(";", "\n").splitlines() if line.strip()]
    if len(lines) > MAX_EVENTS:
        raise parsing.fail("events", f"最多 {MAX_EVENTS} 行", f"at most {MAX_EVENTS} lines")
    events = []
    for number, line in enumerate(lines, 1):
        kind, sep, when = line.replace("，", ",").partition(",")
        kind = kind.strip().lower()
        if not sep:
            raise parsing.fail("events", f"第 {number} 行应为“类型,日期”：{line[:60]}",
                               f"line {number} must be 'kind,date': {line[:60]}")
        if kind not in EVENT_KINDS:
            listed = " | ".join(EVENT_KINDS)
            raise parsing.fail("events", f"第 {number} 行类型应为以下之一：{listed}",
                               f"line {number}: the kind must be one of: {listed}")
        try:
            day = parsing.iso_date("events", when)
        except CalculatorInputError as error:
            zh, en = error.zh.split("」", 1)[-1], error.en.split(": ", 1)[-1]
            raise parsing.fail("events", f"第 {number} 行：{zh}", f"line {number}: {en}") from None
        if day < start:
            raise parsing.fail("events", f"第 {number} 行：{day.isoformat()} 早于借款日期 {start.isoformat()}",
                               f"line {number}: {day.isoformat()} is before the date borrowed {start.isoformat()}")
        events.append(Event(kind, day))
    used["events"] = "\n".join(f"{e.kind},{e.when.isoformat()}" for e in events)
    return events


def _plan(inputs: Inputs, start: date, used: dict[str, str]) -> list[tuple[date, str]]:
    raw_start = parsing.get(inputs, "plan_start")
    raw_payment = parsing.get(inputs, "plan_payment")
    if raw_start is None and raw_payment is None:
        return []
    if raw_start is None or raw_payment is None:
        missing = "plan_start" if raw_start is None else "plan_payment"
        raise parsing.fail(missing, "填写协商方案时必须填写", "required for the agreed plan")
    first = parsing.iso_date("plan_start", raw_start)
    if first < start:
        raise parsing.fail("plan_start", "早于借款日期", "before the date borrowed")
    payment = parsing.amount("plan_payment", raw_payment)
    months = parsing.integer("plan_months", opt(inputs, "plan_months", "12"), low=1, high=MAX_PLAN_MONTHS)
    used.update(plan_start=first.isoformat(), plan_payment=money_str(payment), plan_months=str(months))
    return [(add_months(first, k), money_str(payment)) for k in range(months)]


def _how(item: Item) -> tuple[str, str]:
    """The arithmetic behind a date, in words."""
    if item.kind == "plan-payment":
        return "协商方案约定的日期", "a date in the agreed plan"
    if item.kind == "delay-interest-from":
        assert item.counted_from is not None
        return (f"判决履行期限最后一日 {item.counted_from.isoformat()} 的次日",
                f"the day after the judgment's last day to pay, {item.counted_from.isoformat()}")
    assert item.counted_from is not None
    zh_p, en_p = _PERIOD[item.period]
    zh = f"{item.counted_from.isoformat()}（当日不计）+ {zh_p} = {item.end.nominal.isoformat()}"
    en = f"{item.counted_from.isoformat()} (not counted) + {en_p} = {item.end.nominal.isoformat()}"
    if item.end.moved:
        zh += f"，是法定休假日，顺延到 {item.end.day.isoformat()}"
        en += f", a statutory rest day, so {item.end.day.isoformat()}"
    if item.end.beyond_table:
        zh += f"（节假日表只到 {holidays_cn.LAST_YEAR} 年：这一天如是节假日，期限顺延到节后第一个工作日）"
        en += (f" (the holiday table ends in {holidays_cn.LAST_YEAR}: if this day turns out to be a public holiday, "
               "the period ends on the next working day)")
    return zh, en


def _title(item: Item) -> dict[str, str]:
    zh, en, _, _ = ITEM_TEXT[item.kind]
    return {"zh": zh.format(amount=item.amount, n=item.number), "en": en.format(amount=item.amount, n=item.number)}


def _ics(items: list[dict[str, Any]], lang: str, stamp: datetime) -> str:
    events = [
        CalendarEvent(
            uid=f"{i['kind']}-{i['date']}-{n}",
            day=date.fromisoformat(i["date"]),
            summary=i["title"][lang],
            description=f"{i['how'][lang]}\n{i['basis'][lang]}",
            remind_days=0 if i["kind"] == "credit-record-until" else 3,
        )
        for n, i in enumerate(items, 1)
        if not i["past"]
    ]
    name = "我的还款与法律期限" if lang == "zh" else "My repayments and legal deadlines"
    return calendar(events, stamp, name)


def timeline_mode(inputs: Inputs) -> Result:
    used: dict[str, str] = {}
    start = parsing.iso_date("start", parsing.require(inputs, "start"))
    months = parsing.integer("months", parsing.require(inputs, "months"), low=1, high=parsing.MAX_INSTALMENTS)
    used.update(start=start.isoformat(), months=str(months))
    raw_acc = parsing.get(inputs, "accelerated")
    accelerated = parsing.iso_date("accelerated", raw_acc) if raw_acc is not None else None
    if accelerated is not None:
        if accelerated < start:
            raise parsing.fail("accelerated", "早于借款日期", "before the date borrowed")
        used["accelerated"] = accelerated.isoformat()
    events = _events(inputs, start, used)
    plan = _plan(inputs, start, used)
    raw_today = parsing.get(inputs, "as_of")
    today = parsing.iso_date("as_of", raw_today) if raw_today is not None else date.today()
    used["as_of"] = today.isoformat()
    last_due = due_date(start, months)
    found = timeline(last_due, accelerated, events, plan)
    items = []
    for item in found.items:
        zh_how, en_how = _how(item)
        _, _, basis_zh, basis_en = ITEM_TEXT[item.kind]
        items.append({
            "date": item.when.isoformat(),
            "kind": item.kind,
            "title": _title(item),
            "basis": {"zh": basis_zh, "en": basis_en},
            "how": {"zh": zh_how, "en": en_how},
            "nominal": item.end.nominal.isoformat(),
            "moved": item.end.moved,
            "beyond_table": item.end.beyond_table,
            "past": item.when < today,
        })
    result = base("timeline", used)
    result.update(
        last_instalment_due=last_due.isoformat(),
        items=items,
        steps=[{"key": k, "title": {"zh": tz, "en": te}, "can_do": {"zh": cz, "en": ce}, "reached": k in found.reached}
               for k, tz, te, cz, ce in NEXT_STEPS],
        holiday_table={"source": holidays_cn.SOURCE, "last_year": holidays_cn.LAST_YEAR},
    )
    result["summary"] = []
    result["table"] = {
        "columns": [column("date", "date"), column("item", "text"), column("basis", "text")],
        "rows": [[i["date"], {k: f"{i['title'][k]}（{i['how'][k]}）" if k == "zh" else f"{i['title'][k]} ({i['how'][k]})"
                              for k in ("zh", "en")}, i["basis"]] for i in items],
        "footer": None,
    }
    first = next((i for i in items if not i["past"]), None)
    if first:
        result["answer"] = {"zh": f"下一个日期：{first['date']}，{first['title']['zh']}。",
                            "en": f"Next date: {first['date']}, {first['title']['en']}."}
    beyond = [i for i in items if i["beyond_table"]]
    if beyond:
        result["warnings"].append({
            "key": "beyond_table",
            "zh": f"{len(beyond)} 个日期在 {holidays_cn.LAST_YEAR} 年之后，超出节假日表（{holidays_cn.SOURCE}）的范围："
                  "只按周末顺延；那天如果是法定节假日，期限顺延到节后第一个工作日。请在日期临近时核对当年的放假安排。",
            "en": f"{len(beyond)} date(s) fall after {holidays_cn.LAST_YEAR}, beyond the holiday table "
                  f"({holidays_cn.SOURCE}): only weekends are moved; if that day is a public holiday, the period "
                  "ends on the next working day. Check that year's holiday notice as the date nears.",
        })
    result["notes"] = [_note("counting")] + [_note(k) for k in found.notes] + [_note("no_dates")]
    stamp = datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
    result["ics"] = {"zh": _ics(items, "zh", stamp), "en": _ics(items, "en", stamp)}
    return result

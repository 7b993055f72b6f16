"""The reader's own legal clocks: which deadline falls on which day, and the statute behind it.

Every dated item comes from a rule that fixes its timing (the article is in ``basis``); steps
whose timing no rule fixes (reminders, collection calls, when a bank sues) carry no date.
Periods are counted by ``calculators.periods`` (first day not counted; a last day that is a
statutory rest day moves to the next working day).

Limitation (诉讼时效): 3 years (民法典 第一百八十八条) from the last instalment's due date
(第一百八十九条: one debt repaid in instalments is one period, not one per instalment). When the
bank declares the whole loan due early (提前到期), the whole debt falls due that day, so the
period runs from that earlier day, and the notice is itself a demand. A demand or an
acknowledgment while the period runs restarts it from that day (第一百九十五条); one after it has
ended restarts nothing, but paying or agreeing to pay then loses the defence (第一百九十二条).
A lawsuit or payment order interrupts it until the proceedings end: no date can be given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .periods import PeriodEnd, period_end

EVENT_KINDS = (
    "demand",
    "acknowledgment",
    "payment-order-served",
    "summons-served",
    "judgment-served",
    "judgment-due",
    "repaid-in-full",
)

#: kind -> (title zh, title en, basis zh, basis en)
ITEM_TEXT: dict[str, tuple[str, str, str, str]] = {
    "limitation-ends": (
        "诉讼时效期间届满（银行起诉的时效）",
        "Limitation period ends (the bank's time to sue)",
        "《民法典》第一百八十八条（三年）、第一百八十九条（分期债务从最后一期届满起算）、第一百九十五条（中断后重新计算）、"
        "第二百零一条至第二百零三条（期间计算）",
        "Civil Code arts. 188 (three years), 189 (instalments: from the last instalment's due date), 195 "
        "(restarts after an interruption), 201-203 (counting periods)",
    ),
    "payment-order-objection-deadline": (
        "对支付令提出书面异议的最后一天",
        "Last day to object in writing to the payment order",
        "《民事诉讼法》第二百二十七条第二款（收到之日起十五日内）、第八十五条（期间计算）",
        "Civil Procedure Law art. 227(2) (15 days from receipt), art. 85 (counting periods)",
    ),
    "answer-deadline": (
        "提交答辩状的最后一天",
        "Last day to file a written defence",
        "《民事诉讼法》第一百二十八条（收到起诉状副本之日起十五日内）、第八十五条（期间计算）",
        "Civil Procedure Law art. 128 (15 days from receiving the statement of claim), art. 85 (counting periods)",
    ),
    "appeal-deadline": (
        "对一审判决提起上诉的最后一天（小额诉讼不能上诉）",
        "Last day to appeal the first-instance judgment (no appeal in small-claims cases)",
        "《民事诉讼法》第一百七十一条第一款（判决书送达之日起十五日内）、第一百六十五条（小额诉讼一审终审）、第八十五条",
        "Civil Procedure Law art. 171(1) (15 days from service of the judgment), art. 165 (small claims: "
        "first instance is final), art. 85",
    ),
    "delay-interest-from": (
        "判决给的期限已过：从这天起按日加收迟延履行利息（未还金额 × 日万分之一点七五）",
        "The judgment's deadline has passed: from this day, interest for delay accrues daily (unpaid amount "
        "x 0.0175% a day)",
        "《民事诉讼法》第二百六十四条；最高人民法院法释〔2014〕8号 第一条、第二条（自履行期间届满之日起计算）",
        "Civil Procedure Law art. 264; SPC interpretation Fashi [2014] No. 8 arts. 1-2 (from the end of the "
        "period to perform)",
    ),
    "enforcement-application-deadline": (
        "银行申请强制执行的期间届满",
        "The bank's time to apply for enforcement ends",
        "《民事诉讼法》第二百五十条（二年，从判决规定履行期间的最后一日起计算；可中断）、第八十五条",
        "Civil Procedure Law art. 250 (two years from the last day the judgment gives to pay; can be "
        "interrupted), art. 85",
    ),
    "credit-record-until": (
        "征信上的逾期记录保存到这一天，之后应当删除",
        "The overdue record stays on the credit report until this day, then must be deleted",
        "《征信业管理条例》第十六条（自不良行为终止之日起五年）",
        "Regulation on the Administration of the Credit Reporting Industry art. 16 (five years from the "
        "day the default ends)",
    ),
    "plan-payment": (
        "按协商方案还款：{amount} 元（第 {n} 期）",
        "Payment under the agreed plan: {amount} yuan (no. {n})",
        "你与银行书面确认的还款方案；每还一笔，诉讼时效重新计算（《民法典》第一百九十五条第（二）项）",
        "The plan you and the bank confirmed in writing; each payment restarts the limitation period "
        "(Civil Code art. 195(2))",
    ),
}

#: The likely next steps, in order, with what the reader can do at each. No dates: no rule fixes
#: when a bank moves from one to the next. (key, title zh, title en, can do zh, can do en)
NEXT_STEPS: tuple[tuple[str, str, str, str, str], ...] = (
    ("reminders", "还款提醒（短信、电话）", "Reminders (texts, calls)",
     "算清每月能还多少，主动打 95384 说明情况。", "Work out what you can pay each month and call 95384 first."),
    ("collection", "催收（电话、短信、信函）", "Collection (calls, texts, letters)",
     "问清对方姓名和公司，打 95384 核实；不答应做不到的方案；记下时间。催收也会让诉讼时效重新计算。",
     "Ask for the caller's name and company, check by calling 95384, agree to nothing you cannot keep, note "
     "the time. A demand also restarts the limitation period."),
    ("credit-report", "征信记录逾期", "Overdue on the credit report",
     "每年可免费查两次征信；记录有错可以提出异议。", "Check your report (two free a year); object to errors."),
    ("whole-balance", "银行要求一次还清全部欠款（提前到期）", "The bank demands the whole balance (acceleration)",
     "要一份欠款明细（本金、利息、罚息、复利分列），用下面的信提出你拿得出的方案。",
     "Ask for an itemised statement and send the letter below with an offer you can keep."),
    ("lawsuit", "起诉或支付令", "Lawsuit or payment order",
     "用法院官网电话核实；在期限内答辩或提出书面异议；可以请求调减超过年利率 24% 的部分。",
     "Verify through the court's own number; answer or object in writing in time; ask the court to reduce "
     "charges above 24% a year."),
    ("judgment", "判决", "Judgment",
     "上诉期内决定是否上诉；按判决期限履行，或和银行谈执行和解。",
     "Decide within the appeal period; pay by the judgment's deadline or negotiate a settlement."),
    ("enforcement", "强制执行", "Enforcement",
     "申报财产；法院必须给你和家人留下生活必需的费用；没有财产的案件会“终结本次执行”，不是坐牢。",
     "Declare your assets; the court must leave what you and your family need to live on; with no assets "
     "the case is closed for now (终本), not prison."),
)


#: Events that show the bank has gone to court (a lawsuit or a payment order).
SUED = ("payment-order-served", "summons-served", "judgment-served", "judgment-due")


@dataclass(frozen=True)
class Event:
    kind: str
    when: date


@dataclass(frozen=True)
class Item:
    kind: str
    end: PeriodEnd
    counted_from: date | None
    period: str  # "15d", "3y", "" (no period: the date itself)
    amount: str = ""
    number: int = 0

    @property
    def when(self) -> date:
        return self.end.day


@dataclass(frozen=True)
class Timeline:
    items: tuple[Item, ...]
    notes: tuple[str, ...]  # keys into TIMELINE_NOTES (calculators.web.timeline)
    reached: frozenset[str]  # NEXT_STEPS keys the reader's events show are reached


def _limitation(last_due: date, accelerated: date | None, events: list[Event]) -> tuple[Item | None, list[str]]:
    notes: list[str] = []
    start = last_due
    if accelerated is not None and accelerated < last_due:
        start = accelerated
        notes.append("acceleration")
    end = period_end(start, years=3)
    for event in sorted(events, key=lambda e: e.when):
        if event.kind not in ("demand", "acknowledgment") or event.when <= start:
            continue
        if event.when > end.day:
            notes.append("after_limitation_" + ("ack" if event.kind == "acknowledgment" else "demand"))
            continue
        start = event.when
        end = period_end(start, years=3)
    kinds = {e.kind for e in events}
    if "repaid-in-full" in kinds:
        return None, notes
    sued = [e.when for e in events if e.kind in SUED]
    if sued:
        if min(sued) > end.day:
            notes.append("sued_after_limitation")
        else:
            notes.append("sued_interrupts")
            return None, notes
    return Item("limitation-ends", end, start, "3y"), notes


def timeline(
    last_due: date,
    accelerated: date | None,
    events: list[Event],
    plan: list[tuple[date, str]] | None = None,
) -> Timeline:
    """All dated items for a loan whose last instalment is due ``last_due``."""
    limitation, notes = _limitation(last_due, accelerated, events)
    items: list[Item] = [limitation] if limitation else []
    for event in events:
        if event.kind == "payment-order-served":
            items.append(Item("payment-order-objection-deadline", period_end(event.when, days=15), event.when, "15d"))
        elif event.kind == "summons-served":
            items.append(Item("answer-deadline", period_end(event.when, days=15), event.when, "15d"))
        elif event.kind == "judgment-served":
            items.append(Item("appeal-deadline", period_end(event.when, days=15), event.when, "15d"))
        elif event.kind == "judgment-due":
            next_day = event.when + timedelta(days=1)
            items.append(Item("delay-interest-from", PeriodEnd(next_day, next_day, False), event.when, "1d"))
            items.append(Item("enforcement-application-deadline", period_end(event.when, years=2), event.when, "2y"))
        elif event.kind == "repaid-in-full":
            items.append(Item("credit-record-until", period_end(event.when, years=5, roll=False), event.when, "5y"))
    for number, (when, amount) in enumerate(plan or [], 1):
        items.append(Item("plan-payment", PeriodEnd(when, when, False), None, "", amount, number))
    if "repaid-in-full" not in {e.kind for e in events}:
        notes.append("credit_record_undated")
    if any(e.kind in ("summons-served", "judgment-served") for e in events):
        notes.append("small_claims")
    kinds = {e.kind for e in events}
    reached = {"reminders"}
    if kinds & {"demand", "acknowledgment"} or accelerated:
        reached |= {"collection"}
    if accelerated:
        reached.add("whole-balance")
    if kinds & {"payment-order-served", "summons-served"}:
        reached.add("lawsuit")
    if kinds & {"judgment-served", "judgment-due"}:
        reached |= {"lawsuit", "judgment"}
    items.sort(key=lambda i: (i.when, i.kind))
    return Timeline(tuple(items), tuple(notes), frozenset(reached))

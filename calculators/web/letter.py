"""The negotiation letter (docs/*/letters/negotiation.md) with the reader's budget figures in it.

Only the figures the budget knows are filled in; every other blank keeps its 【】/[ ] so the
reader sees what is still theirs to write. The letter goes to the creditor named 微粒贷 / 微众 /
WeBank / Weilidai when there is one, else to the first debt listed.
"""

from __future__ import annotations

from ..budget import Budget, Offer
from ..money import money_str

_WEBANK = ("微粒贷", "微众", "webank", "weilidai")


def webank_offer(plan: Budget) -> Offer | None:
    for offer in plan.offers:
        if any(word in offer.creditor.lower() for word in _WEBANK):
            return offer
    return plan.offers[0] if plan.offers else None


def _others(plan: Budget, mine: Offer | None, lang: str) -> str:
    rest = [o for o in plan.offers if o is not mine]
    if not rest:
        return "无" if lang == "zh" else "none"
    if lang == "zh":
        return "；".join(f"{o.creditor}，欠款 {money_str(o.balance)} 元，本方案每月还 {money_str(o.monthly)} 元" for o in rest)
    return "; ".join(f"{o.creditor}, owed {money_str(o.balance)} yuan, {money_str(o.monthly)} yuan a month under "
                     "this plan" for o in rest)


def letter(plan: Budget, used: dict[str, str]) -> dict[str, str]:
    mine = webank_offer(plan)
    offer = money_str(mine.monthly) if mine else "【金额】"
    months = str(mine.months) if mine and mine.months else "【期数】"
    offer_en = money_str(mine.monthly) if mine else "[amount]"
    months_en = str(mine.months) if mine and mine.months else "[number]"
    if mine is not None and mine.monthly == 0:
        ask_zh = "1. 本人目前每月收入扣除必需开支后没有剩余，申请暂缓还款【月数】个月，期间暂停计收罚息，之后再协商还款方案；"
        ask_en = ("1. After essential spending nothing is left of my income each month; I ask to pause repayment for "
                  "[number] months, with no penalty interest meanwhile, and then to agree a plan;")
    else:
        ask_zh = f"1. 还款方式：将剩余欠款分 {months} 期偿还，每期约 {offer} 元；或从【日期】起开始还款；"
        ask_en = (f"1. Repayment: repay the remaining balance in {months_en} instalments of about {offer_en} yuan; "
                  "or start repaying from [date];")
    zh = f"""协商还款申请

致：深圳前海微众银行股份有限公司（微粒贷）

申请人：【姓名】
身份证号码：【身份证号码】
注册手机号：【手机号】
借款编号：【在微粒贷借款记录中查看；有多笔的逐笔列出】
逾期开始日期：【日期】

本人因【原因，如失业、生病住院、收入下降、家庭变故，并简述发生时间和经过】，目前无法按原合同按时足额还款。本人无意逃避债务，希望与贵行协商还款方案。

本人目前的情况（见所附收支情况表）：
1. 每月收入约 {money_str(plan.income)} 元（见附件 2）；
2. 每月必需开支约 {money_str(plan.essential)} 元（房租、生活、抚养或赡养等）；
3. 其他欠款：{_others(plan, mine, "zh")}；
4. 每月最多可用于偿还本笔借款的金额：{offer} 元。

本人申请：
{ask_zh}
2. （可选）减免已产生的罚息和复利；或协商期间暂停计收罚息；
3. 提供截至目前的欠款明细，分别列明本金、利息、罚息、复利和其他费用。

本人承诺按双方确认的方案按时还款。请于【天数，例如 10】个工作日内书面答复（短信、在线客服消息或信函均可），并写明每期金额、还款日期和应还总额。

附件：
1. 身份证复印件（注明“仅供微粒贷协商还款使用”）
2. 收入证明或近三个月银行流水
3. 困难证明：【诊断证明、住院记录、解除劳动合同证明、失业登记证明等，写实际附上的材料】
4. 收支情况表

申请人（签名）：【签名】
联系电话：【手机号】
日期：【日期】"""
    en = f"""Application for a negotiated repayment (English gloss; send the Chinese text)

To: WeBank (深圳前海微众银行股份有限公司), Weilidai

Applicant: [name]
ID number: [ID number]
Registered mobile number: [mobile number]
Loan number(s): [see the Weilidai loan records; list each loan]
Date the overdue began: [date]

Because of [the reason, e.g. job loss, illness or hospital stay, lower income, a family crisis, with when and what happened], I am currently unable to repay in full and on time under the original contract. I do not intend to evade the debt and ask to agree a repayment plan with you.

My current situation (see the attached income and expenditure statement):
1. Monthly income about {money_str(plan.income)} yuan (see attachment 2);
2. Essential monthly spending about {money_str(plan.essential)} yuan (rent, living costs, supporting children or parents, etc.);
3. Other debts: {_others(plan, mine, "en")};
4. The most I can put towards this loan each month: {offer_en} yuan.

I ask:
{ask_en}
2. (Optional) waive the penalty and compound interest already charged; or stop charging penalty interest while we negotiate;
3. An itemised statement of what I owe to date, listing principal, interest, penalty interest, compound interest and other fees separately.

I undertake to pay on time under the plan we both confirm. Please reply in writing within [number, e.g. 10] working days (text message, online customer service message or letter), stating each instalment amount, its due date and the total payable.

Attachments:
1. Copy of ID card (marked "for Weilidai repayment negotiation only")
2. Proof of income or the last three months' bank statements
3. Proof of hardship: [list what you actually attach]
4. Income and expenditure statement

Applicant (signature): [signature]
Phone: [mobile number]
Date: [date]"""
    return {"zh": zh, "en": en}

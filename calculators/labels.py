"""Every Chinese/English label the calculators show: the single source for UI, CLI and pages.

``LABELS[key] = (zh, en)``. Keys are the input field names, result field names, table column
keys, scenario keys and option values; ``NOTES`` hold the assumption notes shown under results.
A few labels carry a placeholder filled by ``calculators.web`` ({n}: days or months, {fee}: yuan).
"""

from __future__ import annotations

from .schema import field_labels

LABELS: dict[str, tuple[str, str]] = {
    **field_labels(),
    # --- input fields (the rest are defined in calculators.schema) ---
    "payments_made": ("已还款记录", "Repayments made"),
    # --- option values ---
    "equal-payment": ("等额本息", "Equal payments"),
    "equal-principal": ("等额本金", "Equal principal"),
    "30": ("日利率×30", "daily rate × 30"),
    "365/12": ("日利率×365÷12", "daily rate × 365 ÷ 12"),
    "ordinary": ("普通程序", "Ordinary procedure"),
    "simplified": ("简易程序（减半）", "Simplified procedure (half)"),
    "settlement": ("调解结案（减半）", "Settled by mediation (half)"),
    "withdrawal": ("原告撤诉（减半，由原告负担）", "Withdrawn by the plaintiff (half, borne by the plaintiff)"),
    "lower-instalment": ("期数不变，每期少还（减少月供）", "Same number of instalments, each smaller"),
    "shorter-term": ("每期金额不变，少还几期（缩短期限）", "Same instalment, fewer of them (shorter term)"),
    # --- results ---
    "penalty_interest": ("罚息", "Penalty interest"),
    "compound_interest": ("复利", "Compound interest"),
    "total_due": ("应还合计", "Total due"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "penalty_daily_rate": ("罚息日利率", "Daily penalty rate"),
    "daily_increase": ("每多拖一天增加", "Added per extra day"),
    "payoff_amount": ("全部结清金额", "Amount that settles everything"),
    "contract_interest": ("合同利息", "Contractual interest"),
    "monthly_rate": ("月利率", "Monthly rate"),
    "first_payment": ("首期还款额", "First payment"),
    "total_interest": ("利息合计", "Total interest"),
    "total_paid": ("还款合计", "Total paid"),
    "apr": ("年化利率（IRR，月利率×12，单利）", "APR (IRR: monthly rate × 12, simple)"),
    "apr_effective": ("实际年利率（按月复利）", "Effective annual rate (compounded monthly)"),
    "daily_360": ("日利率（年利率÷360）", "Daily rate (annual ÷ 360)"),
    "daily_365": ("日利率（年利率÷365）", "Daily rate (annual ÷ 365)"),
    "annual_360": ("单利年化（×360）", "Simple annual (× 360)"),
    "annual_365": ("单利年化（×365）", "Simple annual (× 365)"),
    "penalty_annual_360": ("罚息年化（×360）", "Penalty rate a year (× 360)"),
    "penalty_annual_365": ("罚息年化（×365）", "Penalty rate a year (× 365)"),
    "court_level": ("可请求法院调减的年利率水平", "Court-reduction level (a year)"),
    "lpr": ("一年期LPR", "One-year LPR"),
    "lpr_4x": ("4倍LPR（参考）", "4 × LPR (reference)"),
    "acceptance_fee": ("案件受理费（全额）", "Acceptance fee (full)"),
    "acceptance_fee_payable": ("案件受理费（应交）", "Acceptance fee (payable)"),
    "enforcement_fee": ("申请执行费", "Enforcement application fee"),
    "delay_interest": ("迟延履行加倍部分利息", "Double interest for delay"),
    "acceptance_fee_borrower": ("受理费（可能由你负担）", "Acceptance fee you may bear"),
    "preservation_fee": ("财产保全申请费", "Preservation application fee"),
    "payment_order_fee": ("若改为申请支付令：申请费", "If a payment order is sought instead: its fee"),
    "total_costs": ("诉讼相关费用合计", "Court-related costs, total"),
    "charges": ("罚息与复利", "Penalty and compound"),
    "scenario": ("方案", "Scenario"),
    "pay_days": ("付清所需天数", "Days until paid off"),
    "overdue_count": ("逾期期数", "Instalments overdue"),
    "remaining_principal": ("未到期本金", "Principal not yet due"),
    "overdue_part": ("逾期部分应还", "Overdue part due"),
    "payoff_today": ("今天一次还清全部需", "Settles the whole loan today"),
    "accrued_interest": ("上个还款日以来的利息（按实际天数）", "Interest since the last due date (actual days)"),
    "next_due": ("下一期应还", "Next instalment"),
    "paid": ("已还", "Paid"),
    "overpaid": ("多还（未抵扣）", "Paid in excess (not applied)"),
    "charges_annual_360": ("罚息加复利年化（按逾期本金，×360）", "Penalty + compound a year on overdue principal (× 360)"),
    "charges_annual_365": ("罚息加复利年化（按逾期本金，×365）", "Penalty + compound a year on overdue principal (× 365)"),
    # --- table columns ---
    "number": ("期次", "No."),
    "balance": ("剩余本金", "Principal left"),
    "period_interest": ("利息", "Interest"),
    "day": ("第几天", "Day"),
    "band": ("金额区间（元）", "Band (yuan)"),
    "rate": ("费率", "Rate"),
    "part": ("落在该段的金额", "Part in band"),
    "fee": ("该段费用", "Fee in band"),
    "flat": ("每件 {fee} 元", "{fee} yuan per case"),
    "above": ("以上", "and above"),
    # --- scenarios ---
    "now": ("今天全部还清", "Pay everything today"),
    "later": ("{n} 天后全部还清", "Pay everything in {n} days"),
    "plan": ("协商分 {n} 期", "Negotiated plan, {n} months"),
    # --- names used inside warnings ---
    "what_penalty_rate": ("罚息利率", "The penalty rate"),
    "what_charges_rate": ("罚息加复利（按逾期本金计）", "Penalty plus compound interest (on the overdue principal)"),
    "what_contract_rate": ("合同利率", "The contract rate"),
    "what_apr": ("这笔借款的实际利率", "The APR"),
    "what_annual_rate": ("所填利率", "The annual rate entered"),
    # --- series axes ---
    "series_x": ("从计算日起再过的天数", "Days after the as-of date"),
    "series_x_payoff": ("从计算日起再拖的天数", "Days of further delay after the as-of date"),
    "series_y": ("应还合计（元）", "Total due (yuan)"),
    "series_y_overdue": ("逾期部分应还（元，含期间新到期的各期）", "Overdue part due (yuan, instalments falling due included)"),
}

NOTES: dict[str, tuple[str, str]] = {
    "loan_dates": (
        "第 k 期的到期日按借款日期加 k 个月的同一天计，该月没有这一天的取月末（如 1 月 31 日借款，第 1 期 2 月 28 日或 29 日到期）；"
        "到期日早于计算日的期次算作逾期，到期日当天为第 0 天。微众银行实际的到期日规则未经核实，请以 App 里的还款计划为准。",
        "Instalment k falls due on the date borrowed plus k months, same day of the month, or the "
        "month's last day when it has no such day (borrowed 31 January: instalment 1 is due on 28 or "
        "29 February); an instalment due before the as-of date is overdue, its due date being day 0. "
        "WeBank's own due-date rule is unverified: your repayment plan in the app is what counts.",
    ),
    "loan_order": (
        "每笔还款在还款当天先还已到期的各期，最早到期的先还（《民法典》第五百六十条）。第五百六十一条规定，除当事人另有约定外，"
        "按实现债权的有关费用、利息、主债务（本金）的顺序抵充；罚息和复利属于利息类费用，本计算器把它们排在合同利息之前，"
        "这是一种选择，法律没有规定利息内部的先后，你的合同可能不同。罚息按每天实际未还的本金计算，所以部分还款后罚息随之减少。"
        "微众银行的实际扣款顺序未经核实。",
        "Each repayment goes, on its date, to the instalments already due, the earliest first (Civil Code "
        "art. 560). Art. 561 says that, unless agreed otherwise, a payment goes to the costs of enforcing the "
        "claim, then interest, then the principal; penalty and compound interest are interest-type charges, "
        "and this calculator puts them before contractual interest: that order within interest is a choice, "
        "not set by the law, and your contract may differ. Penalty accrues on the principal actually unpaid "
        "each day, so a partial payment reduces it from that day. WeBank's own order is unverified.",
    ),
    "loan_early": (
        "提前还款：还款中超出已到期各期的部分，先付上个还款日（或借款日）以来未到期本金按实际天数计的利息（不超过该期原定利息），"
        "再还本金，先还下一期的本金。《民法典》第六百七十七条：提前返还借款的，除当事人另有约定外，应当按照实际借款的期间计算利息。"
        "“今天一次还清全部需”即按此计算：逾期部分 + 未到期本金 + 上个还款日以来的利息。",
        "Early repayment: what a repayment brings beyond the instalments already due first pays the interest "
        "on the principal not yet due since the last due date (or the date borrowed), for the actual days "
        "(at most that period's scheduled interest), then principal, the next instalment's first. Civil Code "
        "art. 677: a borrower who repays early pays interest for the actual period of the loan, unless agreed "
        "otherwise. \"Settles the whole loan today\" is computed so: the overdue part + the principal not yet "
        "due + the interest since the last due date.",
    ),
    "prepayment_lower-instalment": (
        "提前还部分本金后按“期数不变，每期少还”计算：剩余本金在剩下的期数里重新分摊。微众银行的实际做法未经核实，另一种算法（缩短期数）可在表单里改选。",
        "After a partial early repayment the rest of the principal is spread again over the instalments "
        "left (same number, each smaller). WeBank's own rule is unverified; the other rule (a shorter "
        "term) can be chosen in the form.",
    ),
    "prepayment_shorter-term": (
        "提前还部分本金后按“每期金额不变，少还几期”计算：等额本息保持每期还款额，等额本金保持每期本金，最后几期随之取消。"
        "微众银行的实际做法未经核实。",
        "After a partial early repayment each instalment stays the same (the payment for equal payments, "
        "the principal part for equal principal) and the last instalments fall away. WeBank's own rule is "
        "unverified.",
    ),
    "annual_to_daily_30": (
        "所填年化利率按一年 360 天换算为日利率（年化利率 ÷ 360，与“日利率×30”的月利率换算一致）；合同按 365 天计的，请在表单里改选日利率×365÷12。",
        "The annual rate entered is turned into a daily rate on a 360-day year (annual ÷ 360, matching the "
        "\"daily rate × 30\" monthly convention); for a contract on a 365-day year choose daily rate × 365 ÷ 12 "
        "in the form instead.",
    ),
    "annual_to_daily_365/12": (
        "所填年化利率按一年 365 天换算为日利率（年化利率 ÷ 365，与“日利率×365÷12”的月利率换算一致）。",
        "The annual rate entered is turned into a daily rate on a 365-day year (annual ÷ 365, matching the "
        "\"daily rate × 365 ÷ 12\" monthly convention).",
    ),
    "loan_accelerated": (
        "提前到期：宣布当天，之后各期的本金全部到期，另加上一个到期日以来按合同日利率计的利息（不超过该期原定利息），从当天起计罚息和复利。",
        "Acceleration: on that date the principal of every later instalment falls due, with the "
        "contractual interest accrued since the last due date at the daily rate (at most that "
        "instalment's scheduled interest); penalty and compound interest run from that date.",
    ),
    "loan_overpaid": (
        "所填还款超过了全部应还金额，多出的部分未抵扣任何一期。请核对还款记录。",
        "The repayments entered exceed everything owed; the excess is not applied to any instalment. "
        "Check the repayments.",
    ),
    "model": (
        "按常见合同条款计算：逾期本金按罚息利率（合同利率×罚息倍数）每日计收罚息，取代而非叠加正常利息；未还利息按罚息利率计收复利；"
        "罚息和复利本身不再计息。你的合同可能不同，请以合同和贷款方账单为准。",
        "Computed on common contract terms: overdue principal carries penalty interest daily at the "
        "penalty rate (contract rate × multiplier) instead of, not on top of, normal interest; unpaid "
        "interest carries compound interest at the penalty rate; neither compounds on itself. Your "
        "contract may differ: check it and the lender's statement.",
    ),
    "rounding": (
        "每笔金额四舍五入到分，合计为所示各项之和。",
        "Each amount is rounded half-up to the fen; totals are the sums of the amounts shown.",
    ),
    "convention": (
        "月利率按所选方式由日利率换算：默认日利率×30（即一年按360天，国内贷款常用）；合同写明一年按365天的，选日利率×365÷12。"
        "微众银行实际采用的方式未经核实，请查看合同。",
        "The monthly rate is derived from the daily rate by the chosen convention: by default daily "
        "rate × 30 (a 360-day year, common among Chinese lenders); for a contract that states a "
        "365-day year choose daily rate × 365 ÷ 12. WeBank's own convention is unverified: check "
        "your contract.",
    ),
    "plan": (
        "协商分期为假设模型：今天的欠款平均分成每月一期，首期在30天后；若继续计罚息，每期另付30天罚息（及复利）。实际方案以贷款方同意的为准。",
        "The negotiated plan is a model: today's debt is split into equal monthly parts, the first in "
        "30 days; if penalty continues, each instalment also pays 30 days of penalty (and compound) "
        "interest on what is still unpaid. The real plan is whatever the lender agrees to.",
    ),
    "court_level": (
        "法发〔2017〕22号第二条：利息、复利、罚息等合计超过年利率24%的部分，借款人可请求法院调减（需自己主张）。",
        "Fafa [2017] No. 22, art. 2: the borrower may ask the court to reduce interest, compound "
        "interest and penalty combined above 24% a year (you must ask for it).",
    ),
    "lpr": (
        "4倍LPR是民间借贷的利率上限，银行等持牌金融机构不适用，仅供参考。",
        "4 × LPR is the cap for private lending; it does not apply to banks and other licensed "
        "lenders. Shown for reference only.",
    ),
    "court_fees": (
        "受理费按《诉讼费用交纳办法》第十三条分段累计，简易程序或调解、撤诉只减半一次；一般由败诉方负担（第二十九条）。法院可能取整到元。",
        "The acceptance fee follows the cumulative bands of art. 13 of the Measures on Litigation "
        "Fees, halved once for simplified procedure or settlement; the losing party normally bears it "
        "(art. 29). Courts may round to the yuan.",
    ),
    "delay": (
        "迟延履行期间加倍部分的债务利息 = 未履行金额（不含一般债务利息）× 0.0175% × 天数"
        "（《民事诉讼法》第二百六十四条；法释〔2014〕8号第一条），另加判决确定的一般债务利息。",
        "Double interest for delay = unpaid amount (excluding ordinary interest) × 0.0175% × days "
        "(Civil Procedure Law art. 264; Fashi [2014] No. 8, art. 1), on top of the ordinary interest "
        "the judgment awards.",
    ),
    "apr": (
        "年化利率按内部收益率（IRR）法计算（中国人民银行公告〔2021〕第3号）：这里显示的是月内部收益率×12，即单利年化；"
        "按月复利折算的实际年利率另列。",
        "The APR uses the IRR method (PBoC Announcement [2021] No. 3): shown is the monthly internal rate "
        "of return × 12, a simple annualisation; the rate compounded monthly is given separately as the "
        "effective annual rate.",
    ),
    "delay_base_assumed": (
        "未填写本金部分：迟延履行利息按全部未履行金额计算，偏高。法释〔2014〕8号第一条只对一般债务利息之外的部分（通常是本金）加倍计息。",
        "No principal part given: the delay interest is computed on the whole unpaid amount, an upper "
        "bound. Fashi [2014] No. 8, art. 1 doubles interest only on the debt other than ordinary "
        "interest (usually the principal).",
    ),
    "withdrawal": (
        "原告撤诉的，案件受理费减半，由原告负担（《诉讼费用交纳办法》第三十四条），不计入你的费用；没有判决，也就没有申请执行费和迟延履行利息。",
        "When the plaintiff withdraws, the acceptance fee is halved and borne by the plaintiff "
        "(Measures on Litigation Fees, art. 34): it is not counted in your costs; with no judgment there is "
        "no enforcement fee and no delay interest either.",
    ),
    "payment_order": (
        "贷款方也可以不起诉而申请支付令：申请费为受理费的三分之一（第十四条），你未提出异议的由你负担（第三十六条）；不计入上面的合计。",
        "Instead of suing, the lender may apply for a payment order: its fee is one third of the "
        "acceptance fee (art. 14) and falls on you if you raise no objection (art. 36); it is not in "
        "the total above.",
    ),
    "preservation": (
        "财产保全申请费按被保全财产分段计算，最多 5000 元（第十四条）；由申请人负担，但贷款方可以把它列入诉讼请求（第三十八条）。",
        "The preservation fee follows the value of the property frozen, at most 5,000 yuan (art. 14); "
        "the applicant bears it but the lender may add it to its claim (art. 38).",
    ),
}


#: Warnings with placeholders {what} (a label above) and {rate} (percent, 2 places).
WARNINGS: dict[str, tuple[str, str]] = {
    "unused": (
        "没有使用你填写的：{fields}（结果按“所用数据”计算）。",
        "Not used, although filled in: {fields} (the result follows the inputs used).",
    ),
    "court_level": (
        "{what}年化 {rate}%，高于 24%：超过部分可请求法院调减（法发〔2017〕22号第二条，需自己主张）。",
        "{what} is {rate}% a year, above 24%: you may ask a court to reduce the excess "
        "(Fafa [2017] No. 22, art. 2; you must ask for it).",
    ),
}


def label(key: str) -> tuple[str, str]:
    """(zh, en) for ``key``; the key itself if unknown, so a missing label shows, not crashes."""
    return LABELS.get(key, (key, key))


def field_label(field: str) -> tuple[str, str]:
    return label(field)


def note(key: str) -> dict[str, str]:
    zh, en = NOTES[key]
    return {"zh": zh, "en": en}

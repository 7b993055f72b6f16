"""Dated legal constants, each with its source. The one place a rule or number of law lives.

Checked 2026-11-24 against /work/shared/facts.md (statute texts, official notices). Change a
value here and every calculator, page table and test follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

#: When these constants were last checked against their sources. A constant that changes over
#: time carries its own date too: the LPR is as of its publication of ``LPR_CONFIRMED``, which is
#: what the results show beside it (a later publication may differ).
CHECKED = date(2026, 11, 24)


@dataclass(frozen=True)
class Source:
    """A citation shown next to a number: Chinese title, English gloss."""

    zh: str
    en: str

    def as_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


# --- Penalty interest (罚息) and compound interest (复利) -----------------------------------
PENALTY_SOURCE = Source(
    "中国人民银行《关于人民币贷款利率有关问题的通知》（银发〔2003〕251号）：逾期贷款罚息利率在借款合同载定的利率水平上加收30%—50%；"
    "对不能按时支付的利息，按罚息利率计收复利",
    "PBoC notice Yinfa [2003] No. 251: penalty rate on overdue loans = contract rate plus 30%-50%; "
    "compound interest at the penalty rate on interest not paid on time",
)
#: Penalty rate = contract daily rate x multiplier; +50 % is the upper end of 251号 and the
#: common contract term, hence the default.
DEFAULT_PENALTY_MULTIPLIER = Decimal("1.5")
#: The normal range under 251号 (1.3-1.5); misused loans may carry up to 2.0. Above MAX is
#: refused as a typo.
PENALTY_MULTIPLIER_RANGE = (Decimal("1.3"), Decimal("1.5"))
MAX_PENALTY_MULTIPLIER = Decimal("3")

OVERDUE_INTEREST_SOURCE = Source(
    "《民法典》第六百七十六条：借款人未按照约定的期限返还借款的，应当按照约定或者国家有关规定支付逾期利息",
    "Civil Code art. 676: a borrower who repays late pays overdue interest as agreed or under state rules",
)
ACCELERATION_SOURCE = Source(
    "《民法典》第六百七十三条：借款人未按约定用途使用借款的，贷款人可以提前收回借款；其他情形的提前到期取决于合同约定",
    "Civil Code art. 673: the lender may call the loan early if the money is misused; otherwise "
    "acceleration depends on the contract",
)

APPLICATION_ORDER_SOURCE = Source(
    "《民法典》第五百六十条：数项债务均到期的……负担相同的，按照债务到期的先后顺序履行；第五百六十一条：给付不足以清偿全部债务的，"
    "除当事人另有约定外，按实现债权的有关费用、利息、主债务的顺序履行",
    "Civil Code art. 560: among debts all due and alike, the one due first is paid first; art. 561: a "
    "payment short of the whole debt goes, unless agreed otherwise, to costs, then interest, then principal",
)

EARLY_REPAYMENT_SOURCE = Source(
    "《民法典》第六百七十七条：借款人提前返还借款的，除当事人另有约定外，应当按照实际借款的期间计算利息",
    "Civil Code art. 677: a borrower who repays early pays interest for the actual period of the loan, "
    "unless the parties agreed otherwise",
)

# --- The 24 % level ----------------------------------------------------------------------
COURT_REDUCTION_ANNUAL_RATE = Decimal("0.24")
COURT_REDUCTION_SOURCE = Source(
    "最高人民法院《关于进一步加强金融审判工作的若干意见》（法发〔2017〕22号）第二条：借款人以利息、复利、罚息、违约金和其他费用"
    "总计过高、显著背离实际损失为由，请求对总计超过年利率24%的部分予以调减的，应予支持（需借款人主张，并非自动）",
    "SPC Opinions on Financial Trials (Fafa [2017] No. 22), art. 2: a borrower may ask the court to "
    "reduce interest, compound interest, penalty and fees combined above 24% a year (the borrower "
    "must ask; it is not automatic)",
)

# --- Loan Prime Rate ---------------------------------------------------------------------
LPR_ONE_YEAR = Decimal("0.0300")
#: In force from this date ...
LPR_DATE = date(2025, 5, 20)
#: ... and last confirmed at this monthly publication (the date every result shows).
LPR_CONFIRMED = date(2026, 1, 20)
LPR_SOURCE = Source(
    "全国银行间同业拆借中心公布的1年期贷款市场报价利率（LPR）：2025年5月20日起为3.00%，2026年1月20日未变",
    "One-year Loan Prime Rate published by the National Interbank Funding Center: 3.00% from "
    "20 May 2025, unchanged on 20 Jan 2026",
)
LPR_MULTIPLE = Decimal(4)
LPR_MULTIPLE_SOURCE = Source(
    "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》（2020年修正）第二十五条：民间借贷利率上限为合同成立时一年期LPR的4倍；"
    "第一条第二款：不适用于银行等持牌金融机构（仅供参考）",
    "SPC provisions on private lending (2020), art. 25: cap of 4 x one-year LPR at signing; art. 1 "
    "para. 2 excludes licensed financial institutions such as banks (for reference only)",
)

# --- APR disclosure ----------------------------------------------------------------------
APR_SOURCE = Source(
    "中国人民银行公告〔2021〕第3号：贷款产品应明示年化利率，采用内部收益率（IRR）法计算",
    "PBoC Announcement [2021] No. 3: lenders must show the annualised rate, computed by the IRR method",
)

# --- Day counts --------------------------------------------------------------------------
DAYS_360 = Decimal(360)
DAYS_365 = Decimal(365)

# --- Court acceptance fee, 《诉讼费用交纳办法》 第十三条 ------------------------------------------
#: (upper bound of the band in yuan or None for "above", rate on the part of the claim in the band)
#: The first band is a flat fee, marked by rate None.
ACCEPTANCE_FLAT_LIMIT = Decimal(10_000)
ACCEPTANCE_FLAT_FEE = Decimal(50)
ACCEPTANCE_BANDS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal(100_000), Decimal("0.025")),
    (Decimal(200_000), Decimal("0.02")),
    (Decimal(500_000), Decimal("0.015")),
    (Decimal(1_000_000), Decimal("0.01")),
    (Decimal(2_000_000), Decimal("0.009")),
    (Decimal(5_000_000), Decimal("0.008")),
    (Decimal(10_000_000), Decimal("0.007")),
    (Decimal(20_000_000), Decimal("0.006")),
    (None, Decimal("0.005")),
)
ACCEPTANCE_FEE_SOURCE = Source(
    "《诉讼费用交纳办法》第十三条第（一）项：财产案件按诉讼请求的金额分段累计交纳，不超过1万元的每件50元",
    "Measures on Litigation Fees, art. 13(1): property cases pay by cumulative bands of the claim; "
    "RMB 50 per case up to 10,000",
)
HALVING_SOURCE = Source(
    "《诉讼费用交纳办法》第十五条（调解结案或撤诉减半）、第十六条（简易程序减半）；民诉法解释第二百零六条：只减半一次",
    "Measures on Litigation Fees, art. 15 (settled by mediation or withdrawn: half) and art. 16 "
    "(simplified procedure: half); SPC interpretation of the Civil Procedure Law, art. 206: halved once only",
)
LOSER_PAYS_SOURCE = Source(
    "《诉讼费用交纳办法》第二十九条：诉讼费用由败诉方负担",
    "Measures on Litigation Fees, art. 29: the losing party bears the fees",
)

# --- Enforcement application fee, 第十四条 --------------------------------------------------
ENFORCEMENT_FLAT_LIMIT = Decimal(10_000)
ENFORCEMENT_FLAT_FEE = Decimal(50)
ENFORCEMENT_BANDS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal(500_000), Decimal("0.015")),
    (Decimal(5_000_000), Decimal("0.01")),
    (Decimal(10_000_000), Decimal("0.005")),
    (None, Decimal("0.001")),
)
ENFORCEMENT_FEE_SOURCE = Source(
    "《诉讼费用交纳办法》第十四条第（一）项：申请执行费按执行金额分段累计，不超过1万元的每件50元",
    "Measures on Litigation Fees, art. 14(1): enforcement application fee by cumulative bands of "
    "the amount enforced; RMB 50 up to 10,000",
)

# --- Property preservation fee, 第十四条第（二）项; payment order fee, 第十四条第（三）项 ----------
PRESERVATION_FLAT_LIMIT = Decimal(1_000)
PRESERVATION_FLAT_FEE = Decimal(30)
PRESERVATION_BANDS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal(100_000), Decimal("0.01")),
    (None, Decimal("0.005")),
)
PRESERVATION_CAP = Decimal(5_000)
PRESERVATION_SOURCE = Source(
    "《诉讼费用交纳办法》第十四条第（二）项：申请保全措施的，财产数额不超过1000元的每件30元，超过1000元至10万元的部分按1%，"
    "超过10万元的部分按0.5%，最多不超过5000元；第三十八条第三款：由申请人负担，申请人起诉的可以列入诉讼请求",
    "Measures on Litigation Fees, art. 14(2): preservation fee RMB 30 up to 1,000 of property, 1% from "
    "1,000 to 100,000, 0.5% above, at most 5,000; art. 38 para. 3: the applicant bears it but may "
    "add it to its claim",
)
PAYMENT_ORDER_SOURCE = Source(
    "《诉讼费用交纳办法》第十四条第（三）项：申请支付令的，比照财产案件受理费标准的1/3交纳；第三十六条：债务人未提出异议的，申请费由债务人负担",
    "Measures on Litigation Fees, art. 14(3): a payment order application costs one third of the "
    "acceptance fee for the amount; art. 36: the debtor bears it if they raise no objection",
)
WITHDRAWAL_SOURCE = Source(
    "《诉讼费用交纳办法》第三十四条：民事案件的原告申请撤诉，人民法院裁定准许的，案件受理费由原告负担",
    "Measures on Litigation Fees, art. 34: when the plaintiff withdraws a civil case with the court's "
    "leave, the plaintiff bears the acceptance fee",
)

# --- Double interest for delayed performance -----------------------------------------------
DELAY_DAILY_RATE = Decimal("0.000175")
DELAY_SOURCE = Source(
    "《民事诉讼法》（2023年修正）第二百六十四条：未按判决指定期间履行的，加倍支付迟延履行期间的债务利息；"
    "《最高人民法院关于执行程序中计算迟延履行期间的债务利息适用法律若干问题的解释》（法释〔2014〕8号）第一条："
    "加倍部分债务利息 = 尚未清偿的、生效法律文书确定的除一般债务利息之外的金钱债务 × 日万分之一点七五 × 迟延履行期间",
    "Civil Procedure Law (2023) art. 264: double interest for delay past the judgment's deadline; "
    "SPC interpretation Fashi [2014] No. 8, art. 1: unpaid money debt fixed by the judgment, excluding "
    "ordinary interest, x 0.0175% a day x days of delay",
)

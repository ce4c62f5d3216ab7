"""Deadlines and thresholds of a claim: 工伤认定 application dates, and whether an award is 一裁终局."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import Field

from assistant.calculators.base import (
    Calculation,
    Missing,
    Params,
    add_months,
    china_today,
    cn_date,
    inputs_of,
    money,
    money_field,
    yuan,
)

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

INJURY_CLAIM = "工伤保险条例#17"
FINAL_AWARD = "劳动争议调解仲裁法#47"
WORKER_SUES = "劳动争议调解仲裁法#48"
EMPLOYER_SETS_ASIDE = "劳动争议调解仲裁法#49"


class InjuryClaimParams(Params):
    """工伤认定申请期限: the day of the accident (or of the 职业病 diagnosis)."""

    injury_date: date = Field(title="事故伤害发生之日", description="受伤的日期，或者被诊断、鉴定为职业病的日期")
    today: date = Field(default_factory=china_today, title="今天的日期", description="默认今天")


def injury_claim_deadline(p: InjuryClaimParams) -> Calculation:
    """工伤保险条例第十七条: the employer within 30 days; she, her family or the union within one year."""
    employer = p.injury_date + timedelta(days=30)
    own = add_months(p.injury_date, 12)
    left = (own - p.today).days
    steps = (f"单位应当自事故伤害发生之日（{cn_date(p.injury_date)}）起30日内，即{cn_date(employer)}前，"
             "提出工伤认定申请（工伤保险条例第十七条第一款）。",
             f"单位未申请的，您本人、近亲属或者工会组织可以在事故伤害发生之日起1年内，即{cn_date(own)}前，"
             "直接向用人单位所在地统筹地区社会保险行政部门申请（第十七条第二款）。")
    late = "已经过了" if employer < p.today else "还没到"
    if left >= 0:
        text = (f"单位申请的30日期限（{cn_date(employer)}）{late}；您自己可以在{cn_date(own)}前直接申请工伤认定，"
                f"距今天还有{left}天")
    else:
        text = f"事故伤害发生之日起1年的申请期限已于{cn_date(own)}届满（已过{-left}天）"
    notes = ("单位在30日内没有申请的，这期间发生的工伤待遇等有关费用由单位负担（第十七条第四款）。",)
    return Calculation(name="injury_claim_deadline", title="工伤认定申请期限", value=float(left), unit="天", text=text,
                       steps=steps, articles=(INJURY_CLAIM,), inputs=inputs_of(p), notes=notes)


def injury_claim_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """The day of the accident from her facts, or the question to ask."""
    when = next((d for d in facts.dates if d.role == "injury" and d.precision == "day"), None)
    if when is None:
        return Missing(("dates",), "您是哪一天受伤的？")
    return {"injury_date": when.value}


class FinalAwardParams(Params):
    """一裁终局: the sum she claims for wages, 工伤医疗费, 经济补偿 or 赔偿金, and the local monthly minimum wage."""

    claim_amount: float = money_field("请求的金额（元）", "追索劳动报酬、工伤医疗费、经济补偿或者赔偿金的金额")
    local_minimum_wage: float = money_field("当地月最低工资标准（元）", "用人单位所在地的月最低工资标准")


def final_award(p: FinalAwardParams) -> Calculation:
    """劳动争议调解仲裁法第四十七条: up to twelve months of the local minimum wage the award is final."""
    limit = money(Decimal(str(p.local_minimum_wage)) * 12)
    claim = money(Decimal(str(p.claim_amount)))
    steps = [f"当地月最低工资标准{yuan(p.local_minimum_wage)}×12个月＝{yuan(limit)}（劳动争议调解仲裁法第四十七条）。"]
    if claim <= limit:
        steps.append(f"您请求的{yuan(claim)}不超过{yuan(limit)}，仲裁裁决为终局裁决，自作出之日起发生法律效力。")
        text = (f"您追讨的{yuan(claim)}不超过当地月最低工资标准12个月的{yuan(limit)}，属于一裁终局：单位不能再向法院起诉，"
                "只能在收到裁决书之日起30日内向中级人民法院申请撤销；您不服的，可以在15日内向法院起诉")
        articles: tuple[str, ...] = (FINAL_AWARD, WORKER_SUES, EMPLOYER_SETS_ASIDE)
    else:
        steps.append(f"您请求的{yuan(claim)}超过{yuan(limit)}，不是终局裁决。")
        text = (f"您追讨的{yuan(claim)}超过当地月最低工资标准12个月的{yuan(limit)}，不是一裁终局，"
                "双方不服的都可以在收到裁决书之日起15日内向法院起诉")
        articles = (FINAL_AWARD,)
    return Calculation(name="final_award", title="一裁终局", value=float(limit), unit="元", text=text,
                       steps=tuple(steps), articles=articles, inputs=inputs_of(p),
                       notes=("执行国家的劳动标准（工作时间、休息休假、社会保险等）发生的争议，也是终局裁决（第四十七条第二项）。",))


def final_award_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """The sum she claims and the local minimum wage, or the question to ask."""
    if facts.owed_amount is None:
        return Missing(("owed_amount",), "您要追讨的金额一共多少？")
    if facts.minimum_wage is None:
        return Missing(("minimum_wage",), "当地的月最低工资标准是多少？")
    return {"claim_amount": facts.owed_amount, "local_minimum_wage": facts.minimum_wage}

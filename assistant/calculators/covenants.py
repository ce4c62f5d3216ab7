"""Money under a non-compete or a service-period (training) agreement: 竞业限制补偿 and 服务期违约金上限."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from assistant.calculators.base import (
    Calculation,
    Missing,
    Params,
    at_least,
    duration,
    inputs_of,
    money,
    money_field,
    present,
    wage_with_minimum,
    yuan,
)

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

NON_COMPETE_PAY = "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）#36"
NON_COMPETE_TERMS = "劳动合同法#23"
TRAINING_PENALTY = "劳动合同法#22"


class NonCompeteParams(Params):
    """竞业限制补偿: her average monthly wage of the last 12 months and, optionally, the local minimum wage."""

    monthly_wage: float = money_field("离职前十二个月平均工资（元/月）", "劳动合同解除或者终止前十二个月的月平均工资")
    local_minimum_wage: float | None = money_field("劳动合同履行地月最低工资标准（元）", "30%低于它的按它支付",
                                                   required=False)
    months_kept: int | None = Field(None, ge=0, le=36, title="已遵守的月数", description="离职后已经遵守竞业限制的整月数")


def non_compete_pay(p: NonCompeteParams) -> Calculation:
    """解释（一）第三十六条: 30% of the last 12 months' average wage a month, not below the local minimum wage."""
    wage = Decimal(str(p.monthly_wage))
    pay = money(wage * Decimal("0.3"))
    steps = [f"离职前十二个月平均工资{yuan(wage)}×30%＝{yuan(pay)}。"]
    text = f"每月竞业限制经济补偿为{yuan(wage)}×30%＝{yuan(pay)}"
    pay, lifted = at_least(pay, p.local_minimum_wage)
    if lifted:
        steps.append(f"30%低于劳动合同履行地月最低工资标准，按最低工资标准{yuan(pay)}支付。")
        text = f"30%低于当地月最低工资标准，每月竞业限制经济补偿按{yuan(pay)}支付"
    if p.months_kept:
        owed = money(pay * p.months_kept)
        steps.append(f"已遵守{p.months_kept}个月：{yuan(pay)}×{p.months_kept}＝{yuan(owed)}。")
        text += f"；您已遵守{p.months_kept}个月，共{yuan(owed)}"
    return Calculation(
        name="non_compete_pay", title="竞业限制经济补偿", value=float(pay), unit="元/月",
        text=text, steps=tuple(steps), articles=(NON_COMPETE_PAY,), inputs=inputs_of(p),
        notes=("这是协议没有约定补偿、您实际遵守了竞业限制时的标准；协议约定得更高的，按约定。",
               "30%低于劳动合同履行地最低工资标准的，按最低工资标准支付。"),
    )


def non_compete_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Her average wage, or the question to ask."""
    out = wage_with_minimum(facts, "您离职前十二个月的平均月工资大约多少？")
    if not isinstance(out, Missing) and facts.months_since_left:
        out["months_kept"] = facts.months_since_left
    return out


class TrainingPenaltyParams(Params):
    """服务期违约金: the training cost, the service period, the months already served, the agreed penalty."""

    training_cost: float = money_field("培训费用（元）", "单位为专业技术培训实际支付、有凭证的培训费用")
    service_months: int = Field(gt=0, le=600, title="服务期（月）", description="约定的服务期有多少个月")
    served_months: int = Field(ge=0, le=600, title="已履行的服务期（月）", description="服务期开始后已经干了多少个月")
    agreed_penalty: float | None = money_field("约定的违约金（元）", "协议里写的违约金数额", required=False)

    @model_validator(mode="after")
    def _served_within(self) -> TrainingPenaltyParams:
        if self.served_months > self.service_months:
            raise ValueError("已履行的服务期不能长于约定的服务期")
        return self


def training_penalty(p: TrainingPenaltyParams) -> Calculation:
    """劳动合同法第二十二条: at most the training cost, and at most its share for the unserved part."""
    cost = Decimal(str(p.training_cost))
    left = p.service_months - p.served_months
    cap = money(cost * left / p.service_months)
    steps = [
        f"违约金不得超过单位提供的培训费用{yuan(cost)}。",
        f"服务期{duration(p.service_months)}，已履行{duration(p.served_months)}，尚未履行{duration(left)}；"
        f"单位最多能要求{yuan(cost)}×{left}/{p.service_months}＝{yuan(cap)}。",
    ]
    owed = cap
    text = f"最多赔{yuan(cap)}（培训费{yuan(cost)}按未履行的{duration(left)}分摊）"
    if p.agreed_penalty is not None:
        agreed = Decimal(str(p.agreed_penalty))
        owed = min(cap, money(agreed))
        if agreed > cap:
            steps.append(f"约定的违约金{yuan(agreed)}超过这个上限，超出的部分不用付。")
            text += f"，约定的{yuan(agreed)}超出部分不用付"
        else:
            steps.append(f"约定的违约金{yuan(agreed)}没有超过上限，最多按约定付{yuan(agreed)}。")
            text = f"最多按约定赔{yuan(agreed)}（上限是培训费按未履行服务期分摊的{yuan(cap)}）"
    return Calculation(
        name="training_penalty", title="服务期违约金上限", value=float(owed), unit="元",
        text=text, steps=tuple(steps), articles=(TRAINING_PENALTY,), inputs=inputs_of(p),
        notes=("因单位欠薪、不交社保等依照劳动合同法第三十八条辞职的，不属于违反服务期，不用付违约金（劳动合同法实施条例第二十六条）。",
               "培训费用要有凭证，普通的入职、岗前培训一般不算。"),
    )


def training_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Training cost, service period and months served (the time she has worked when not said), or a question."""
    if facts.training_cost is None:
        return Missing(("training_cost",), "单位为这次培训实际花了多少钱？")
    if facts.service_period_months is None:
        return Missing(("service_period_months",), "服务期约定的是几年？")
    served = facts.service_served_months if facts.service_served_months is not None else facts.months_worked
    if served is None:
        return Missing(("service_served_months",), "服务期开始后您已经干了多久？")
    out: dict[str, object] = {"training_cost": facts.training_cost, "service_months": facts.service_period_months,
                              "served_months": min(served, facts.service_period_months)}
    return out | present(facts, {"agreed_penalty": "agreed_penalty"})


UNEMPLOYMENT_MONTHS = "社会保险法#46"


class UnemploymentParams(Params):
    """失业保险金期限: the years of unemployment-insurance contributions."""

    insured_years: float = Field(ge=0, le=60, title="累计缴纳失业保险费（年）", description="失业前用人单位和本人累计缴费的年数")


def unemployment_months(p: UnemploymentParams) -> Calculation:
    """社会保险法第四十六条: 1–5 years → 12 months, 5–10 → 18, 10 and more → 24."""
    years = p.insured_years
    if years < 1:
        months, text = 0, f"累计缴费{years:g}年，不满1年，还不能领失业保险金"
    else:
        months = 12 if years < 5 else 18 if years < 10 else 24
        band = "满1年不足5年" if years < 5 else "满5年不足10年" if years < 10 else "10年以上"
        text = f"您累计缴费{years:g}年，属于{band}，最长可以领{months}个月"
    return Calculation(
        name="unemployment_months", title="失业保险金最长领取期限", value=float(months), unit="个月",
        text=text, steps=(f"累计缴费{years:g}年：满1年不足5年最长12个月，满5年不足10年最长18个月，10年以上最长24个月。",),
        articles=(UNEMPLOYMENT_MONTHS,), inputs=inputs_of(p),
        notes=("重新就业后再次失业的，缴费时间重新计算，与前次应领未领的期限合并，最长不超过24个月。",),
    )


def unemployment_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Her years of contributions, or the question to ask."""
    if facts.insured_years is None:
        return Missing(("insured_years",), "您累计交了几年失业保险？")
    return {"insured_years": facts.insured_years}

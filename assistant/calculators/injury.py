"""Work-injury money: 一次性伤残补助金 by disability grade."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import Field

from assistant.calculators.base import (
    Calculation,
    Missing,
    Params,
    inputs_of,
    money,
    money_field,
    present,
    yuan,
)

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

DISABILITY_ARTICLES = {1: "工伤保险条例#35", 5: "工伤保险条例#36", 7: "工伤保险条例#37"}
INJURY_WAGE = "工伤保险条例#64"
INJURY_UNINSURED = "工伤保险条例#62"
# 一次性伤残补助金, months of 本人工资 by grade (工伤保险条例第三十五至三十七条).
DISABILITY_MONTHS = {1: 27, 2: 25, 3: 23, 4: 21, 5: 18, 6: 16, 7: 13, 8: 11, 9: 9, 10: 7}
_CN_GRADE = "一二三四五六七八九十"


class DisabilityParams(Params):
    """一次性伤残补助金: her disability grade and 本人工资 (the average monthly contribution wage before the injury)."""

    grade: int = Field(ge=1, le=10, title="伤残等级", description="劳动能力鉴定的伤残等级，一级最重、十级最轻，填1到10")
    monthly_wage: float = money_field("本人工资（元）", "受伤前12个月平均月缴费工资（工伤保险条例第六十四条）")
    local_average_wage: float | None = money_field(
        "统筹地区职工月平均工资（元）", "填写时按本人工资不低于其60%、不高于其300%计算", required=False)


def _grade_article(grade: int) -> str:
    return DISABILITY_ARTICLES[1 if grade <= 4 else 5 if grade <= 6 else 7]


def disability_lump_sum(p: DisabilityParams) -> Calculation:
    """一次性伤残补助金 under 工伤保险条例第三十五至三十七条: 27 down to 7 months of 本人工资 by grade."""
    months = DISABILITY_MONTHS[p.grade]
    g = _CN_GRADE[p.grade - 1]
    article = _grade_article(p.grade)
    wage = Decimal(str(p.monthly_wage))
    steps = [f"{g}级伤残的一次性伤残补助金为{months}个月的本人工资（工伤保险条例第{'三十五' if p.grade <= 4 else '三十六' if p.grade <= 6 else '三十七'}条）。"]
    if p.local_average_wage is not None:
        avg = Decimal(str(p.local_average_wage))
        low, high = money(avg * Decimal("0.6")), money(avg * 3)
        if wage < low:
            steps.append(f"本人工资低于统筹地区职工平均工资的60%，按{yuan(low)}计算（第六十四条）。")
            wage = low
        elif wage > high:
            steps.append(f"本人工资高于统筹地区职工平均工资的300%，按{yuan(high)}计算（第六十四条）。")
            wage = high
    amount = money(wage * months)
    steps.append(f"{months}个月×{yuan(wage)}＝{yuan(amount)}，由工伤保险基金支付；单位没交工伤保险的由单位支付（第六十二条）。")
    notes = ["本人工资是受伤前12个月平均月缴费工资，高于统筹地区职工平均工资300%的按300%、低于60%的按60%计算（第六十四条）。"]
    if p.grade >= 5:
        notes.append("离职时的一次性工伤医疗补助金和一次性伤残就业补助金，标准由省、自治区、直辖市人民政府规定，"
                     "资料库没有收录各省标准，请查本省的工伤保险规定。")
    return Calculation(
        name="disability_lump_sum", title="一次性伤残补助金", value=float(amount), unit="元",
        text=f"{g}级伤残的一次性伤残补助金为{months}个月本人工资，共{yuan(amount)}",
        steps=tuple(steps), articles=(article, INJURY_WAGE, INJURY_UNINSURED), inputs=inputs_of(p), notes=tuple(notes),
    )


def disability_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Disability lump-sum parameters from her facts, or the one question to ask."""
    if facts.disability_grade is None:
        return Missing(("disability_grade",), "您的劳动能力鉴定评的是几级伤残？受伤前的月工资大约多少？")
    if facts.monthly_wage is None:
        months = DISABILITY_MONTHS[facts.disability_grade]
        return Missing(("monthly_wage",), "您受伤前的月工资（缴费工资）大约多少？",
                       f"{_CN_GRADE[facts.disability_grade - 1]}级伤残的一次性伤残补助金是{months}个月的本人工资")
    return {"grade": facts.disability_grade, "monthly_wage": facts.monthly_wage} | present(
        facts, {"local_average_wage": "local_average_wage"})


INJURY_LEAVE_PAY = "工伤保险条例#33"


class InjuryLeavePayParams(Params):
    """停工留薪期: her wage before the injury, what the employer pays a month now, and the months so far."""

    monthly_wage: float = money_field("原工资（元）", "受伤前每月的工资，停工留薪期内原工资福利待遇不变（工伤保险条例第三十三条）")
    paid_monthly: float = Field(ge=0, le=1_000_000, title="单位每月实际支付（元）",
                                description="停工留薪期内单位每月实际发给您的钱，例如只发的生活费或基本工资")
    months: int | None = Field(None, ge=1, le=24, title="已停工留薪的月数",
                               description="受伤后停工治疗、单位少发工资的月数，停工留薪期一般不超过12个月")


def injury_leave_pay(p: InjuryLeavePayParams) -> Calculation:
    """停工留薪期 shortfall under 工伤保险条例第三十三条: 原工资福利待遇不变, so the gap is wage − paid each month."""
    wage, paid = Decimal(str(p.monthly_wage)), Decimal(str(p.paid_monthly))
    gap = money(max(wage - paid, Decimal(0)))
    steps = [f"停工留薪期内原工资福利待遇不变，由所在单位按月支付（工伤保险条例第三十三条），每月应发{yuan(wage)}。"]
    notes = ["停工留薪期一般不超过12个月，伤情严重或者情况特殊的，经设区的市级劳动能力鉴定委员会确认可以延长，"
             "延长不超过12个月（第三十三条）；评定伤残等级后停发原待遇，改享受伤残待遇。"]
    if gap == 0:
        text = f"单位每月支付{yuan(paid)}，不低于您原来的工资{yuan(wage)}，没有少发"
        return Calculation(name="injury_leave_pay", title="停工留薪期工资差额", value=0.0, unit="元", text=text,
                           steps=(*steps, text + "。"), articles=(INJURY_LEAVE_PAY,), inputs=inputs_of(p),
                           notes=tuple(notes))
    steps.append(f"每月少发{yuan(wage)}－{yuan(paid)}＝{yuan(gap)}。")
    if p.months is None:
        text = f"停工留薪期每月少发{yuan(gap)}（{yuan(wage)}－{yuan(paid)}），按少发的月数累计补足"
        value = gap
    else:
        value = money(gap * p.months)
        steps.append(f"{p.months}个月×{yuan(gap)}＝{yuan(value)}。")
        text = f"停工留薪期少发的工资为（{yuan(wage)}－{yuan(paid)}）×{p.months}个月，共{yuan(value)}"
    return Calculation(
        name="injury_leave_pay", title="停工留薪期工资差额", value=float(value), unit="元", text=text,
        steps=tuple(steps), articles=(INJURY_LEAVE_PAY,), inputs=inputs_of(p), notes=tuple(notes),
    )


def injury_leave_pay_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """停工留薪期 shortfall parameters from her facts, or the one question to ask."""
    if facts.monthly_wage is None or facts.injury_paid_wage is None:
        return Missing(("monthly_wage", "injury_paid_wage"),
                       "您受伤前每月工资大约多少？停工留薪期单位每月实际发了多少？")
    return {"monthly_wage": facts.monthly_wage, "paid_monthly": facts.injury_paid_wage} | present(
        facts, {"months": "injury_leave_months"})

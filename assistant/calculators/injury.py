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

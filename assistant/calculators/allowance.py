"""生育津贴: her employer's average wage over the days of her leave, under the rule of her province where stored.

The national rule (女职工劳动保护特别规定第八条, 社会保险法第五十六条) names the base but not how a month is turned
into days; 福建 writes it (÷30, at least 128 days) and 黑龙江 writes the days the fund pays (158). Elsewhere the
amount is an estimate at 30 days a month and says so.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import Field

from assistant.calculators.base import (
    Calculation,
    Missing,
    Params,
    Province,
    inputs_of,
    money,
    money_field,
    yuan,
)
from assistant.calculators.regions import NATIONAL_DAYS, REGIONAL

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

NATIONAL_ALLOWANCE = "女职工劳动保护特别规定#8"
INSURANCE_ALLOWANCE = "社会保险法#56"
FUJIAN_ALLOWANCE = "福建省女职工劳动保护条例#16"
FUJIAN_UNINSURED = "福建省女职工劳动保护条例#17"
HEILONGJIANG_ALLOWANCE = "黑龙江省女职工劳动保护条例#12"
FUJIAN_MIN_DAYS = 128
HEILONGJIANG_FUND_DAYS = 158
DAYS_A_MONTH = 30


class AllowanceParams(Params):
    """生育津贴: her employer's average monthly wage last year, the days of her leave, her province."""

    employer_average_wage: float = money_field(
        "单位上年度职工月平均工资（元）", "生育津贴按您所在单位上年度职工月平均工资计发，不按您本人的工资")
    leave_days: int | None = Field(None, ge=1, le=400, title="产假天数",
                                   description="您的产假天数（含地方延长的天数）；不填按本省条例写明的天数或国家规定的98天")
    province: Province = Field(None, title="省份", description="工作所在的省份；福建、黑龙江按本省条例计算")


def maternity_allowance(p: AllowanceParams) -> Calculation:
    """生育津贴 = 单位月平均工资 ÷ 30 × days; 福建 at least 128 days, 黑龙江 158 days from the fund."""
    avg = Decimal(str(p.employer_average_wage))
    daily = money(avg / DAYS_A_MONTH)
    r = REGIONAL.get(p.province) if p.province else None
    # Without her days: a province that states the whole leave (黑龙江 180, 福建 158) gives them; else the national 98.
    days = p.leave_days or (r.total if r is not None and r.total else NATIONAL_DAYS)
    steps: list[str] = []
    notes = ["单位没有参加生育保险或断缴、欠费导致领不到的，产假期间由单位按您产假前的工资支付（女职工劳动保护特别规定第八条）。"]
    if p.province == "福建":
        paid = max(days, FUJIAN_MIN_DAYS)
        least = money(daily * FUJIAN_MIN_DAYS)
        steps.append(f"福建按单位上年度职工月平均工资、以每月30天折算：{yuan(avg)}÷30＝每天{yuan(daily)}（福建省女职工劳动保护条例第十六条）。")
        steps.append(f"按规定生育的发放天数不少于128天：{yuan(daily)}×128天＝{yuan(least)}。")
        text = f"福建生育津贴每天{yuan(daily)}（{yuan(avg)}÷30），发放天数不少于128天，至少{yuan(least)}"
        if paid > FUJIAN_MIN_DAYS:
            full = money(daily * paid)
            steps.append(f"按您的{paid}天产假全部发放的，为{yuan(daily)}×{paid}天＝{yuan(full)}；实际发放天数以当地医保经办机构核定为准。")
            text += f"；按{paid}天发放的为{yuan(full)}"
        return Calculation(
            name="maternity_allowance", title="生育津贴", value=float(least), unit="元", text=text,
            steps=tuple(steps), articles=(FUJIAN_ALLOWANCE, FUJIAN_UNINSURED, INSURANCE_ALLOWANCE),
            inputs=inputs_of(p), notes=tuple(notes),
        )
    estimate = "按每月30天估算，各地折算办法由当地生育保险规定，资料库未收录，以医保部门核定为准"
    if p.province == "黑龙江":
        fund = min(days, HEILONGJIANG_FUND_DAYS)
        amount = money(daily * fund)
        steps.append("黑龙江由医疗保险基金按单位上年度职工月平均工资支付158天生育津贴（黑龙江省女职工劳动保护条例第十二条）。")
        steps.append(f"{yuan(avg)}÷30×{fund}天≈{yuan(amount)}（{estimate}）。")
        text = f"黑龙江生育津贴由医保基金支付{fund}天，约{yuan(amount)}（{yuan(avg)}÷30×{fund}天，估算）"
        if days > HEILONGJIANG_FUND_DAYS:
            rest = days - HEILONGJIANG_FUND_DAYS
            steps.append(f"产假超过158天的{rest}天，由单位按您产假前的工资标准支付（第十二条）。")
            text += f"；其余{rest}天由单位按您产假前工资支付"
        articles: tuple[str, ...] = (HEILONGJIANG_ALLOWANCE, INSURANCE_ALLOWANCE)
    else:
        amount = money(daily * days)
        steps.append(f"已参加生育保险的，生育津贴按单位上年度职工月平均工资的标准由生育保险基金支付"
                     f"（女职工劳动保护特别规定第八条、社会保险法第五十六条），期间对应产假{days}天。")
        steps.append(f"{yuan(avg)}÷30×{days}天≈{yuan(amount)}（{estimate}）。")
        text = f"生育津贴按单位上年度职工月平均工资计发，产假{days}天约{yuan(amount)}（{yuan(avg)}÷30×{days}天，估算）"
        articles = (NATIONAL_ALLOWANCE, INSURANCE_ALLOWANCE)
        if p.leave_days is None and days == NATIONAL_DAYS:
            notes.append("这里按国家规定的98天计算；本省另有延长产假的，延长的天数一般也发生育津贴，告诉我们您的产假天数可以重算。")
    return Calculation(
        name="maternity_allowance", title="生育津贴", value=float(amount), unit="元", text=text,
        steps=tuple(steps), articles=articles, inputs=inputs_of(p), notes=tuple(notes),
    )


def allowance_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """生育津贴 parameters from her facts, or the one question to ask."""
    if facts.employer_average_wage is None:
        return Missing(("employer_average_wage",), "您单位上年度职工月平均工资大约多少？生育津贴按它算，不按您本人的工资。")
    out: dict[str, object] = {"employer_average_wage": facts.employer_average_wage}
    if facts.maternity_leave_days is not None:
        out["leave_days"] = facts.maternity_leave_days
    if facts.region:
        out["province"] = facts.region
    return out

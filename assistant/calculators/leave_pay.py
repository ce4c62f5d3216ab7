"""Pay during leave that the employer owes from her own wage: 产假 pay when she is not insured, and the 80% floor
of 上海's 产前假 and 哺乳假.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import Field

from assistant.calculators.base import (
    Calculation,
    Missing,
    Params,
    at_least,
    inputs_of,
    money,
    money_field,
    wage_with_minimum,
    yuan,
)
from assistant.calculators.leave import MaternityParams, maternity_from_facts, maternity_leave

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

UNINSURED_PAY = "女职工劳动保护特别规定#8"
SHANGHAI_LEAVE_PAY = "上海市妇女权益保障条例#45"
SHANGHAI_SHARE = Decimal("0.8")
FUJIAN_NURSING_PAY = "福建省女职工劳动保护条例#14"
FUJIAN_SHARE = Decimal("0.6")


class LeavePayFloorParams(Params):
    """上海产前假、哺乳假: her own wage before the leave and the local minimum wage."""

    monthly_wage: float = money_field("本人原工资（元）", "请假前每月的工资")
    local_minimum_wage: float | None = money_field("上海月最低工资标准（元）", "本市月最低工资标准", required=False)


def leave_pay_floor(p: LeavePayFloorParams) -> Calculation:
    """上海市妇女权益保障条例第四十五条: 产前假、哺乳假 pay at least 80% of her wage and the minimum wage."""
    floor = money(Decimal(str(p.monthly_wage)) * SHANGHAI_SHARE)
    label = f"原工资{yuan(p.monthly_wage)}的80%"
    steps = [f"产前假、哺乳假期间工资不得低于本人原工资的80%：{yuan(p.monthly_wage)}×80%＝{yuan(floor)}"
             "（上海市妇女权益保障条例第四十五条）。"]
    floor, lifted = at_least(floor, p.local_minimum_wage)
    if lifted:
        label = "本市最低工资标准"
        steps.append(f"80%低于本市最低工资标准{yuan(floor)}，按最低工资标准发。")
    return Calculation(
        name="leave_pay_floor", title="产前假、哺乳假工资下限", value=float(floor), unit="元",
        text=f"假期期间每月工资不得低于{yuan(floor)}（{label}），也不得低于本市最低工资标准",
        steps=tuple(steps), articles=(SHANGHAI_LEAVE_PAY,), inputs=inputs_of(p),
    )


def leave_pay_floor_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Her wage from her facts, or the question to ask."""
    return wage_with_minimum(facts, "您请假前每月工资是多少？")


class UninsuredLeavePayParams(Params):
    """产假 pay when the employer did not insure her: her wage before the leave, and what she is paid now."""

    monthly_wage: float = money_field("产假前月工资（元）", "休产假前每月的工资")
    leave_days: int | None = Field(None, ge=1, le=400, title="产假天数", description="国家和本省规定的产假合计天数，如 158")


def uninsured_leave_pay(p: UninsuredLeavePayParams) -> Calculation:
    """女职工劳动保护特别规定第八条: not insured, the employer pays 产假 at the standard of her pre-leave wage."""
    wage = money(Decimal(str(p.monthly_wage)))
    steps = ["对未参加生育保险的，产假期间的生育津贴按照女职工产假前工资的标准由用人单位支付"
             "（女职工劳动保护特别规定第八条）。", f"您产假前月工资{yuan(wage)}，产假期间每月应得{yuan(wage)}。"]
    text = f"产假期间单位应按您产假前工资的标准每月支付{yuan(wage)}"
    notes: tuple[str, ...] = ()
    if p.leave_days is not None:
        # Months of leave as days ÷ 30, the way 生育津贴 is reckoned by the day; local rules may reckon otherwise.
        total = money(wage * p.leave_days / 30)
        steps.append(f"{p.leave_days}天产假按每月30天折算：{yuan(wage)}÷30×{p.leave_days}天＝{yuan(total)}。")
        text += f"，{p.leave_days}天产假合计约{yuan(total)}（{yuan(wage)}÷30×{p.leave_days}天）"
        notes = ("按天折算的方法各地不同，以当地规定为准。",)
    return Calculation(
        name="uninsured_leave_pay", title="未参保的产假工资", value=float(wage), unit="元/月",
        text=text + "，少发的部分可以要求补足", steps=tuple(steps), articles=(UNINSURED_PAY,), inputs=inputs_of(p),
        notes=notes,
    )


def uninsured_leave_pay_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Her pre-leave wage from her facts, or the question to ask."""
    if facts.monthly_wage is None:
        return Missing(("monthly_wage",), "您休产假前每月工资是多少？")
    out: dict[str, object] = {"monthly_wage": facts.monthly_wage}
    days = facts.maternity_leave_days
    if days is None and facts.region is not None:
        # Her leave from the maternity calculator when her facts settle it (上海头胎顺产: 158天).
        raw = maternity_from_facts(facts)
        if not isinstance(raw, Missing):
            days = int(maternity_leave(MaternityParams.model_validate(raw)).value)
    if days is not None:
        out["leave_days"] = days
    return out


class NursingLeavePayParams(Params):
    """福建哺乳假: the monthly 生育津贴 base (单位上年度职工月平均工资) and the local minimum wage."""

    employer_average_wage: float = money_field("单位上年度职工月平均工资（元）", "生育津贴按它计发")
    local_minimum_wage: float | None = money_field("当地月最低工资标准（元）", "当地月最低工资标准", required=False)


def nursing_leave_pay(p: NursingLeavePayParams) -> Calculation:
    """福建省女职工劳动保护条例第十四条: 哺乳假 pay at least 60% of the 生育津贴 and the local minimum wage."""
    floor = money(Decimal(str(p.employer_average_wage)) * FUJIAN_SHARE)
    label = f"生育津贴{yuan(p.employer_average_wage)}的60%"
    steps = [f"生育津贴按单位上年度职工月平均工资计发，每月{yuan(p.employer_average_wage)}；哺乳假期间工资不得低于它的60%："
             f"{yuan(p.employer_average_wage)}×60%＝{yuan(floor)}（福建省女职工劳动保护条例第十四条）。"]
    floor, lifted = at_least(floor, p.local_minimum_wage)
    if lifted:
        label = "当地最低工资标准"
        steps.append(f"60%低于当地最低工资标准{yuan(floor)}，按最低工资标准发。")
    return Calculation(
        name="nursing_leave_pay", title="福建哺乳假工资下限", value=float(floor), unit="元",
        text=f"哺乳假期间每月工资不得低于{yuan(floor)}（{label}），也不得低于当地最低工资标准",
        steps=tuple(steps), articles=(FUJIAN_NURSING_PAY,), inputs=inputs_of(p),
    )


def nursing_leave_pay_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """The 生育津贴 base from her facts, or the question to ask."""
    if facts.employer_average_wage is None:
        return Missing(("employer_average_wage",), "您的生育津贴每月是多少（单位上年度职工月平均工资）？")
    out: dict[str, object] = {"employer_average_wage": facts.employer_average_wage}
    if facts.minimum_wage is not None:
        out["local_minimum_wage"] = facts.minimum_wage
    return out

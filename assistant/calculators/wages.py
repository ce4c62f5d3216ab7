"""Wage money: 加班费 and how much of her wage an employer may withhold for damage."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from assistant.calculators.base import (
    Calculation,
    Flag,
    Missing,
    Params,
    inputs_of,
    money,
    money_field,
    num,
    present,
    wage_with_minimum,
    yuan,
)

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

OVERTIME = "劳动法#44"
OVERTIME_LIMIT = "劳动法#41"
WAGE_DAYS = "关于职工全年月平均工作时间和工资折算问题的通知#2"
DAMAGE_DEDUCTION = "工资支付暂行规定#16"


class OvertimeParams(Params):
    """加班费: her monthly wage and the overtime hours of each kind."""

    monthly_wage: float = money_field("月工资（元）", "加班费的计算基数，一般为劳动合同约定的正常工作时间月工资")
    workday_hours: float = Field(0, ge=0, le=5000, title="工作日延长工作时间（小时）",
                                 description="工作日下班后或上班前加班的小时数合计")
    rest_day_hours: float = Field(0, ge=0, le=5000, title="休息日加班（小时）",
                                  description="周末等休息日加班的小时数合计，一天按8小时填写")
    holiday_hours: float = Field(0, ge=0, le=5000, title="法定休假日加班（小时）",
                                 description="春节、国庆等法定休假日加班的小时数合计，一天按8小时填写")
    rest_day_compensated: Flag = Field(False, title="休息日加班已补休", description="单位已为休息日加班安排同等时间补休")
    daily_hours: float | None = Field(None, gt=0, le=24, title="每天工作小时数",
                                      description="不知道加班小时数时，填平时每天实际工作的小时数，按一个月估算")
    days_per_week: int | None = Field(None, ge=1, le=7, title="每周工作天数", description="与每天工作小时数一起填写")

    @model_validator(mode="after")
    def _some_hours(self) -> OvertimeParams:
        if (self.daily_hours is None) != (self.days_per_week is None):
            raise ValueError("daily_hours（每天工作小时数）和 days_per_week（每周工作天数）要一起填写")
        if self.daily_hours is not None and (self.workday_hours or self.rest_day_hours or self.holiday_hours):
            raise ValueError("已填写加班小时数时，不要再填写 daily_hours 和 days_per_week")
        if self.daily_hours is not None and self.days_per_week is not None:
            if self.daily_hours <= 8 and self.days_per_week <= 5:
                raise ValueError("每天不超过8小时、每周不超过5天，没有超出标准工时的加班")
            return self
        if self.workday_hours + self.rest_day_hours + self.holiday_hours <= 0:
            raise ValueError("请至少填写一项加班时间：workday_hours、rest_day_hours 或 holiday_hours")
        return self


WEEKS_A_MONTH = Decimal(52) / 12


def _schedule_hours(p: OvertimeParams) -> tuple[Decimal, Decimal, str]:
    """A month's overtime from her schedule: hours beyond 8 on five workdays, and whole days beyond five."""
    assert p.daily_hours is not None and p.days_per_week is not None
    daily = Decimal(str(p.daily_hours))
    workday = max(daily - 8, Decimal(0)) * min(p.days_per_week, 5) * WEEKS_A_MONTH
    rest = max(p.days_per_week - 5, 0) * daily * WEEKS_A_MONTH
    step = (f"每天工作{num(p.daily_hours)}小时、每周{p.days_per_week}天，按标准工时每天8小时、每周5天、每月约4.33周估算："
            f"工作日延长约{num(round(float(workday), 1))}小时，休息日加班约{num(round(float(rest), 1))}小时。")
    return workday.quantize(Decimal("0.1")), rest.quantize(Decimal("0.1")), step


def _how(p: OvertimeParams, hourly: Decimal, kinds: tuple[tuple[Decimal, str, Decimal, str], ...]) -> str:
    """The sum in brief for her first line ("（日工资约260元×2天×300%）"), when one kind of overtime makes it."""
    paid = [(h, label, pct) for h, label, _, pct in kinds
            if h > 0 and not (label == "休息日加班" and p.rest_day_compensated)]
    if len(paid) != 1 or p.daily_hours is not None:
        return ""
    hours, label, pct = paid[0]
    if label != "工作日延长工作时间" and hours % 8 == 0:
        return f"（日工资约{yuan(hourly * 8)}×{num(hours / 8)}天×{pct}）"
    return f"（小时工资约{yuan(hourly)}×{num(hours)}小时×{pct}）"


def overtime_pay(p: OvertimeParams) -> Calculation:
    """加班费 under 劳动法第四十四条: 150% / 200% / 300% of wage ÷ 21.75 days ÷ 8 hours."""
    wage = Decimal(str(p.monthly_wage))
    hourly = wage / Decimal("21.75") / 8
    steps = [f"小时工资＝月工资{yuan(wage)}÷21.75天÷8小时≈{yuan(hourly)}。"]
    notes: list[str] = []
    articles = [OVERTIME, WAGE_DAYS]
    total = Decimal(0)
    workday_hours, rest_hours = Decimal(str(p.workday_hours)), Decimal(str(p.rest_day_hours))
    if p.daily_hours is not None:
        workday_hours, rest_hours, step = _schedule_hours(p)
        steps.append(step)
        notes.append("按排班估算的是一个月的数字；能拿出考勤、排班表的，按实际加班时间计算。")
    kinds = (
        (workday_hours, "工作日延长工作时间", Decimal("1.5"), "150%"),
        (rest_hours, "休息日加班", Decimal(2), "200%"),
        (Decimal(str(p.holiday_hours)), "法定休假日加班", Decimal(3), "300%"),
    )
    for hours, label, rate, pct in kinds:
        if hours <= 0:
            continue
        if label == "休息日加班" and p.rest_day_compensated:
            steps.append(f"休息日加班{num(hours)}小时已安排补休，不再另付加班费。")
            continue
        part = money(Decimal(str(hours)) * hourly * rate)
        total += part
        steps.append(f"{label}{num(hours)}小时×{yuan(hourly)}×{pct}＝{yuan(part)}。")
    steps.append(f"加班费合计{yuan(total)}。")
    how = _how(p, hourly, kinds)
    notes.append("以上是法律规定的最低标准（不低于），劳动合同或集体合同约定更高的按约定。")
    monthly = p.daily_hours is not None
    over = workday_hours + rest_hours > 36 if monthly else workday_hours > 36
    if over:
        notes.append("延长工作时间每月不得超过三十六小时（劳动法第四十一条）；"
                     + ("按您的排班已超过上限。" if monthly else "如果这是一个月的加班，已超过上限。"))
        articles.append(OVERTIME_LIMIT)
    if p.holiday_hours > 0:
        notes.append("法定休假日加班按300%支付，第四十四条没有规定可以用补休代替。")
    if monthly:
        text = f"每月加班费至少约{yuan(total)}（按排班估算）" + (
            f"；每月加班约{num(round(float(workday_hours + rest_hours)))}小时，超过了每月36小时的上限" if over else "")
    else:
        text = f"加班费至少为{yuan(total)}{how}" + (
            "；延长工作时间每月不得超过36小时，如果这是一个月的加班，已超过上限" if over else "")
    return Calculation(
        name="overtime_pay", title="加班费", value=float(total), unit="元",
        text=text,
        steps=tuple(steps), articles=tuple(articles), inputs=inputs_of(p), notes=tuple(notes),
    )


def overtime_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Overtime parameters from her facts, or the one question to ask."""
    workday = facts.overtime_workday_hours
    if workday is None and facts.overtime_daily_hours is not None and facts.overtime_workdays is not None:
        workday = facts.overtime_daily_hours * facts.overtime_workdays
    daily = facts.daily_work_hours
    if workday is None and daily is not None and daily > 8 and facts.overtime_workdays is not None:
        workday = (daily - 8) * facts.overtime_workdays  # 每天干10小时、上个月22个工作日: 2 hours beyond 8 each day
    rest = None if facts.overtime_rest_days is None else facts.overtime_rest_days * 8
    holiday = None if facts.overtime_holiday_days is None else facts.overtime_holiday_days * 8
    if facts.monthly_wage is None:
        return Missing(("monthly_wage",), "您的月工资大约多少（税前）？")
    if workday is None and facts.overtime_daily_hours is not None and rest is None and holiday is None:
        return Missing(("overtime_workdays",), "这样加班的工作日一共有多少天？")
    if workday is None and rest is None and holiday is None:
        days, daily = facts.work_days_per_week, facts.daily_work_hours
        if days is not None and daily is not None and (daily > 8 or days > 5):
            return {"monthly_wage": facts.monthly_wage, "daily_hours": daily, "days_per_week": days}
        return Missing(("overtime_workday_hours",), "您平时、周末和法定节假日分别加班了多少小时（或多少天）？")
    out: dict[str, object] = {"monthly_wage": facts.monthly_wage}
    for key, value in (("workday_hours", workday), ("rest_day_hours", rest), ("holiday_hours", holiday)):
        if value is not None:
            out[key] = value
    return out


class DamageDeductionParams(Params):
    """赔偿扣款: her month's wage and, optionally, the local minimum wage and what the employer wants to take."""

    monthly_wage: float = money_field("当月工资（元）", "被扣款那个月的工资")
    local_minimum_wage: float | None = money_field("当地月最低工资标准（元）", "扣除后剩余工资不得低于它",
                                                   required=False)
    deducted: float | None = money_field("这个月实际扣了多少（元）", "超过上限的部分要退还", required=False)


def damage_deduction(p: DamageDeductionParams) -> Calculation:
    """工资支付暂行规定第十六条: at most 20% of the month's wage, and what is left not below the minimum wage."""
    wage = Decimal(str(p.monthly_wage))
    cap = money(wage * Decimal("0.2"))
    steps = [f"每月扣除不得超过当月工资的20%：{yuan(wage)}×20%＝{yuan(cap)}。"]
    why = f"当月工资{yuan(wage)}的20%"
    if p.local_minimum_wage is not None and wage - cap < Decimal(str(p.local_minimum_wage)):
        cap = max(Decimal(0), money(wage - Decimal(str(p.local_minimum_wage))))
        steps.append(f"扣除后剩余工资不得低于当地月最低工资标准{yuan(p.local_minimum_wage)}，所以每月最多扣{yuan(cap)}。")
        # The floor, not the 20%, sets the cap now: say so, or the number contradicts its reason.
        why = f"扣除后不得低于当地月最低工资标准{yuan(p.local_minimum_wage)}"
    text = f"每月最多从工资里扣{yuan(cap)}（{why}）"
    if p.deducted is not None and money(p.deducted) > cap:
        # 这个月一次扣了3000: what she asked is whether that is lawful, so the excess comes with the cap.
        over = money(Decimal(str(p.deducted)) - cap)
        steps.append(f"这个月扣了{yuan(p.deducted)}，超过上限{yuan(over)}。")
        text += f"；这个月扣{yuan(p.deducted)}超过了上限，多扣的{yuan(over)}要退还，剩下的只能以后每月最多扣{yuan(cap)}"
    return Calculation(
        name="damage_deduction", title="赔偿损失每月最多扣多少", value=float(cap), unit="元",
        text=text,
        steps=tuple(steps), articles=(DAMAGE_DEDUCTION,), inputs=inputs_of(p),
        notes=("扣除后剩余工资低于当地月最低工资标准的，要按最低工资标准支付。",),
    )


def damage_deduction_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Her month's wage, or the question to ask."""
    found = wage_with_minimum(facts, "您一个月工资多少？")
    return found if isinstance(found, Missing) else found | present(facts, {"deducted": "deducted_amount"})


MINIMUM_WAGE = "最低工资规定#12"
MINIMUM_WAGE_ARREARS = "劳动合同法#85"


class MinimumWageGapParams(Params):
    """最低工资差额: what she was paid for a month of normal work and the local monthly minimum wage."""

    monthly_wage: float = money_field("实发月工资（元）", "正常出勤一个月拿到的工资，先减去加班工资和夜班、高温等特殊津贴")
    local_minimum_wage: float = money_field("当地月最低工资标准（元）", "当地人社部门公布的现行月最低工资标准")
    months: int = Field(1, ge=1, le=120, title="月数", description="工资低于标准的月数，默认1个月")


def minimum_wage_gap(p: MinimumWageGapParams) -> Calculation:
    """最低工资规定第十二条: pay for normal work below the local minimum wage is topped up to it."""
    wage, floor = Decimal(str(p.monthly_wage)), Decimal(str(p.local_minimum_wage))
    gap = max(Decimal(0), money(floor - wage))
    total = money(gap * p.months)
    if gap:
        steps = [f"当地月最低工资标准{yuan(floor)}－您的月工资{yuan(wage)}＝每月少{yuan(gap)}。"]
        if p.months > 1:
            steps.append(f"{p.months}个月×{yuan(gap)}＝{yuan(total)}。")
        text = f"每月比当地最低工资标准少{yuan(gap)}，单位应当补足" + (f"，{p.months}个月共{yuan(total)}" if p.months > 1 else "")
    else:
        steps = [f"您的月工资{yuan(wage)}不低于当地月最低工资标准{yuan(floor)}。"]
        text = f"月工资{yuan(wage)}不低于当地最低工资标准{yuan(floor)}，没有差额可补"
    return Calculation(
        name="minimum_wage_gap", title="低于最低工资的差额", value=float(total), unit="元", text=text,
        steps=tuple(steps), articles=(MINIMUM_WAGE, MINIMUM_WAGE_ARREARS), inputs=inputs_of(p),
        notes=("比较前要剔除加班工资，中班、夜班、高温、低温、井下、有毒有害等特殊条件下的津贴和法定福利待遇；"
               "因事假、旷工等本人原因没有提供正常劳动的月份不适用。",
               "单位逾期不补足的，由劳动行政部门责令按应付金额50%以上100%以下加付赔偿金（劳动合同法第八十五条）。"),
    )


def minimum_wage_gap_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Her wage and the local minimum wage, or the question for what is missing."""
    if facts.monthly_wage is None:
        return Missing(("monthly_wage",), "您正常上班一个月实际拿到多少工资？")
    if facts.minimum_wage is None:
        return Missing(("minimum_wage",), "您当地现行的月最低工资标准是多少？")
    return {"monthly_wage": facts.monthly_wage, "local_minimum_wage": facts.minimum_wage}


FULL_PAY = "劳动合同法#30"


class ShortfallParams(Params):
    """少发的工资: how much she was shorted each month (or each time), and for how many."""

    per: float = money_field("每月（或每次）少发的金额（元）", "应发减实发，如原工资5200、现在4000，填1200")
    count: int = Field(ge=1, le=240, title="月数（或次数）", description="少发了几个月（或几次）")
    unit: Literal["月", "次"] = Field("月", title="按月还是按次", description="月：每月少发；次：每次扣款")


def pay_shortfall(p: ShortfallParams) -> Calculation:
    """The sum she was shorted, per month (or per time) × how many: the employer owes it in full (劳动合同法第三十条)."""
    per, total = money(Decimal(str(p.per))), money(Decimal(str(p.per)) * p.count)
    each = "每月" if p.unit == "月" else "每次"
    count = f"{p.count}个月" if p.unit == "月" else f"{p.count}次"
    return Calculation(
        name="pay_shortfall", title="少发的工资", value=float(total), unit="元",
        text=f"{each}少发{yuan(per)}，{count}共{yuan(total)}，可以要求补发",
        steps=(f"{yuan(per)}×{count}＝{yuan(total)}。",
               "用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬（劳动合同法第三十条）。"),
        articles=(FULL_PAY,), inputs=inputs_of(p),
    )


def shortfall_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """The shortfall from her facts; when it is not plain, nothing is asked (the rule answers her question)."""
    if facts.shortfall_per is None or facts.shortfall_count is None:
        return Missing(("shortfall_per", "shortfall_count"), "")
    return {"per": facts.shortfall_per, "count": facts.shortfall_count, "unit": facts.shortfall_unit or "月"}

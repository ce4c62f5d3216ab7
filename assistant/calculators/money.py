"""Money owed to her: 经济补偿, 违法解除赔偿金, 未签书面合同的二倍工资, 加班费, 一次性伤残补助金."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from assistant.calculators.base import (
    Calculation,
    Flag,
    Missing,
    Params,
    add_months,
    china_today,
    cn_date,
    duration,
    inputs_of,
    money,
    money_field,
    num,
    present,
    yuan,
)

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

SEVERANCE = "劳动合同法#47"
WAGE_BASE = "劳动合同法实施条例#27"
BEFORE_2008 = "劳动合同法#97"
DAMAGES = "劳动合同法#87"
NO_DOUBLE_PAY = "劳动合同法实施条例#25"
REINSTATEMENT = "劳动合同法#48"
NOTICE = "劳动合同法#40"
NOTICE_WAGE = "劳动合同法实施条例#20"
DOUBLE_WAGE = ("劳动合同法#82", "劳动合同法实施条例#6", "劳动合同法实施条例#7")
DEEMED_OPEN_ENDED = "劳动合同法#14"
OVERTIME = "劳动法#44"
OVERTIME_LIMIT = "劳动法#41"
WAGE_DAYS = "关于职工全年月平均工作时间和工资折算问题的通知#2"
DISABILITY_ARTICLES = {1: "工伤保险条例#35", 5: "工伤保险条例#36", 7: "工伤保险条例#37"}
INJURY_WAGE = "工伤保险条例#64"
INJURY_UNINSURED = "工伤保险条例#62"
# 一次性伤残补助金, months of 本人工资 by grade (工伤保险条例第三十五至三十七条).
DISABILITY_MONTHS = {1: 27, 2: 25, 3: 23, 4: 21, 5: 18, 6: 16, 7: 13, 8: 11, 9: 9, 10: 7}
_CN_GRADE = "一二三四五六七八九十"
DAMAGE_DEDUCTION = "工资支付暂行规定#16"
# More than 18 years at one employer means years before 2008-01-01 for anyone asking from 2026 on.
_PRE_2008_MONTHS = 18 * 12
# Below this nobody's wage is above three times any city's average; above it, say the cap may apply.
_CAP_MAY_MATTER = 15000


class SeveranceParams(Params):
    """经济补偿 / 赔偿金: how long she worked here and her wage."""

    months_worked: int = Field(ge=0, le=720, title="本单位工作时间（月）",
                               description="在这家单位连续工作的月数，如5年7个月填67；不满一个月填0")
    monthly_wage: float = money_field("月工资（元）", "解除或终止前十二个月的平均应得工资（税前，含奖金、津贴和补贴）；不满十二个月按实际月数平均")
    local_average_wage: float | None = money_field(
        "当地上年度职工月平均工资（元）", "用人单位所在市公布的上年度职工月平均工资；填写后核对三倍封顶", required=False)
    local_minimum_wage: float | None = money_field(
        "当地月最低工资标准（元）", "月平均工资低于它时按最低工资标准计算", required=False)


@dataclass(frozen=True, slots=True)
class _Severance:
    months_of_wage: Decimal
    base: Decimal
    amount: Decimal
    steps: tuple[str, ...]
    notes: tuple[str, ...]
    capped: bool


def _severance(p: SeveranceParams) -> _Severance:
    years, rest = divmod(p.months_worked, 12)
    steps: list[str] = []
    notes: list[str] = []
    if p.months_worked < 6:
        n = Decimal("0.5")
        steps.append(f"在本单位工作{duration(p.months_worked)}，不满六个月，支付半个月工资。")
    elif p.months_worked < 12:
        n = Decimal(1)
        steps.append(f"在本单位工作{duration(p.months_worked)}，六个月以上不满一年，按一年计算，即1个月工资。")
    elif rest == 0:
        n = Decimal(years)
        steps.append(f"在本单位工作{years}年整，每满一年支付一个月工资，共{years}个月工资。")
    elif rest >= 6:
        n = Decimal(years + 1)
        steps.append(f"在本单位工作{duration(p.months_worked)}：满{years}年计{years}个月；"
                     f"剩下的{rest}个月在六个月以上不满一年，按一年计算，共{n}个月工资。")
    else:
        n = Decimal(years) + Decimal("0.5")
        steps.append(f"在本单位工作{duration(p.months_worked)}：满{years}年计{years}个月；"
                     f"剩下的{rest}个月不满六个月，支付半个月工资，共{num(n)}个月工资。")
    base = Decimal(str(p.monthly_wage))
    steps.append(f"月工资按解除或终止前十二个月的平均应得工资{yuan(base)}计算。")
    if p.local_minimum_wage is not None and base < Decimal(str(p.local_minimum_wage)):
        base = Decimal(str(p.local_minimum_wage))
        steps.append(f"平均工资低于当地最低工资标准，按最低工资标准{yuan(base)}计算。")
    capped = False
    if p.local_average_wage is not None:
        cap = Decimal(str(p.local_average_wage)) * 3
        if base > cap:
            capped = True
            base = cap
            steps.append(f"月工资高于当地上年度职工月平均工资的三倍（{yuan(cap)}），按三倍即{yuan(cap)}计算，"
                         "年限最高不超过十二年。")
            if n > 12:
                steps.append(f"工作年限折算的{num(n)}个月超过十二年，按12个月计算。")
                n = Decimal(12)
        else:
            steps.append(f"月工资未超过当地上年度职工月平均工资的三倍（{yuan(cap)}），不封顶。")
    elif base >= _CAP_MAY_MATTER:
        notes.append("月工资高于当地上年度职工月平均工资三倍的，按三倍计算且最多计十二年；请核对当地公布的平均工资。")
    amount = money(n * base)
    steps.append(f"经济补偿＝{num(n)}个月×{yuan(base)}＝{yuan(amount)}。")
    return _Severance(n, base, amount, tuple(steps), tuple(notes), capped)


def severance(p: SeveranceParams) -> Calculation:
    """经济补偿 under 劳动合同法第四十七条: the half-year rule, the wage base and the 3× / 12-year cap."""
    s = _severance(p)
    notes = list(s.notes)
    articles = [SEVERANCE, WAGE_BASE]
    if p.months_worked > _PRE_2008_MONTHS:
        notes.append("工作年限中2008年1月1日以前的部分，按当时的有关规定计算经济补偿（劳动合同法第九十七条第三款）。")
        articles.append(BEFORE_2008)
    notes.append("用人单位违法解除或终止劳动合同的，应支付经济补偿二倍的赔偿金。")
    return Calculation(
        name="severance", title="经济补偿", value=float(s.amount), unit="元",
        text=("月工资按当地平均工资的三倍封顶、年限最多十二年，" if s.capped else "")
        + f"经济补偿为{num(s.months_of_wage)}个月工资，共{yuan(s.amount)}",
        steps=s.steps, articles=tuple(articles), inputs=inputs_of(p), notes=tuple(notes),
    )


def notice_severance(p: SeveranceParams) -> Calculation:
    """N+1 under 劳动合同法第四十条、第四十七条 and 实施条例第二十条: 经济补偿 plus one month's wage instead of notice."""
    s = _severance(p)
    wage = Decimal(str(p.monthly_wage))
    total = money(s.amount + wage)
    steps = (*s.steps, f"没有提前三十日书面通知的，另付一个月工资（代通知金）{yuan(wage)}，按上一个月的工资标准确定"
                       f"（劳动合同法第四十条、实施条例第二十条）；合计{yuan(s.amount)}＋{yuan(wage)}＝{yuan(total)}。")
    notes = (*s.notes, "代通知金按您上一个月的工资标准确定；上个月工资和平均工资不同的，以上个月为准。",
             "提前三十日书面通知了的，只有经济补偿，没有代通知金。")
    return Calculation(
        name="notice_severance", title="经济补偿加代通知金（N+1）", value=float(total), unit="元",
        text=f"经济补偿{num(s.months_of_wage)}个月工资{yuan(s.amount)}，加代通知金一个月工资{yuan(wage)}，共{yuan(total)}",
        steps=steps, articles=(SEVERANCE, WAGE_BASE, NOTICE, NOTICE_WAGE), inputs=inputs_of(p), notes=notes,
    )


def illegal_dismissal(p: SeveranceParams) -> Calculation:
    """违法解除或终止的赔偿金 under 劳动合同法第八十七条: twice the 经济补偿 of 第四十七条."""
    s = _severance(p)
    amount = money(s.amount * 2)
    steps = (*s.steps, f"违法解除或终止的赔偿金为经济补偿的二倍：2×{yuan(s.amount)}＝{yuan(amount)}。")
    notes = (*s.notes,
             "赔偿金的年限自用工之日起计算；支付了赔偿金的，不再支付经济补偿（劳动合同法实施条例第二十五条）。",
             "不要赔偿金的，也可以要求继续履行劳动合同（劳动合同法第四十八条）。")
    return Calculation(
        name="illegal_dismissal", title="违法解除赔偿金", value=float(amount), unit="元",
        text=f"违法解除的赔偿金为经济补偿的二倍，即{num(s.months_of_wage * 2)}个月工资，共{yuan(amount)}",
        steps=steps, articles=(DAMAGES, SEVERANCE, WAGE_BASE, NO_DOUBLE_PAY, REINSTATEMENT),
        inputs=inputs_of(p), notes=notes,
    )


def severance_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Severance parameters from her facts, or the one question to ask."""
    lacking = [f for f in ("months_worked", "monthly_wage") if getattr(facts, f) is None]
    if lacking == ["months_worked", "monthly_wage"]:
        return Missing(tuple(lacking), "您在这家单位工作了多久？月工资大约多少？")
    if lacking == ["months_worked"]:
        return Missing(("months_worked",), "您在这家单位工作了多久（几年几个月）？")
    assert facts.months_worked is not None
    years, rest = divmod(facts.months_worked, 12)
    if lacking:
        n = _months_of_pay(facts)
        known = f"工作{duration(facts.months_worked)}，经济补偿是{num(n)}个月工资" if n else ""
        return Missing(("monthly_wage",), "您离职前十二个月的月工资平均大约多少（税前）？", known)
    if facts.months_worked_approx and rest < 6:  # 两年多: under or over the half year changes the answer
        return Missing(("months_worked",), f"您具体在这家单位工作了{years}年零几个月？" if years else "您具体工作了几个月？")
    return present(facts, {"months_worked": "months_worked", "monthly_wage": "monthly_wage",
                           "local_average_wage": "local_average_wage", "local_minimum_wage": "minimum_wage"})


def _months_of_pay(facts: Facts) -> float | None:
    """第四十七条's months of pay from her time alone (no wage needed), when her time is exact enough."""
    if facts.months_worked is None:
        return None
    years, rest = divmod(facts.months_worked, 12)
    if facts.months_worked_approx and rest < 6:
        return None
    # Years past twelve only count for high earners, which needs her wage: say nothing then.
    return None if years >= 12 else years + (1 if rest >= 6 else 0.5 if rest else 0) or None


def illegal_dismissal_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Parameters for the damages (二倍经济补偿): those of severance; without her wage, the months doubled."""
    result = severance_from_facts(facts)
    if isinstance(result, Missing) and result.known and (n := _months_of_pay(facts)):
        known = f"工作{duration(facts.months_worked or 0)}，违法解除的赔偿金是{num(n * 2)}个月工资（经济补偿的二倍）"
        return Missing(result.missing, result.question, known)
    return result


class DoubleWageParams(Params):
    """未签书面劳动合同的二倍工资: when she started, when (if ever) a contract was signed, her wage."""

    monthly_wage: float = money_field("月工资（元）", "正常出勤的月工资（税前）")
    months_without_contract: int | None = Field(
        None, ge=0, le=600, title="未签合同的月数",
        description="从开始上班到补签书面合同（或到今天仍未签）经过的整月数；已知日期时改填 start_date")
    start_date: date | None = Field(None, title="用工之日", description="开始上班的日期，如 2025-03-01")
    signed_date: date | None = Field(None, title="补签合同日期", description="补签书面劳动合同的日期；至今未签不填")
    today: date = Field(default_factory=china_today, title="计算日期", description="至今未签时算到这一天，默认今天")

    @model_validator(mode="after")
    def _one_way(self) -> DoubleWageParams:
        if self.start_date is None and self.months_without_contract is None:
            raise ValueError("请填写 start_date（用工之日）或 months_without_contract（未签合同的月数）")
        if self.signed_date is not None and self.start_date is None:
            raise ValueError("填写 signed_date（补签合同日期）时请同时填写 start_date（用工之日）")
        if self.start_date is not None:
            end = self.signed_date or self.today
            if end < self.start_date:
                raise ValueError("补签合同日期或计算日期不能早于用工之日")
        return self


def double_wage(p: DoubleWageParams) -> Calculation:
    """二倍工资 under 劳动合同法第八十二条 and 实施条例第六、七条: at most 11 months of extra wage."""
    wage = Decimal(str(p.monthly_wage))
    steps: list[str] = []
    notes: list[str] = []
    articles = list(DOUBLE_WAGE)
    if p.start_date is not None:
        first = add_months(p.start_date, 1)
        one_year = add_months(p.start_date, 12)
        stop = min(p.signed_date or p.today, one_year)  # exclusive: the day of signing, or the first anniversary
        months, days = 0, 0
        if stop > first:
            while add_months(first, months + 1) <= stop:
                months += 1
            days = (stop - add_months(first, months)).days
            steps.append(f"用工之日为{cn_date(p.start_date)}，二倍工资从满一个月的次日{cn_date(first)}起算，"
                         f"算到{cn_date(stop - timedelta(days=1))}，共{months}个月{f'{days}天' if days else ''}。")
        else:
            steps.append(f"用工之日为{cn_date(p.start_date)}，自用工之日起一个月内订立书面合同的，不支付二倍工资。")
        if days:
            notes.append(f"另有{days}天不满一个月，可按日工资（月工资÷21.75天）折算主张。")
        deemed = (p.signed_date is None or p.signed_date >= one_year) and p.today >= one_year
    else:
        m = p.months_without_contract or 0
        months = min(max(m - 1, 0), 11)
        if months:
            steps.append(f"上班{duration(m)}仍未签书面合同：第一个月是订立书面合同的期限，"
                         f"其后每月多付一倍工资，最多11个月，计{months}个月。")
        else:
            steps.append(f"上班{duration(m)}，还在用工之日起一个月的订立书面合同期限内，不支付二倍工资。")
        deemed = m >= 12
    amount = money(wage * months)
    steps.append(f"二倍工资差额＝{months}个月×{yuan(wage)}＝{yuan(amount)}（正常工资之外另付的一倍）。")
    if deemed:
        notes.append("自用工之日起满一年仍未订立书面合同的，视为已订立无固定期限劳动合同（劳动合同法第十四条第三款），"
                     "满一年后不再按二倍工资计算。")
        articles.append(DEEMED_OPEN_ENDED)
    return Calculation(
        name="double_wage", title="未签书面合同的二倍工资", value=float(amount), unit="元",
        text=f"未签书面劳动合同的二倍工资差额为{months}个月工资，共{yuan(amount)}"
        + ("；满一年仍未签的，视为已订立无固定期限劳动合同，此后不再按二倍计算" if deemed else ""),
        steps=tuple(steps), articles=tuple(articles), inputs=inputs_of(p), notes=tuple(notes),
    )


def double_wage_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Double-wage parameters from her facts, or the one question to ask."""
    if facts.monthly_wage is None and facts.months_worked is None:
        return Missing(("months_worked", "monthly_wage"), "您上班多久了一直没签书面合同？月工资大约多少？")
    if facts.months_worked is None:
        return Missing(("months_worked",), "您从开始上班到现在（或到补签合同时）有几个月没签书面合同？")
    if facts.monthly_wage is None:
        return Missing(("monthly_wage",), "您的月工资大约多少（税前）？")
    if facts.months_worked_approx and facts.months_worked < 12:
        return Missing(("months_worked",), "您具体上班几个月了还没签合同？")
    return {"monthly_wage": facts.monthly_wage, "months_without_contract": facts.months_worked}


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

    @model_validator(mode="after")
    def _some_hours(self) -> OvertimeParams:
        if self.workday_hours + self.rest_day_hours + self.holiday_hours <= 0:
            raise ValueError("请至少填写一项加班时间：workday_hours、rest_day_hours 或 holiday_hours")
        return self


def overtime_pay(p: OvertimeParams) -> Calculation:
    """加班费 under 劳动法第四十四条: 150% / 200% / 300% of wage ÷ 21.75 days ÷ 8 hours."""
    wage = Decimal(str(p.monthly_wage))
    hourly = wage / Decimal("21.75") / 8
    steps = [f"小时工资＝月工资{yuan(wage)}÷21.75天÷8小时≈{yuan(hourly)}。"]
    notes: list[str] = []
    articles = [OVERTIME, WAGE_DAYS]
    total = Decimal(0)
    kinds = (
        (p.workday_hours, "工作日延长工作时间", Decimal("1.5"), "150%"),
        (p.rest_day_hours, "休息日加班", Decimal(2), "200%"),
        (p.holiday_hours, "法定休假日加班", Decimal(3), "300%"),
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
    notes.append("以上是法律规定的最低标准（不低于），劳动合同或集体合同约定更高的按约定。")
    if p.workday_hours > 36:
        notes.append("延长工作时间每月不得超过三十六小时（劳动法第四十一条）；如果这是一个月的加班，已超过上限。")
        articles.append(OVERTIME_LIMIT)
    if p.holiday_hours > 0:
        notes.append("法定休假日加班按300%支付，第四十四条没有规定可以用补休代替。")
    return Calculation(
        name="overtime_pay", title="加班费", value=float(total), unit="元",
        text=f"加班费至少为{yuan(total)}"
        + ("；延长工作时间每月不得超过36小时，如果这是一个月的加班，已超过上限" if p.workday_hours > 36 else ""),
        steps=tuple(steps), articles=tuple(articles), inputs=inputs_of(p), notes=tuple(notes),
    )


def overtime_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Overtime parameters from her facts, or the one question to ask."""
    workday = facts.overtime_workday_hours
    if workday is None and facts.overtime_daily_hours is not None and facts.overtime_workdays is not None:
        workday = facts.overtime_daily_hours * facts.overtime_workdays
    rest = None if facts.overtime_rest_days is None else facts.overtime_rest_days * 8
    holiday = None if facts.overtime_holiday_days is None else facts.overtime_holiday_days * 8
    if facts.monthly_wage is None:
        return Missing(("monthly_wage",), "您的月工资大约多少（税前）？")
    if workday is None and facts.overtime_daily_hours is not None and rest is None and holiday is None:
        return Missing(("overtime_workdays",), "这样加班的工作日一共有多少天？")
    if workday is None and rest is None and holiday is None:
        return Missing(("overtime_workday_hours",), "您平时、周末和法定节假日分别加班了多少小时（或多少天）？")
    out: dict[str, object] = {"monthly_wage": facts.monthly_wage}
    for key, value in (("workday_hours", workday), ("rest_day_hours", rest), ("holiday_hours", holiday)):
        if value is not None:
            out[key] = value
    return out


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


class DismissedWithoutContractParams(Params):
    """二倍工资 and 赔偿金 together: dismissed without a legal reason after working without a written contract."""

    months_worked: int = Field(ge=0, le=720, title="本单位工作时间（月）",
                               description="从开始上班到被辞退的整月数，期间一直没签书面劳动合同")
    monthly_wage: float = money_field("月工资（元）", "正常出勤的月工资（税前）")
    local_average_wage: float | None = money_field(
        "当地上年度职工月平均工资（元）", "填写后核对赔偿金的三倍封顶", required=False)


def double_wage_and_damages(p: DismissedWithoutContractParams) -> Calculation:
    """未签书面合同的二倍工资 (第八十二条) plus 违法解除赔偿金 (第八十七条): two claims, both owed."""
    dw = double_wage(DoubleWageParams(monthly_wage=p.monthly_wage, months_without_contract=p.months_worked))
    dd = illegal_dismissal(SeveranceParams(months_worked=p.months_worked, monthly_wage=p.monthly_wage,
                                           local_average_wage=p.local_average_wage))
    total = money(Decimal(str(dw.value)) + Decimal(str(dd.value)))
    steps = (*dw.steps, *dd.steps, f"两项合计{yuan(dw.value)}＋{yuan(dd.value)}＝{yuan(total)}。")
    articles = tuple(dict.fromkeys((*dw.articles, *dd.articles)))
    return Calculation(
        name="double_wage_and_damages", title="二倍工资和违法解除赔偿金", value=float(total), unit="元",
        text=f"{dw.text}；{dd.text}；两项合计{yuan(total)}",
        steps=steps, articles=articles, inputs=inputs_of(p), notes=(*dw.notes, *dd.notes),
    )


def double_wage_and_damages_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Both claims' parameters from her facts, or the one question to ask."""
    if facts.months_worked is None and facts.monthly_wage is None:
        return Missing(("months_worked", "monthly_wage"), "您上班多久了（一直没签合同）？月工资大约多少？")
    if facts.months_worked is None:
        return Missing(("months_worked",), "您从开始上班到被辞退有几个月（一直没签合同）？")
    if facts.monthly_wage is None:
        return Missing(("monthly_wage",), "您的月工资大约多少（税前）？")
    if facts.months_worked_approx and facts.months_worked < 12:
        return Missing(("months_worked",), "您具体上班几个月了？")
    return {"months_worked": facts.months_worked, "monthly_wage": facts.monthly_wage} | present(
        facts, {"local_average_wage": "local_average_wage"})
class DamageDeductionParams(Params):
    """赔偿扣款: her month's wage and, optionally, the local minimum wage and what the employer wants to take."""

    monthly_wage: float = money_field("当月工资（元）", "被扣款那个月的工资")
    local_minimum_wage: float | None = money_field("当地月最低工资标准（元）", "扣除后剩余工资不得低于它",
                                                   required=False)


def damage_deduction(p: DamageDeductionParams) -> Calculation:
    """工资支付暂行规定第十六条: at most 20% of the month's wage, and what is left not below the minimum wage."""
    wage = Decimal(str(p.monthly_wage))
    cap = money(wage * Decimal("0.2"))
    steps = [f"每月扣除不得超过当月工资的20%：{yuan(wage)}×20%＝{yuan(cap)}。"]
    if p.local_minimum_wage is not None and wage - cap < Decimal(str(p.local_minimum_wage)):
        cap = max(Decimal(0), money(wage - Decimal(str(p.local_minimum_wage))))
        steps.append(f"扣除后剩余工资不得低于当地月最低工资标准{yuan(p.local_minimum_wage)}，所以每月最多扣{yuan(cap)}。")
    return Calculation(
        name="damage_deduction", title="赔偿损失每月最多扣多少", value=float(cap), unit="元",
        text=f"每月最多从工资里扣{yuan(cap)}（当月工资{yuan(wage)}的20%）",
        steps=tuple(steps), articles=(DAMAGE_DEDUCTION,), inputs=inputs_of(p),
        notes=("扣除后剩余工资低于当地月最低工资标准的，要按最低工资标准支付。",),
    )


def damage_deduction_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Her month's wage, or the question to ask."""
    if facts.monthly_wage is None:
        return Missing(("monthly_wage",), "您一个月工资多少？")
    return {"monthly_wage": facts.monthly_wage} | present(facts, {"local_minimum_wage": "minimum_wage"})

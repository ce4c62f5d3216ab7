"""Money owed when a contract ends or was never signed: 经济补偿, 违法解除赔偿金, 二倍工资."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from assistant.calculators.base import (
    Calculation,
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


class NoticeSeveranceParams(SeveranceParams):
    """N+1: her twelve-month average for N, and last month's wage for the +1 when it differs."""

    last_month_wage: float | None = money_field("上一个月工资（元）", "代通知金按上一个月的工资标准；不填按月工资", required=False)


def notice_severance(p: NoticeSeveranceParams) -> Calculation:
    """N+1 under 劳动合同法第四十条、第四十七条 and 实施条例第二十条: 经济补偿 plus one month's wage instead of notice."""
    s = _severance(p)
    wage = Decimal(str(p.last_month_wage if p.last_month_wage is not None else p.monthly_wage))
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
        text=f"违法解除的赔偿金为经济补偿（{num(s.months_of_wage)}个月工资{yuan(s.amount)}）的二倍，"
             f"即{num(s.months_of_wage * 2)}个月工资，共{yuan(amount)}",
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
    start, signed = facts.date_for("start"), facts.date_for("contract")
    if start is not None and start.precision == "day" and facts.monthly_wage is not None:
        # Her dates decide the months (入职 2025-11-10, 补签 2026-05-10 → five), not the time she has worked since.
        out: dict[str, object] = {"monthly_wage": facts.monthly_wage, "start_date": start.value}
        today = china_today()
        if signed is not None and start.value < signed.value <= today:
            out["signed_date"] = signed.value
        # The unsigned time ends when she left (干到10月31号: that day still counts), or on the day she writes from.
        end, now = facts.date_for("end"), facts.date_for("now")
        if end is not None and start.value < end.value <= today:
            out["today"] = end.value + timedelta(days=1) if end.precision == "day" else end.value
        elif now is not None and start.value < now.value <= today:
            out["today"] = now.value
        return out
    asked = _months_and_wage(facts, "您上班多久了一直没签书面合同？月工资大约多少？",
                             "您从开始上班到现在（或到补签合同时）有几个月没签书面合同？", "您具体上班几个月了还没签合同？")
    if isinstance(asked, Missing):
        return asked
    return {"monthly_wage": asked[1], "months_without_contract": asked[0]}


def _months_and_wage(facts: Facts, both: str, months: str, exact: str) -> tuple[int, float] | Missing:
    """Her unsigned months and wage, or the question for what is missing (each calculator words its own)."""
    if facts.months_worked is None and facts.monthly_wage is None:
        return Missing(("months_worked", "monthly_wage"), both)
    if facts.months_worked is None:
        return Missing(("months_worked",), months)
    if facts.monthly_wage is None:
        # A year or more unsigned: the months are settled (11), only the wage is not.
        known = "二倍工资最多算11个月（满一个月的次日起到满一年的前一日）" if facts.months_worked >= 12 else ""
        return Missing(("monthly_wage",), "您的月工资大约多少（税前）？", known)
    # "一年多" is enough for 11 months; under a year every month changes the amount.
    if facts.months_worked_approx and facts.months_worked < 12:
        return Missing(("months_worked",), exact)
    return facts.months_worked, facts.monthly_wage


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
    asked = _months_and_wage(facts, "您上班多久了（一直没签合同）？月工资大约多少？",
                             "您从开始上班到被辞退有几个月（一直没签合同）？", "您具体上班几个月了？")
    if isinstance(asked, Missing):
        return asked
    return {"months_worked": asked[0], "monthly_wage": asked[1]} | present(
        facts, {"local_average_wage": "local_average_wage"})


def notice_severance_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """N+1 parameters: the severance ones, and last month's wage when she gave it."""
    out = severance_from_facts(facts)
    if isinstance(out, Missing) or facts.last_month_wage is None:
        return out
    return {**out, "last_month_wage": facts.last_month_wage}

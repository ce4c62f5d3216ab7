"""Periods and dates: 试用期, 仲裁时效, 法定退休年龄 and 弹性提前退休 (2025 办法)."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from assistant.calculators.base import (
    Calculation,
    Flag,
    Missing,
    Params,
    add_months,
    at_least,
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

PROBATION = ("劳动合同法#19", "劳动合同法#20")
PROBATION_PAY = "劳动合同法实施条例#15"
PROBATION_DAMAGES = "劳动合同法#83"
ARBITRATION = "劳动争议调解仲裁法#27"
PERIODS = ("民法典#201", "民法典#202")
HOLIDAY_END = "民法典#203"
# The 办法 approved by the 2024 decision, parsed as its own law from the decision's file; tests check the ids.
RETIREMENT_LAW = "国务院关于渐进式延迟法定退休年龄的办法"
RETIREMENT = f"{RETIREMENT_LAW}#1"
FLEXIBLE_RETIREMENT = f"{RETIREMENT_LAW}#3"


class ProbationParams(Params):
    """试用期: the contract's term and, optionally, the wages to check the probation pay."""

    contract_term_months: int | None = Field(None, ge=0, le=600, title="劳动合同期限（月）",
                                             description="固定期限劳动合同的期限，如三年填36；无固定期限或以完成任务为期限的不填")
    open_ended: Flag = Field(False, title="无固定期限合同", description="签的是无固定期限劳动合同")
    task_based: Flag = Field(False, title="以完成一定工作任务为期限", description="合同以完成一定工作任务为期限")
    agreed_probation_months: float | None = Field(None, ge=0, le=60, title="约定的试用期（月）",
                                                  description="合同写的试用期，用来核对是否超过法定上限")
    agreed_wage: float | None = money_field("约定工资（元）", "劳动合同约定的月工资", required=False)
    regular_wage: float | None = money_field("试用期满月工资（元）", "转正后的月工资，违法试用期赔偿金的标准", required=False)
    months_served: int | None = Field(None, ge=0, le=600, title="已经工作的月数",
                                      description="已经在这家单位干了几个月，用来算超过法定上限、已经履行的试用期")
    lowest_wage_same_job: float | None = money_field("本单位相同岗位最低档工资（元）", "本单位同一岗位工资的最低一档", required=False)
    local_minimum_wage: float | None = money_field("当地月最低工资标准（元）", "用人单位所在地的月最低工资标准", required=False)

    @model_validator(mode="after")
    def _one_term(self) -> ProbationParams:
        given = (self.contract_term_months is not None) + self.open_ended + self.task_based
        if given != 1:
            raise ValueError("请只填写一种合同期限：contract_term_months（固定期限月数）、open_ended（无固定期限）"
                             "或 task_based（以完成一定工作任务为期限）")
        return self


def probation(p: ProbationParams) -> Calculation:
    """试用期 under 劳动合同法第十九、二十条: the longest allowed by the term and the lowest pay."""
    articles = list(PROBATION)
    notes: list[str] = []
    term = p.contract_term_months
    if p.task_based:
        longest, why = 0, "以完成一定工作任务为期限的劳动合同，不得约定试用期"
    elif p.open_ended:
        longest, why = 6, "无固定期限劳动合同，试用期不得超过六个月"
    else:
        assert term is not None
        kind = f"劳动合同期限{duration(term)}"
        if term < 3:
            longest, why = 0, f"{kind}，不满三个月，不得约定试用期"
        elif term < 12:
            longest, why = 1, f"{kind}，三个月以上不满一年，试用期不得超过一个月"
        elif term < 36:
            longest, why = 2, f"{kind}，一年以上不满三年，试用期不得超过二个月"
        else:
            longest, why = 6, f"{kind}，三年以上固定期限，试用期不得超过六个月"
    steps = [why + "。"]
    text = "不得约定试用期" if longest == 0 else f"试用期最长{longest}个月"
    if p.agreed_probation_months is not None and p.agreed_probation_months > longest:
        over = Decimal(str(p.agreed_probation_months)) - longest
        steps.append(f"合同约定试用期{num(p.agreed_probation_months)}个月，超过法定上限{num(over)}个月，超过的部分违法。")
        notes.append("违法约定的试用期已经履行的，用人单位应以试用期满月工资为标准，按超过法定试用期的期间支付赔偿金（劳动合同法第八十三条）。")
        articles.append(PROBATION_DAMAGES)
        text += f"，约定的{num(p.agreed_probation_months)}个月超过上限"
        base = p.regular_wage if p.regular_wage is not None else p.agreed_wage
        if base is not None:
            served = over if p.months_served is None else max(
                Decimal(0), min(Decimal(p.months_served), Decimal(str(p.agreed_probation_months))) - longest)
            damages = money(served * Decimal(str(base)))
            when = "如果全部履行" if p.months_served is None else "已经履行"
            steps.append(f"赔偿金＝超过上限、{when}的{num(served)}个月×试用期满月工资{yuan(base)}＝{yuan(damages)}"
                         "（劳动合同法第八十三条）。")
            text += (f"，超过的{num(served)}个月{when}，单位应付赔偿金{yuan(damages)}" if served > 0
                     else "，超过上限的部分还没有履行")
    if longest and (p.agreed_wage is not None or p.lowest_wage_same_job is not None):
        articles.append(PROBATION_PAY)
        floors: list[tuple[Decimal, str]] = []
        if p.agreed_wage is not None:
            floors.append((money(Decimal(str(p.agreed_wage)) * Decimal("0.8")), f"约定工资{yuan(p.agreed_wage)}的80%"))
        if p.lowest_wage_same_job is not None:
            floors.append((money(Decimal(str(p.lowest_wage_same_job)) * Decimal("0.8")),
                           f"本单位相同岗位最低档工资{yuan(p.lowest_wage_same_job)}的80%"))
        steps.append("试用期工资不得低于" + "，或".join(f"{label}（{yuan(v)}）" for v, label in floors) + "。")
        floor, label = floors[0]
        if p.local_minimum_wage is not None and Decimal(str(p.local_minimum_wage)) > floor:
            floor, label = Decimal(str(p.local_minimum_wage)), "当地最低工资标准"
            steps.append(f"80%低于当地最低工资标准{yuan(floor)}，试用期工资不得低于最低工资标准。")
        elif p.local_minimum_wage is not None:
            steps.append(f"也不得低于当地最低工资标准{yuan(p.local_minimum_wage)}，这一项已满足。")
        text += f"；试用期工资不得低于{yuan(floor)}（{label}）"
    elif longest:
        notes.append("试用期工资不得低于本单位相同岗位最低档工资或者约定工资的80%，并不得低于当地最低工资标准。")
    if longest:
        notes.append("同一用人单位与同一劳动者只能约定一次试用期；劳动合同仅约定试用期的，试用期不成立，该期限为劳动合同期限。")
    return Calculation(
        name="probation", title="试用期", value=float(longest), unit="个月", text=text,
        steps=tuple(steps), articles=tuple(articles), inputs=inputs_of(p), notes=tuple(notes),
    )


def probation_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Probation parameters from her facts, or the one question to ask."""
    out: dict[str, object] = {}
    if facts.open_ended_contract:
        out["open_ended"] = True
    elif facts.contract_term_months is not None:
        out["contract_term_months"] = facts.contract_term_months
    else:
        return Missing(("contract_term_months",), "您签的劳动合同期限是多久？")
    if facts.regular_wage is not None:
        out["agreed_wage"] = out["regular_wage"] = facts.regular_wage
    elif facts.monthly_wage is not None:
        out["agreed_wage"] = facts.monthly_wage
    return out | present(facts, {"agreed_probation_months": "probation_months", "months_served": "months_worked",
                                 "local_minimum_wage": "minimum_wage"})


class ProbationPayParams(Params):
    """试用期工资的下限: the agreed wage (or the same post's lowest wage) and the local minimum wage."""

    agreed_wage: float = money_field("约定工资（元）", "劳动合同约定的月工资（转正工资）")
    local_minimum_wage: float | None = money_field("当地月最低工资标准（元）", "用人单位所在地的月最低工资标准",
                                                   required=False)


def probation_pay(p: ProbationPayParams) -> Calculation:
    """试用期工资 under 劳动合同法第二十条 and 实施条例第十五条: 80% of the agreed wage, never below the minimum wage."""
    floor = money(Decimal(str(p.agreed_wage)) * Decimal("0.8"))
    label = f"约定工资{yuan(p.agreed_wage)}的80%"
    steps = [f"试用期工资不得低于{label}，即{yuan(floor)}（劳动合同法第二十条、实施条例第十五条）。"]
    floor, lifted = at_least(floor, p.local_minimum_wage)
    if lifted:
        label = "当地最低工资标准"
        steps.append(f"80%低于当地最低工资标准{yuan(floor)}，试用期工资不得低于最低工资标准。")
    return Calculation(
        name="probation_pay", title="试用期工资下限", value=float(floor), unit="元",
        text=f"试用期工资每月不得低于{yuan(floor)}（{label}），低于的部分可以要求补足",
        steps=tuple(steps), articles=(PROBATION[1], PROBATION_PAY), inputs=inputs_of(p),
        notes=("还要不低于本单位相同岗位最低档工资的80%和当地最低工资标准。",),
    )


def probation_pay_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """The agreed wage (转正工资 first) from her facts, or the question to ask."""
    wage = facts.regular_wage if facts.regular_wage is not None else facts.monthly_wage
    if wage is None:
        return Missing(("agreed_wage",), "劳动合同约定的（转正后的）月工资是多少？")
    return {"agreed_wage": wage} | present(facts, {"local_minimum_wage": "minimum_wage"})


class ArbitrationParams(Params):
    """仲裁时效: the day she knew of the wrong, or for unpaid wages whether and when the job ended."""

    known_date: date | None = Field(None, title="知道权利被侵害之日",
                                    description="知道或者应当知道权利被侵害的日期，如被辞退、被降薪的那天")
    wage_arrears: Flag = Field(False, title="拖欠劳动报酬", description="争议是拖欠工资等劳动报酬")
    employment_ended: Flag = Field(False, title="劳动关系已终止", description="已离职、被辞退或合同已终止")
    employment_end_date: date | None = Field(None, title="劳动关系终止日期", description="离职、被辞退或合同终止的日期")
    planned_end_date: date | None = Field(None, title="打算离职的日期", description="还在职、打算哪天离职（可以是以后的日期）")
    today: date = Field(default_factory=china_today, title="今天的日期", description="默认今天")

    @model_validator(mode="after")
    def _dates(self) -> ArbitrationParams:
        ended = self.employment_ended or self.employment_end_date is not None
        if self.wage_arrears and ended and self.employment_end_date is None:
            raise ValueError("拖欠劳动报酬且劳动关系已终止的，请填写 employment_end_date（劳动关系终止日期）")
        if not self.wage_arrears and self.known_date is None:
            raise ValueError("请填写 known_date（知道或者应当知道权利被侵害的日期）")
        for d in (self.known_date, self.employment_end_date):
            if d is not None and d > self.today:
                raise ValueError(f"日期 {d.isoformat()} 晚于今天（{self.today.isoformat()}）")
        return self


_WEEKDAYS = "一二三四五六日"


def arbitration_deadline(p: ArbitrationParams) -> Calculation:
    """仲裁时效 under 劳动争议调解仲裁法第二十七条: one year, and for wage arrears from the end of employment."""
    articles = [ARBITRATION]
    notes: list[str] = []
    if p.wage_arrears and p.employment_end_date is None:
        days = (add_months(p.today, 12) - p.today).days
        text = "您还在职，追讨拖欠的工资不受一年仲裁时效的限制，现在就可以申请；离职后应在劳动关系终止之日起一年内申请"
        if p.planned_end_date is not None and p.planned_end_date > p.today:
            last = add_months(p.planned_end_date, 12)
            text += f"：{cn_date(p.planned_end_date)}离职的，最晚在{cn_date(last)}前申请"
        return Calculation(
            name="arbitration_deadline", title="仲裁时效", value=float(days), unit="天",
            text=text,
            steps=("劳动关系存续期间因拖欠劳动报酬发生争议的，申请仲裁不受一年时效期间的限制（第二十七条第四款）。",
                   "劳动关系终止的，应当自终止之日起一年内提出。"),
            articles=tuple(articles), inputs=inputs_of(p),
            notes=("离职时请记下劳动关系终止的日期，并在一年内申请仲裁。",),
        )
    articles.extend(PERIODS)
    if p.wage_arrears:
        assert p.employment_end_date is not None
        start = p.employment_end_date
        steps = [f"拖欠劳动报酬的争议，劳动关系终止的，应当自终止之日（{cn_date(start)}）起一年内提出（第二十七条第四款）。"]
    else:
        assert p.known_date is not None
        start = p.known_date
        steps = [f"仲裁时效为一年，从知道或者应当知道权利被侵害之日（{cn_date(start)}）起计算（第二十七条第一款）。"]
    deadline = add_months(start, 12)
    steps.append(f"开始的当日不计入，到期月的对应日为最后一日：截止日为{cn_date(deadline)}。")
    left = (deadline - p.today).days
    if left > 0:
        text = f"仲裁时效截止日为{cn_date(deadline)}，距今天还有{left}天"
    elif left == 0:
        text = f"仲裁时效截止日为{cn_date(deadline)}，就是今天"
    else:
        text = f"仲裁时效已于{cn_date(deadline)}届满（已过{-left}天）"
        notes.append("向单位主张权利、向有关部门请求权利救济，或者单位同意履行义务的，时效中断，从中断时起重新计算"
                     "（第二十七条第二款）；因不可抗力或者其他正当理由不能申请的，时效中止（第三款）。有这些情形的，时效可能还没有届满。")
    if left >= 0 and deadline.weekday() >= 5:
        notes.append(f"截止日是星期{_WEEKDAYS[deadline.weekday()]}；期间的最后一日是法定休假日的，以休假日结束的次日为最后一日"
                     "（民法典第二百零三条），稳妥起见请在截止日前申请。")
        articles.append(HOLIDAY_END)
    return Calculation(
        name="arbitration_deadline", title="仲裁时效", value=float(left), unit="天", text=text,
        steps=tuple(steps), articles=tuple(articles), inputs=inputs_of(p), notes=tuple(notes),
    )


def arbitration_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Arbitration-deadline parameters from her facts, or the one question to ask."""
    out: dict[str, object] = {}
    ended = next((d for d in facts.dates if d.role == "end"), None)
    unlabelled = [d for d in facts.dates if d.role is None]
    when = ended or (unlabelled[0] if len(unlabelled) == 1 else None)
    if when is not None and when.precision == "year":
        return Missing(("dates",), f"{when.text}具体是几月几号？")
    if facts.claim_interrupted:
        # Her own words say the clock restarted; a deadline counted from the first date would be wrong.
        return Missing(("dates",), "您最后一次向单位催要、或者单位答应付款，是哪一天？",
                       "您向单位主张权利、向有关部门求助，或者单位同意履行的，一年时效中断，从中断时起重新计算"
                       "（《劳动争议调解仲裁法》第二十七条第二款），所以不能从最初的日期算，很可能还来得及")
    if facts.wage_arrears:
        out["wage_arrears"] = True
        ahead = next((d for d in facts.dates if d.role == "end" and d.value > china_today()), None)
        if ahead is not None and not facts.employment_ended:
            out["planned_end_date"] = ahead.value  # 明年3月31号离职: the one year runs from then
            return out
        if facts.employment_ended:
            if when is None:
                return Missing(("dates",), "您是哪天离职（劳动关系终止）的？")
            out["employment_ended"] = True
            out["employment_end_date"] = when.value
        return out
    if when is None:
        return Missing(("dates",), "这件事（如被辞退、被降薪）发生在哪一天？")
    out["known_date"] = when.value
    return out


_CATEGORY_ALIASES = {"男": "male60", "男职工": "male60", "60": "male60", "女55": "female55", "55": "female55",
                     "女干部": "female55", "女50": "female50", "50": "female50", "女工人": "female50"}


def _category(value: object) -> object:
    if isinstance(value, str):
        return _CATEGORY_ALIASES.get(value.strip(), value.strip())
    return value


Category = Annotated[Literal["male60", "female55", "female50"], BeforeValidator(_category)]
# category -> (original age, months of birth per month of delay, most months of delay, who, 五十/五十五/六十)
_ORIGINAL = {"male60": (60, 4, 36, "男职工", "六十"), "female55": (55, 4, 36, "女职工", "五十五"),
             "female50": (50, 2, 60, "女职工", "五十")}
_REFORM_START = 2025 * 12  # 2025-01 as a month index (year * 12 + month - 1)


class RetirementParams(Params):
    """法定退休年龄: birth year and month and the original retirement-age group."""

    birth_year: int = Field(ge=1940, le=2015, title="出生年份", description="如 1977")
    birth_month: int = Field(ge=1, le=12, title="出生月份", description="1 至 12")
    category: Category = Field(title="原法定退休年龄类别",
                               description="male60：男职工（原60岁）；female55：原55岁退休的女职工；female50：原50岁退休的女职工")


def age_text(months: int) -> str:
    """An age in months as 55岁4个月."""
    years, rest = divmod(months, 12)
    return f"{years}岁{rest}个月" if rest else f"{years}岁"


def month_text(index: int) -> str:
    """A month index (year * 12 + month - 1) as 2026年6月."""
    year, m = divmod(index, 12)
    return f"{year}年{m + 1}月"


def retirement_schedule(p: RetirementParams) -> tuple[int, int, int, list[str]]:
    """(birth, original retirement, new age, as month indexes and months of age) and the steps that lead there."""
    original, per, cap, who, cn = _ORIGINAL[p.category]
    birth = p.birth_year * 12 + p.birth_month - 1
    original_at = birth + original * 12
    steps = [f"{who}原法定退休年龄为{original}周岁，按原规定在{month_text(original_at)}退休。"]
    group = "男职工" if p.category == "male60" else f"原法定退休年龄为{cn}周岁的女职工"
    if original_at < _REFORM_START:
        delay = 0
        steps.append("原退休时间早于2025年1月，不延迟。")
    else:
        n = original_at - _REFORM_START + 1
        delay = min(math.ceil(n / per), cap)
        steps.append(f"从2025年1月起，{group}的法定退休年龄每{'四' if per == 4 else '二'}个月延迟一个月："
                     f"2025年1月至{month_text(original_at)}共{n}个月，按此计算延迟{math.ceil(n / per)}个月。")
        if delay < math.ceil(n / per):
            steps.append(f"但最多延迟到{original + cap // 12}周岁，按延迟{cap}个月计算。")
    age = original * 12 + delay
    steps.append(f"法定退休年龄为{age_text(age)}，在{month_text(birth + age)}达到。")
    return birth, original_at, age, steps


def retirement_age(p: RetirementParams) -> Calculation:
    """法定退休年龄 under the 2025 办法 第一条: one month later per 4 (or 2) months, capped at 63 / 58 / 55."""
    birth, _, age, steps = retirement_schedule(p)
    notes = ["国家另有规定的（如特殊工种、高海拔地区等提前退休），从其规定。",
             "达到最低缴费年限的，可以自愿弹性提前退休，最多提前三年且不早于原法定退休年龄；"
             "达到法定退休年龄后，单位与本人协商一致可以弹性延迟，最长三年（办法第三条）。"]
    if p.category != "male60":
        notes.append("原法定退休年龄是50岁还是55岁，依您的岗位身份（一般工人岗位50岁、管理和专业技术岗位55岁）确定，"
                     "以单位和社会保险经办机构的认定为准。")
    return Calculation(
        name="retirement_age", title="法定退休年龄", value=round(age / 12, 2), unit="岁",
        text=f"法定退休年龄为{age_text(age)}，在{month_text(birth + age)}达到",
        steps=tuple(steps), articles=(RETIREMENT, FLEXIBLE_RETIREMENT), inputs=inputs_of(p), notes=tuple(notes),
    )


def flexible_retirement(p: RetirementParams) -> Calculation:
    """办法第三条: 弹性提前退休 at most three years before the new age and never before the original one."""
    birth, original_at, age, steps = retirement_schedule(p)
    original = _ORIGINAL[p.category][0]
    at = birth + age
    earliest = max(at - 36, original_at)
    steps.append(f"弹性提前退休最多提前3年，且不得早于原法定退休年龄{original}周岁（{month_text(original_at)}）："
                 f"最早在{month_text(earliest)}。")
    base = f"法定退休年龄为{age_text(age)}，在{month_text(at)}达到"
    if earliest >= at:
        text = f"{base}；您的退休时间没有延迟，不能再弹性提前"
    else:
        text = (f"{base}；达到最低缴费年限的，最早可以在{month_text(earliest)}自愿弹性提前退休"
                f"（不早于原法定退休年龄{original}岁，最多提前3年）")
    return Calculation(
        name="flexible_retirement", title="弹性提前退休", value=float(earliest - at), unit="个月",
        text=text, steps=tuple(steps), articles=(RETIREMENT, FLEXIBLE_RETIREMENT), inputs=inputs_of(p),
        notes=("最低缴费年限从2030年1月1日起由十五年逐步提高至二十年，每年提高六个月（办法第二条），以社会保险经办机构的核定为准。",
               "弹性提前退休由您自愿选择，单位不得强制或者变相强制（办法第三条）。"),
    )


def retirement_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Retirement parameters from her facts, or the one question to ask."""
    need_birth = facts.birth_year is None or facts.birth_month is None
    need_category = facts.retirement_category is None or facts.retirement_category_ambiguous
    if need_birth and need_category:
        return Missing(("birth_year", "birth_month", "retirement_category"),
                       "您是哪年哪月出生的？原来是按50岁还是55岁退休（工人还是管理、技术岗位）？")
    if need_birth:
        return Missing(("birth_year", "birth_month"), "您是哪年哪月出生的？")
    if need_category:
        return Missing(("retirement_category",), "您原来是按50岁还是55岁退休（工人岗位还是管理、技术岗位）？")
    return {"birth_year": facts.birth_year, "birth_month": facts.birth_month, "category": facts.retirement_category}

"""最低缴费年限 at retirement under the 2025 办法 第二条: will her contributions be enough to draw a monthly pension?"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from assistant.calculators.base import Calculation, Missing, china_today, inputs_of
from assistant.calculators.dates import (
    RETIREMENT,
    RETIREMENT_LAW,
    RetirementParams,
    age_text,
    month_text,
    retirement_from_facts,
    retirement_schedule,
)

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

MINIMUM_YEARS = f"{RETIREMENT_LAW}#2"
PENSION_LAW = "社会保险法#16"


class PensionParams(RetirementParams):
    """最低缴费年限: her birth, retirement group, and the years of contributions so far, paid on without a break."""

    insured_years: float = Field(ge=0, le=60, title="已经缴费的年数", description="到今天为止累计缴了几年养老保险，如 7.75")
    today: date = Field(default_factory=china_today, title="今天的日期", description="默认今天")


def minimum_years(year: int) -> int:
    """Months of contributions needed in the year she retires: 15 years, six months more each year from 2030, at most 20."""
    return 180 if year < 2030 else min(240, 180 + 6 * (year - 2029))


def _span(months: int) -> str:
    years, rest = divmod(months, 12)
    return f"{years}年{rest}个月" if rest else f"{years}年"


def pension_contribution(p: PensionParams) -> Calculation:
    """Her contributions at the new retirement age against that year's minimum (办法第二条), paid on without a break."""
    birth, _, age, steps = retirement_schedule(p)
    retire_at = birth + age
    now = p.today.year * 12 + p.today.month - 1
    paid = round(p.insured_years * 12)
    ahead = max(retire_at - now, 0)
    total = paid + ahead
    year = retire_at // 12
    need = minimum_years(year)
    steps.append(f"到今天已缴{_span(paid)}；一直不断缴到{month_text(retire_at)}，还有{_span(ahead)}，共约{_span(total)}。")
    steps.append(f"{year}年退休的，按月领取基本养老金的最低缴费年限为{_span(need)}"
                 "（从2030年1月1日起由十五年每年提高六个月，最高二十年）。")
    short = need - total
    if short > 0:
        text = (f"您{age_text(age)}（{month_text(retire_at)}）退休时约缴满{_span(total)}，当年最低缴费年限为{_span(need)}，"
                f"还差约{_span(short)}，到时不够按月领取；可以按照规定延长缴费或者一次性缴费补足后按月领取")
    else:
        text = (f"您{age_text(age)}（{month_text(retire_at)}）退休时约缴满{_span(total)}，"
                f"够当年{_span(need)}的最低缴费年限，可以按月领取基本养老金")
    return Calculation(
        name="pension_contribution", title="最低缴费年限", value=round(short / 12, 2), unit="年",
        text=text, steps=tuple(steps), articles=(MINIMUM_YEARS, RETIREMENT, PENSION_LAW), inputs=inputs_of(p),
        notes=("按从今天起一直不断缴计算；中断或补缴的，以社会保险经办机构核定的累计缴费年限为准。",),
    )


def pension_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """Pension parameters from her facts, or the one question to ask."""
    base = retirement_from_facts(facts)
    if isinstance(base, Missing):
        return base
    if facts.insured_years is None:
        return Missing(("insured_years",), "您的养老保险到现在累计交了多少年（或者从哪年哪月开始交的）？")
    return {**base, "insured_years": facts.insured_years}

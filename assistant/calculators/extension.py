"""When a contract ending in 孕期/产期/哺乳期 may end: it runs on until the child's first birthday."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import Field

from assistant.calculators.base import Calculation, Flag, Missing, Params, add_months, cn_date, inputs_of

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

RUNS_ON = "劳动合同法#45"
SHIELD = "劳动合同法#42"
NURSING_PERIOD = "女职工劳动保护特别规定#9"


class ExtensionParams(Params):
    """合同续延: the day the contract's term ends and the child's birthday (none while she is pregnant)."""

    contract_end: date = Field(title="劳动合同到期日", description="合同写的期满日期，如 2027-03-31")
    child_birth: date | None = Field(None, title="孩子出生日期", description="孩子已经出生的填写；还在孕期的不填")
    birth_month_only: Flag = Field(False, title="只知道出生年月", description="只说了孩子哪年哪月出生（日期按该月1日计）")


def contract_extension(p: ExtensionParams) -> Calculation:
    """劳动合同法第四十五条、第四十二条第四项: a term ending in 孕期、产期、哺乳期 runs on until they end."""
    steps = ["劳动合同期满时女职工在孕期、产期、哺乳期的，劳动合同应当续延至相应的情形消失时终止（劳动合同法第四十五条、"
             "第四十二条第四项）。", "哺乳期到孩子满一周岁为止（女职工劳动保护特别规定第九条）。"]
    if p.child_birth is None:
        text = f"合同{cn_date(p.contract_end)}到期时您仍在孕期的，合同自动续延到哺乳期满（孩子满一周岁）才能终止"
        return Calculation(name="contract_extension", title="合同续延", value=0.0, unit="天", text=text,
                           steps=tuple(steps), articles=(RUNS_ON, SHIELD, NURSING_PERIOD), inputs=inputs_of(p))
    until = add_months(p.child_birth, 12)
    born, birthday = ((f"{p.child_birth.year}年{p.child_birth.month}月", f"{until.year}年{until.month}月")
                      if p.birth_month_only else (cn_date(p.child_birth), cn_date(until)))
    days = (until - p.contract_end).days
    steps.append(f"孩子{born}出生，满一周岁在{birthday}。")
    if days <= 0 and not (p.birth_month_only and (until.year, until.month) == (p.contract_end.year, p.contract_end.month)):
        text = f"孩子{birthday}满一周岁，合同{cn_date(p.contract_end)}到期时哺乳期已经结束，不再续延"
    else:
        text = f"合同{cn_date(p.contract_end)}到期时您在哺乳期，应当续延到孩子满一周岁的{birthday}，在这之前单位不能以到期为由终止"
    return Calculation(name="contract_extension", title="合同续延", value=float(max(days, 0)), unit="天", text=text,
                       steps=tuple(steps), articles=(RUNS_ON, SHIELD, NURSING_PERIOD), inputs=inputs_of(p))


def extension_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """The contract's end date and the child's birthday from her facts; without them the rule stands alone
    (an empty question: the answer does not ask her for dates it can do without)."""
    end = next((d for d in facts.dates if d.role in ("end", "contract") and d.precision == "day"), None)
    birth = next((d for d in facts.dates if d.role == "birth" and d.precision != "year"), None)
    if end is None or (birth is None and not facts.pregnant):
        return Missing(("dates",), "")
    out: dict[str, object] = {"contract_end": end.value}
    if birth is not None:
        out["child_birth"], out["birth_month_only"] = birth.value, birth.precision == "month"
    return out

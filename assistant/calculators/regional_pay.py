"""Sums a province adds on leaving: 上海's 医疗补助费 on a dismissal after the medical period (条例第四十四条)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from assistant.calculators.base import Calculation, Missing, inputs_of, money, yuan
from assistant.calculators.money import SeveranceParams, severance, severance_from_facts

if TYPE_CHECKING:
    from assistant.answering.facts import Facts

SHANGHAI_MEDICAL_SUBSIDY = "上海市劳动合同条例#44"
SUBSIDY_MONTHS = 6


def medical_subsidy(p: SeveranceParams) -> Calculation:
    """经济补偿 plus 上海's 医疗补助费 of at least six months' wage (上海市劳动合同条例第四十四条)."""
    n = severance(p)
    wage = money(Decimal(str(p.monthly_wage)))
    subsidy = money(wage * SUBSIDY_MONTHS)
    total = money(Decimal(str(n.value)) + subsidy)
    return Calculation(
        name="medical_subsidy", title="经济补偿加医疗补助费", value=float(total), unit="元",
        text=f"经济补偿{yuan(Decimal(str(n.value)))}，另加不低于6个月工资的医疗补助费{yuan(subsidy)}，合计至少{yuan(total)}",
        steps=(*n.steps, f"医疗补助费不低于本人6个月工资收入：{yuan(wage)}×6＝{yuan(subsidy)}（上海市劳动合同条例第四十四条）。"),
        articles=(*n.articles, SHANGHAI_MEDICAL_SUBSIDY), inputs=inputs_of(p), notes=n.notes,
    )


def medical_subsidy_from_facts(facts: Facts) -> dict[str, object] | Missing:
    """The severance parameters, which the subsidy shares."""
    return severance_from_facts(facts)

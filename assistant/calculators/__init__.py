"""Pure calculators for her numbers, each naming the articles it applies.

calculate(name, params) -> Calculation        raw values (strings are coerced); InvalidInputError / NotFoundError
calculator_schema(name) -> dict               JSON schema of the parameters (Chinese titles and descriptions)
CALCULATORS                                   name -> CalculatorSpec (title, description, params model, fn)
from_facts(name, facts) -> params | Missing   parameters from the facts of her question, or one question to ask
calculate_from_facts(name, facts)             Calculation | Missing

Names: severance, illegal_dismissal, notice_severance, double_wage, double_wage_and_damages, overtime_pay,
maternity_leave, maternity_allowance, uninsured_leave_pay, leave_pay_floor, nursing_time, annual_leave,
unused_leave_pay, disability_lump_sum, injury_leave_pay, probation, probation_pay, damage_deduction,
non_compete_pay, training_penalty, unemployment_months, arbitration_deadline, retirement_age.
"""

from __future__ import annotations

from assistant.calculators.base import Calculation, CalculatorSpec, Missing
from assistant.calculators.jsonshape import calculation_to_json, spec_to_json
from assistant.calculators.registry import (
    CALCULATORS,
    calculate,
    calculate_from_facts,
    calculator_schema,
    from_facts,
    get_spec,
    validate_params,
)

__all__ = [
    "CALCULATORS",
    "Calculation",
    "CalculatorSpec",
    "Missing",
    "calculate",
    "calculate_from_facts",
    "calculation_to_json",
    "calculator_schema",
    "from_facts",
    "get_spec",
    "spec_to_json",
    "validate_params",
]

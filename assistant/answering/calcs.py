"""Her numbers: run the calculator a conclusion names on the facts of her question, or say what is missing."""

from __future__ import annotations

from typing import Any

from assistant.calculators import CALCULATORS, Calculation, Missing, calculate_from_facts


def compute(name: str, facts: Any) -> tuple[Calculation | None, str | None, str]:
    """(Calculation, None, "") when her facts suffice, else (None, one short question, what is already known)."""
    if not name or facts is None or name not in CALCULATORS:
        return None, None, ""
    result = calculate_from_facts(name, facts)
    if isinstance(result, Missing):
        return None, result.question, result.known
    return result, None, ""

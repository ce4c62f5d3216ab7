"""Her numbers: run the calculator a conclusion names on the facts of her question, or say what is missing."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)


def compute(name: str, facts: Any) -> tuple[Any | None, str | None]:
    """(Calculation, None) when her facts suffice, (None, one short question) when one is missing."""
    if not name or facts is None:
        return None, None
    try:
        from assistant.calculators import CALCULATORS, Missing, calculate_from_facts
    except ModuleNotFoundError:  # calculators not installed in this build
        return None, None
    if name not in CALCULATORS:
        return None, None
    # calculate_from_facts validates the parameters: a fact outside a calculator's bounds becomes a question
    # to ask her instead of an InvalidInputError that would fail the whole answer.
    result = calculate_from_facts(name, facts)
    if isinstance(result, Missing):
        return None, result.question
    return result, None

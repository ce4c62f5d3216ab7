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
        from assistant.calculators import CALCULATORS, calculate
    except ModuleNotFoundError:  # calculators not installed in this build
        return None, None
    spec = CALCULATORS.get(name)
    if spec is None:
        return None, None
    params = spec.from_facts(facts)
    question = getattr(params, "question", None)
    if question is not None:
        return None, str(question)
    return calculate(name, params), None

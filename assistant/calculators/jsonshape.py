"""The JSON shapes of calculators and calculations, shared by the CLI and the API."""

from __future__ import annotations

from typing import Any

from assistant.calculators.base import Calculation, CalculatorSpec
from assistant.corpus.numerals import article_label


def article_title(article_id: str) -> str:
    """劳动合同法#47 → 《劳动合同法》第四十七条 (ids whose part after # is not a number are kept as they are)."""
    law, _, number = article_id.partition("#")
    return f"《{law}》{article_label(int(number))}" if number.isdigit() else f"《{law}》{number}"


def calculation_to_json(calc: Calculation) -> dict[str, Any]:
    """A Calculation as plain JSON-ready data."""
    return {
        "name": calc.name,
        "title": calc.title,
        "value": calc.value,
        "unit": calc.unit,
        "text": calc.text,
        "steps": list(calc.steps),
        "articles": [{"id": a, "title": article_title(a)} for a in calc.articles],
        "inputs": dict(calc.inputs),
        "notes": list(calc.notes),
    }


def spec_to_json(spec: CalculatorSpec) -> dict[str, Any]:
    """A calculator's name, title, description and the JSON schema of its parameters."""
    return {
        "name": spec.name,
        "title": spec.title,
        "description": spec.description,
        "params_schema": spec.params.model_json_schema(),
    }

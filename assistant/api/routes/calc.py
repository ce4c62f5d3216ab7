"""GET /v1/calc (the calculators and their parameter schemas) and GET /v1/calc/{name}?param=… ."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from assistant.api.deps import Caller, Loaded
from assistant.api.models import CalculationOut, CalculatorOut, ErrorOut
from assistant.api.serialize import article_out
from assistant.calculators import CALCULATORS, calculate, calculation_to_json, spec_to_json
from assistant.errors import InvalidInputError

router = APIRouter(prefix="/v1", tags=["计算器"])
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 404, 422, 429)}
MAX_PARAMS = 20
MAX_VALUE_CHARS = 100


@router.get("/calc", response_model=list[CalculatorOut], responses=ERRORS, summary="计算器列表和参数")
def calculators(_: Caller) -> list[CalculatorOut]:
    """Every calculator with its title, description and the JSON schema of its parameters."""
    return [CalculatorOut.model_validate(spec_to_json(spec)) for spec in CALCULATORS.values()]


@router.get(
    "/calc/{name}",
    response_model=CalculationOut,
    responses=ERRORS,
    summary="计算经济补偿、产假天数、退休年龄等",
    description="参数放在查询字符串中，名称和类型见 GET /v1/calc 的 params_schema，"
    "如 /v1/calc/severance?months_worked=67&monthly_wage=8000。",
)
def run(
    _: Caller,
    rt: Loaded,
    request: Request,
    name: Annotated[str, Path(max_length=40, description="计算器名称，如 severance、maternity_leave",
                              examples=["severance"])],
) -> CalculationOut:
    """One calculation from query parameters, with the articles it applies quoted verbatim."""
    items = request.query_params.multi_items()
    params: dict[str, str] = {}
    for key, value in items:
        if key in params:
            raise InvalidInputError(f"查询参数「{key[:40]}」重复", field=key[:40])
        if len(value) > MAX_VALUE_CHARS:
            raise InvalidInputError(f"查询参数「{key[:40]}」的值过长（最多 {MAX_VALUE_CHARS} 个字符）", field=key[:40])
        params[key] = value
    if len(params) > MAX_PARAMS:
        raise InvalidInputError(f"查询参数过多（最多 {MAX_PARAMS} 个）")
    result = calculate(name, params)
    data = calculation_to_json(result)
    data["citations"] = [article_out(rt.corpus.articles[a]) for a in result.articles if a in rt.corpus.articles]
    return CalculationOut.model_validate(data)

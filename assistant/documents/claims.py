"""Claims with computed amounts: a template's `claims:` entries run assistant.calculators on its fields.

In a template's YAML:

    claims:
    - calculator: illegal_dismissal          # a name in assistant.calculators.CALCULATORS
      choice: 违法解除劳动合同赔偿金            # computed when her `compute` field lists this choice …
      when_empty: amount                     # … or when she left this field empty (she gave no amount)
      request: 裁决被申请人支付申请人违法解除劳动合同赔偿金
      params:                                # calculator parameter: a field name (field? when optional),
                                             # or months(start, end) for the whole months between two dates
        months_worked: months(entry_date, leave_date)
        monthly_wage: average_wage

The document shows each result's request with its amount, the computation step by step (in 事实与理由)
and quotes the articles the calculator applied; the calculator's notes become warnings.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError, ConfigError, Problem, RenderError, ValidationFailed

from .models import TemplateSchema

COMPUTE_FIELD = "compute"
_MONTHS = re.compile(r"^months\(\s*(\w+)\s*,\s*(\w+)\s*\)$")
# A source ending in ? is optional: left out of the parameters when she did not fill it.
_OPTIONAL = "?"


@dataclass(frozen=True, slots=True)
class ClaimSpec:
    """One `claims:` entry of a template."""

    calculator: str
    params: tuple[tuple[str, str], ...]
    choice: str = ""
    when_empty: str = ""
    request: str = ""


@dataclass(frozen=True, slots=True)
class ComputedClaim:
    """A calculator's result as the document shows it."""

    calculator: str
    title: str
    request: str
    amount: Decimal
    text: str
    steps: tuple[str, ...]
    articles: tuple[str, ...]
    notes: tuple[str, ...]


def parse_claims(path: Path, raw: object, field_names: set[str]) -> tuple[ClaimSpec, ...]:
    """Read and check the `claims:` list of one schema."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(f"模板定义 {path.name} 有误：claims 应为列表")
    out: list[ClaimSpec] = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("calculator"), str):
            raise ConfigError(f"模板定义 {path.name} 有误：每个 claims 项需要 calculator")
        params = item.get("params") or {}
        if not isinstance(params, dict):
            raise ConfigError(f"模板定义 {path.name} 有误：claims.params 应为映射")
        for source in params.values():
            m = _MONTHS.match(str(source))
            used = {m.group(1), m.group(2)} if m else {str(source).rstrip(_OPTIONAL)}
            if not used <= field_names:
                raise ConfigError(f"模板定义 {path.name} 有误：claims 引用了不存在的字段 {sorted(used - field_names)}")
        when_empty = str(item.get("when_empty") or "")
        if when_empty and when_empty not in field_names:
            raise ConfigError(f"模板定义 {path.name} 有误：claims.when_empty 指向不存在的字段 {when_empty}")
        out.append(ClaimSpec(
            calculator=item["calculator"], params=tuple((str(k), str(v)) for k, v in params.items()),
            choice=str(item.get("choice") or ""), when_empty=when_empty, request=str(item.get("request") or ""),
        ))
    return tuple(out)


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (5 March → 4 April is 0, → 5 April is 1)."""
    return max(0, (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0))


def _wanted(spec: ClaimSpec, values: Mapping[str, object]) -> bool:
    chosen = values.get(COMPUTE_FIELD)
    if spec.choice and isinstance(chosen, list) and spec.choice in chosen:
        return True
    return bool(spec.when_empty) and values.get(spec.when_empty) in (None, "", [])


def _params(spec: ClaimSpec, schema: TemplateSchema, values: Mapping[str, object]) -> tuple[dict[str, object], list[str]]:
    params: dict[str, object] = {}
    missing: list[str] = []
    for name, source in spec.params:
        m = _MONTHS.match(source)
        optional = source.endswith(_OPTIONAL)
        names = [m.group(1), m.group(2)] if m else [source.rstrip(_OPTIONAL)]
        got = [values.get(n) for n in names]
        if any(v in (None, "", []) for v in got):
            if optional:
                continue
            missing.extend(n for n in names if values.get(n) in (None, "", []) and schema.field(n) is not None)
            continue
        if m:
            start, end = got
            assert isinstance(start, date) and isinstance(end, date)
            params[name] = months_between(start, end)
        else:
            value = got[0]
            params[name] = float(value) if isinstance(value, Decimal) else value
    return params, missing


def _calculators() -> Any:
    # Imported at use: the calculators are their own stage, and a template may have no claims at all.
    try:
        return importlib.import_module("assistant.calculators")
    except ImportError as exc:
        raise RenderError("金额计算暂不可用（assistant.calculators 未安装），请直接填写金额") from exc


def compute_claims(schema: TemplateSchema, values: Mapping[str, object]) -> list[ComputedClaim]:
    """Run the calculators a template's claims ask for; missing inputs are one ValidationFailed."""
    out: list[ComputedClaim] = []
    problems: list[Problem] = []
    for spec in schema.claim_specs:
        if not _wanted(spec, values):
            continue
        params, missing = _params(spec, schema, values)
        label = spec.choice or spec.calculator
        if missing:
            labels = [f.label for n in dict.fromkeys(missing) if (f := schema.field(n)) is not None]
            problems.append(Problem(missing[0], f"计算「{label}」需要填写：{'、'.join(labels)}"))
            continue
        try:
            calc = _calculators().calculate(spec.calculator, params)
        except AssistantError as exc:
            problems.append(Problem(COMPUTE_FIELD, f"无法计算「{label}」：{exc.message}"))
            continue
        out.append(ComputedClaim(
            calculator=spec.calculator, title=str(calc.title), request=spec.request or f"支付{calc.title}",
            amount=Decimal(str(calc.value)).quantize(Decimal("0.01")), text=str(calc.text),
            steps=tuple(calc.steps), articles=tuple(calc.articles), notes=tuple(calc.notes),
        ))
    if problems:
        raise ValidationFailed(problems)
    return out

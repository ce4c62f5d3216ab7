"""Suggesting templates for a question, and prefilling fields already known from the conversation."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from assistant.config import Settings

from .models import Suggestion, TemplateSchema
from .schema import load_schemas
from .validation import normalise_field

# Conversation keys commonly known before any form is shown, mapped to the fields they fill.
COMMON_KEYS: dict[str, tuple[str, ...]] = {
    "applicant_name": ("name", "worker_name", "姓名"),
    "applicant_gender": ("gender", "性别"),
    "applicant_phone": ("phone", "电话"),
    "applicant_address": ("address", "住址"),
    "applicant_id_number": ("id_number", "身份证号"),
    "employer_name": ("employer", "company", "单位", "用人单位"),
    "employer_address": ("employer_address",),
    "region": ("region", "地区"),
}
_FORMAT_KEY = re.compile(r"\{(\w+)\}")


def _known_value(known: Mapping[str, object], key: str) -> object | None:
    value = known.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def _from_format(pattern: str, known: Mapping[str, object]) -> str | None:
    # A prefill entry like "{region}劳动人事争议仲裁委员会" applies only when every key is known.
    values: dict[str, str] = {}
    for key in _FORMAT_KEY.findall(pattern):
        value = _known_value(known, key)
        if value is None or str(value).strip() in {"全国", "national"}:
            return None
        values[key] = str(value).strip()
    return _FORMAT_KEY.sub(lambda m: values[m.group(1)], pattern)


def _plain(value: object) -> object:
    # Prefilled values go back into a form, so dates and amounts become the strings a user would type.
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def prefilled_text(value: object) -> str:
    """A prefilled value as the text an Answer carries: tables (e.g. the respondents) as JSON, the rest as is."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def prefill(schema: TemplateSchema, known: Mapping[str, object], *, explicit_only: bool = False) -> dict[str, object]:
    """Field values taken from what the conversation already knows; invalid values are left out."""
    out: dict[str, object] = {}
    for spec in schema.fields:
        if spec.columns:
            # A table (e.g. the respondents): one row from the keys its columns name in `prefill`.
            row = prefill(replace(schema, fields=spec.columns), known, explicit_only=True)
            if row:
                out[spec.name] = [row]
            continue
        candidates: list[object | None] = [] if explicit_only else [_known_value(known, spec.name)]
        for entry in spec.prefill:
            candidates.append(_from_format(entry, known) if "{" in entry else _known_value(known, entry))
        if not explicit_only:
            candidates.extend(_known_value(known, k) for k in COMMON_KEYS.get(spec.name, ()))
        for candidate in candidates:
            value = normalise_field(spec, candidate) if candidate is not None else None
            if value is not None:
                out[spec.name] = _plain(value)
                break
    return out


def _score(schema: TemplateSchema, text: str, topics: Sequence[str]) -> tuple[float, str]:
    score = 0.0
    reason = ""
    for rule in schema.rules:
        if all(any(word in text for word in group) for group in rule.all_of):
            score += 10
            reason = reason or rule.reason
    keyword_hits = [k for k in schema.keywords if k.lower() in text]
    score += 3 * min(len(keyword_hits), 2)
    topic_hits = [t for t in topics if t in schema.topics]
    score += 2 * min(len(topic_hits), 2)
    if not reason and (keyword_hits or topic_hits):
        about = "、".join((keyword_hits or topic_hits)[:2])
        reason = f"您的问题涉及「{about}」，可以使用《{schema.title}》：{schema.description}"
    if score:
        # Priority only breaks ties among templates that matched something.
        score += schema.priority / 100
    return score, reason


def suggest_templates(
    question: str,
    topics: Sequence[str] = (),
    *,
    settings: Settings,
    known: Mapping[str, object] | None = None,
    limit: int = 4,
) -> list[Suggestion]:
    """Templates that fit the question (keyword rules and topics in each YAML), best first, prefilled."""
    text = (question or "").lower()
    scored: list[tuple[float, TemplateSchema, str]] = []
    for schema in load_schemas(settings.templates_dir):
        score, reason = _score(schema, text, topics)
        if score > 0:
            scored.append((score, schema, reason))
    scored.sort(key=lambda item: (-item[0], item[1].id))
    return [
        Suggestion(
            template_id=schema.id,
            title=schema.title,
            reason=reason,
            prefilled=prefill(schema, known or {}),
            score=round(score, 3),
        )
        for score, schema, reason in scored[: max(limit, 0)]
    ]

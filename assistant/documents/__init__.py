"""Rights-claim documents: template schemas, field validation, suggestions and .docx rendering.

list_templates(settings)                 every template, sorted by id
get_template(settings, id)               one template (NotFoundError when unknown)
validate(schema, data)                   ValidatedData with warnings, or one ValidationFailed
render(settings, corpus, id, data)       RenderedDocument: .docx bytes, filename, warnings
suggest_templates(question, topics)      Suggestion list for an answer
prefill(schema, known)                   fields already known from the conversation
"""

from __future__ import annotations

from assistant.config import Settings

from .models import (
    FieldSpec,
    RenderedDocument,
    Suggestion,
    SuggestRule,
    TemplateSchema,
    ValidatedData,
)
from .render import render
from .schema import find_schema, load_schemas
from .suggest import prefill, prefilled_text, suggest_templates
from .validation import validate

__all__ = [
    "FieldSpec",
    "RenderedDocument",
    "SuggestRule",
    "Suggestion",
    "TemplateSchema",
    "ValidatedData",
    "get_template",
    "list_templates",
    "prefill",
    "prefilled_text",
    "render",
    "suggest_templates",
    "validate",
]


def list_templates(settings: Settings) -> list[TemplateSchema]:
    """Every template in settings.templates_dir, sorted by id."""
    return list(load_schemas(settings.templates_dir))


def get_template(settings: Settings, template_id: str) -> TemplateSchema:
    """One template by id; NotFoundError when there is none."""
    return find_schema(settings.templates_dir, template_id)

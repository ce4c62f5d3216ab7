"""Frozen records of the documents stage: template schemas, validated data, rendered files, suggestions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

FieldType = Literal["text", "longtext", "date", "idcard", "phone", "money", "int", "choice", "bool", "list"]
FIELD_TYPES: tuple[FieldType, ...] = (
    "text",
    "longtext",
    "date",
    "idcard",
    "phone",
    "money",
    "int",
    "choice",
    "bool",
    "list",
)

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One fillable field of a template, as declared in its YAML schema."""

    name: str
    label: str
    type: FieldType
    required: bool = False
    help: str = ""
    example: object = None
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    # A dispute date starts the one-year arbitration limitation clock (劳动争议调解仲裁法 art. 27).
    dispute: bool = False
    # Name of another date field this one may not precede (e.g. leave end after leave start).
    not_before: str | None = None
    min: int | None = None
    max: int | None = None
    # For list fields: columns of each row (a table); empty means a list of plain strings.
    columns: tuple[FieldSpec, ...] = ()
    max_items: int = 30
    # Conversation keys (besides the field name) whose value may prefill this field.
    prefill: tuple[str, ...] = ()
    # Asked in the form only (e.g. the date that starts the one-year limit, for a warning); never printed.
    form_only: bool = False
    # A date after which a deadline runs (e.g. 15 days to sue after the award): warn once it has passed.
    deadline_days: int | None = None
    deadline_note: str = ""


@dataclass(frozen=True, slots=True)
class SuggestRule:
    """Suggest the template when every group has at least one keyword in the question."""

    all_of: tuple[tuple[str, ...], ...]
    reason: str


@dataclass(frozen=True, slots=True)
class TemplateSchema:
    """A document template: its fields, the articles it quotes and the rules that suggest it."""

    id: str
    title: str
    description: str
    fields: tuple[FieldSpec, ...]
    articles: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    rules: tuple[SuggestRule, ...] = ()
    priority: int = 0
    # Articles offered as a plain choice for 补充引用的法律条文 (besides those cited in the conversation).
    article_choices: tuple[str, ...] = ()
    # Claims whose amounts the calculators compute (see documents/claims.py).
    claim_specs: tuple[Any, ...] = ()
    docx_path: Path = Path()
    yaml_path: Path = Path()

    def field(self, name: str) -> FieldSpec | None:
        """The field called `name`, or None."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None

    @property
    def required_fields(self) -> tuple[FieldSpec, ...]:
        """Fields that must be filled."""
        return tuple(f for f in self.fields if f.required)

    def example_data(self) -> dict[str, object]:
        """Example data made of each field's example (fields without one are left out)."""
        return {f.name: f.example for f in self.fields if f.example is not None}


@dataclass(frozen=True, slots=True)
class ValidatedData:
    """Field values after validation and normalisation, plus non-blocking warnings."""

    template_id: str
    values: Mapping[str, object]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """A rendered .docx held in memory."""

    content: bytes
    filename: str  # ASCII, without personal data: used for files kept on disk
    download_name: str = ""  # what she downloads, e.g. 劳动仲裁申请书-张丽-2026-12-01.docx
    warnings: tuple[str, ...] = ()
    template_id: str = ""
    title: str = ""
    articles: tuple[str, ...] = ()
    media_type: str = DOCX_MEDIA_TYPE
    saved_to: Path | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A template worth offering after an answer, with fields already known from the conversation."""

    template_id: str
    title: str
    reason: str
    prefilled: Mapping[str, object] = field(default_factory=dict)
    score: float = 0.0

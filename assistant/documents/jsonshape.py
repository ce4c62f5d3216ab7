"""A template's schema as JSON (for `assistant doc fields --json`, the API and the widget's forms)."""

from __future__ import annotations

from typing import Any

from .models import FieldSpec, TemplateSchema
from .render import EXTRA_ARTICLES_FIELD, ArticleSource

EXCERPT_CHARS = 60


def field_json(spec: FieldSpec) -> dict[str, Any]:
    """One field: name, label, type, required, help, example, and its choices, limits or columns."""
    out: dict[str, Any] = {
        "name": spec.name,
        "label": spec.label,
        "type": spec.type,
        "required": spec.required,
        "help": spec.help,
        "example": spec.example,
    }
    if spec.choices:
        out["choices"] = list(spec.choices)
    if spec.max_length is not None:
        out["max_length"] = spec.max_length
    if spec.columns:
        out["columns"] = [field_json(c) for c in spec.columns]
    if spec.form_only:
        out["form_only"] = True
    return out


def article_options(schema: TemplateSchema, corpus: ArticleSource | None, extra: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """The plain choice of articles for 补充引用的法律条文: value (id), label (《法》第N条), a short excerpt."""
    options: list[dict[str, str]] = []
    for article_id in dict.fromkeys((*extra, *schema.article_choices)):
        if article_id in schema.articles:
            continue  # already quoted by the template itself
        try:
            article = corpus.get(article_id) if corpus is not None else None
        except LookupError:
            continue
        except Exception:
            continue
        title = getattr(article, "title", "") or article_id
        text = str(getattr(article, "text", "")).replace("\n", " ")
        excerpt = text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else "")
        status = str(getattr(article, "status", "现行有效"))
        options.append({"value": article_id, "label": title if status == "现行有效" else f"{title}（{status}）",
                        "excerpt": excerpt})
    return options


def schema_json(schema: TemplateSchema, corpus: ArticleSource | None = None) -> dict[str, Any]:
    """A template's schema as plain JSON-ready data; extra_articles carries its article options."""
    fields = []
    for spec in schema.fields:
        item = field_json(spec)
        if spec.name == EXTRA_ARTICLES_FIELD:
            item["options"] = article_options(schema, corpus)
        fields.append(item)
    return {
        "id": schema.id,
        "title": schema.title,
        "description": schema.description,
        "articles": list(schema.articles),
        "fields": fields,
    }

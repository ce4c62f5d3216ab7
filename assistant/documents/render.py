"""Rendering a validated template into .docx bytes, quoting the statutes it relies on from the corpus."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, TemplateError

from assistant.config import Settings
from assistant.corpus.versions import SUPERSEDED_STATUS
from assistant.errors import AssistantError, Problem, RenderError, ValidationFailed
from assistant.records import Article

from .claims import ComputedClaim, compute_claims
from .models import RenderedDocument, TemplateSchema, ValidatedData
from .schema import find_schema
from .validation import validate

log = logging.getLogger(__name__)

# Shown where an optional one-line field was left empty, so it can be completed by hand on paper.
BLANK = "＿＿＿＿＿＿"
# A list field with this name adds articles (chosen in the conversation) to the template's own.
EXTRA_ARTICLES_FIELD = "extra_articles"
_CN_DIGITS = "零一二三四五六七八九"


class ArticleSource(Protocol):
    """What rendering needs from the corpus: an article by id such as 劳动合同法#38."""

    def get(self, record_id: str) -> Any:
        """The record with this id; raises NotFoundError (or KeyError) when absent."""


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 35 → 三十五 (enough for numbered request items)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + ("" if ones == 0 else _CN_DIGITS[ones])


def cn_item(n: int) -> str:
    """1 → （一）: the numbering of items inside a section that is itself numbered 一、二、."""
    return f"（{cn_number(n)}）"


def cn_date(day: date) -> str:
    """2024年3月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def display(value: object) -> object:
    """The text a value shows as in the document (lists and rows keep their shape)."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (date, datetime)):
        return cn_date(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, list):
        return [display(v) for v in value]
    if isinstance(value, dict):
        return {k: (BLANK if v is None else display(v)) for k, v in value.items()}
    return "" if value is None else str(value)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def build_context(
    schema: TemplateSchema, validated: ValidatedData, articles: Sequence[Article], today: date,
    computed: Sequence[ComputedClaim] = (),
) -> dict[str, object]:
    """The Jinja context: every field (BLANK when optional and empty), `filled`, and `law_articles`."""
    values = validated.values
    context: dict[str, object] = {}
    filled: dict[str, bool] = {}
    for spec in schema.fields:
        value = values.get(spec.name)
        filled[spec.name] = value is not None and value != []
        if spec.type == "list":
            context[spec.name] = display(value) if value else []
        elif value is None:
            context[spec.name] = BLANK
        else:
            context[spec.name] = display(value)
        if spec.type == "longtext":
            context[f"{spec.name}_paras"] = _paragraphs(str(value)) if value is not None else []
    context["filled"] = filled
    context["blank"] = BLANK
    context["doc_title"] = schema.title
    context["today"] = cn_date(today)
    context["law_articles"] = [_article_context(a) for a in articles]
    context["computed"] = [
        {"title": c.title, "request": c.request, "amount": display(c.amount), "text": c.text,
         "steps": list(c.steps), "notes": list(c.notes)}
        for c in computed
    ]
    context["computed_total"] = display(sum((c.amount for c in computed), Decimal(0))) if computed else BLANK
    return context


def _article_context(article: Article) -> dict[str, object]:
    note = article.version or ""
    if article.status and article.status != "现行有效":
        note = f"{note}，{article.status}" if note else article.status
    # A superseded stored text is never quoted as the rule: the document says plainly that it is the older
    # text, what changed (public facts, labelled) and that the current text is not in the corpus.
    quoted = article.status != SUPERSEDED_STATUS
    return {
        "id": article.id,
        "law": article.law,
        "label": article.label,
        "title": article.title,
        "version": article.version,
        "version_note": note or "版本未注明",
        "status": article.status,
        "text": article.text,
        "quoted": quoted,
        "paragraphs": _paragraphs(article.text) if quoted else [article.note],
    }


def article_ids(schema: TemplateSchema, validated: ValidatedData) -> list[str]:
    """The template's own article ids, then any the user added, without duplicates."""
    ids = list(schema.articles)
    extra = validated.values.get(EXTRA_ARTICLES_FIELD)
    if isinstance(extra, list) and extra:
        from assistant.corpus.citations import parse_reference

        bad: list[Problem] = []
        for pos, written in enumerate(extra, start=1):
            ref = parse_reference(str(written))
            if ref is None or ref.law is None:
                bad.append(Problem(
                    f"{EXTRA_ARTICLES_FIELD}[{pos - 1}]",
                    f"「补充引用的法律条文」第{pos}项无法识别，请写成「劳动合同法#42」或「《劳动合同法》第四十二条」",
                ))
                continue
            ids.append(f"{ref.law}#{ref.number}")
        if bad:
            raise ValidationFailed(bad)
    return list(dict.fromkeys(ids))


def quote_articles(corpus: ArticleSource, ids: Sequence[str]) -> list[Article]:
    """Fetch every article from the corpus; one RenderError names all that are missing."""
    found: list[Article] = []
    missing: list[str] = []
    for article_id in ids:
        try:
            record = corpus.get(article_id)
        except (AssistantError, KeyError, LookupError):
            record = None
        if not isinstance(record, Article):
            missing.append(article_id)
            continue
        found.append(record)
    if missing:
        names = "、".join(_written(i) for i in missing)
        raise RenderError(
            f"无法引用法律条文：语料库中找不到{names}，文书未生成。请核对条文编号或更新语料库。"
        )
    return found


def _written(article_id: str) -> str:
    law, _, number = article_id.partition("#")
    return f"《{law}》第{number}条" if number.isdigit() else article_id


@lru_cache(maxsize=64)
def _template_bytes(path: Path, mtime: float) -> bytes:
    del mtime  # cache key only: a regenerated template is picked up without a restart
    return path.read_bytes()


def jinja_env() -> Environment:
    """The one Jinja environment templates are rendered (and checked) with."""
    # StrictUndefined: a tag naming a value that is not in the context fails loudly, never renders empty.
    env = Environment(autoescape=True, undefined=StrictUndefined)
    env.filters["cn"] = cn_number
    env.filters["cnp"] = cn_item
    return env


def _safe_filename(schema: TemplateSchema, now: datetime) -> str:
    # ASCII id + timestamp: no personal data in names of files kept on disk, and safe in HTTP headers.
    return f"{schema.id}-{now:%Y%m%d-%H%M%S}.docx"


_NAME_FIELDS = ("applicant_name", "worker_name", "union_name", "employer_name")
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+|^[.\s]+')


def download_name(schema: TemplateSchema, values: Mapping[str, object], day: date) -> str:
    """The name she downloads, e.g. 劳动仲裁申请书-张丽-2026-12-01.docx (never kept on disk or logged)."""
    who = next((str(values[f]) for f in _NAME_FIELDS if isinstance(values.get(f), str) and values[f]), "")
    who = _UNSAFE_NAME.sub("", who.replace(" ", ""))[:20]
    parts = [schema.title, who, day.isoformat()]
    return "-".join(p for p in parts if p) + ".docx"


def render_docx(schema: TemplateSchema, context: Mapping[str, object]) -> bytes:
    """Fill the schema's .docx with `context` (autoescaped) and return the file's bytes."""
    try:
        raw = _template_bytes(schema.docx_path, schema.docx_path.stat().st_mtime)
    except OSError as exc:
        raise RenderError(f"文书模板文件缺失：{schema.docx_path.name}") from exc
    try:
        tpl = DocxTemplate(io.BytesIO(raw))
        tpl.render(dict(context), jinja_env=jinja_env(), autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
    except TemplateError as exc:
        raise RenderError(f"文书「{schema.title}」模板有误，无法生成：{exc.message or exc}") from exc
    except Exception as exc:  # docxtpl/lxml raise many types; none may escape as a non-AssistantError
        raise RenderError(f"文书「{schema.title}」生成失败：{type(exc).__name__}") from exc
    return out.getvalue()


def render(
    settings: Settings,
    corpus: ArticleSource,
    template_id: str,
    data: Mapping[str, object],
    *,
    today: date | None = None,
) -> RenderedDocument:
    """Validate `data`, quote the template's articles from the corpus and return the .docx in memory."""
    schema = find_schema(settings.templates_dir, template_id)
    today = today or date.today()
    validated = validate(schema, data, today=today)
    computed = compute_claims(schema, validated.values)
    ids = list(dict.fromkeys([*article_ids(schema, validated), *(a for c in computed for a in c.articles)]))
    articles = quote_articles(corpus, ids)
    warnings = list(validated.warnings) + [n for c in computed for n in c.notes]
    for article in articles:
        if article.status == SUPERSEDED_STATUS:
            warnings.append(f"{article.title}是已被修改的旧文本，文书中未引用其原文，改为说明修改情况（{article.note}）")
        elif article.status and article.status != "现行有效":
            warnings.append(f"引用的{article.title}状态为「{article.status}」，请核实是否仍然适用")
    content = render_docx(schema, build_context(schema, validated, articles, today, computed))
    now = datetime.now()
    filename = _safe_filename(schema, now)
    saved: Path | None = None
    if settings.keep_rendered_documents:
        saved = _keep(settings.rendered_dir, filename, content)
    # Only the template id and sizes are logged: field values are personal data.
    log.info("rendered %s (%d bytes, %d articles)", schema.id, len(content), len(articles))
    return RenderedDocument(
        content=content,
        filename=filename,
        download_name=download_name(schema, validated.values, today),
        warnings=tuple(warnings),
        template_id=schema.id,
        title=schema.title,
        articles=tuple(a.id for a in articles),
        saved_to=saved,
    )


def _keep(directory: Path, filename: str, content: bytes) -> Path:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / filename
        stem, n = path.stem, 1
        while path.exists():
            path = directory / f"{stem}-{n}.docx"
            n += 1
        path.write_bytes(content)
    except OSError as exc:
        raise RenderError(f"无法保存生成的文书到 {directory}：{exc.strerror}") from exc
    return path

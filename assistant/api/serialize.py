"""Records and library results turned into wire models."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from assistant.api.models import AnswerOut, ArticleOut, LawOut
from assistant.records import Answer, Article, Law


def answer_out(answer: Answer) -> AnswerOut:
    """An Answer record as its wire model."""
    data: dict[str, Any] = asdict(answer)
    for doc in data["documents"]:
        doc["prefilled"] = dict(doc.get("prefilled") or ())
    return AnswerOut.model_validate(data)


def answer_json(answer: Any) -> dict[str, Any]:
    """JSON-ready answer from an Answer record or from the answering module's dict."""
    if isinstance(answer, Answer):
        return answer_out(answer).model_dump(mode="json")
    return AnswerOut.model_validate(answer).model_dump(mode="json")


def law_out(law: Law, articles: int) -> LawOut:
    """A law with its article count."""
    return LawOut(
        title=law.title,
        aliases=list(law.aliases),
        level=law.level,
        region=law.region,
        version=law.version,
        effective=law.effective,
        status=law.status,
        articles=articles,
    )


def article_out(article: Article) -> ArticleOut:
    """An article with its human-readable title."""
    return ArticleOut(
        id=article.id,
        law=article.law,
        number=article.number,
        label=article.label,
        title=article.title,
        text=article.text,
        level=article.level,
        region=article.region,
        version=article.version,
        effective=article.effective,
        chapter=article.chapter,
        status=article.status,
        note=article.note,
    )

"""Records and library results turned into wire models."""

from __future__ import annotations

from typing import Any

from assistant.answering.jsonshape import answer_to_json
from assistant.api.models import AnswerOut, ArticleOut, LawOut
from assistant.records import Answer, Article, Law


def answer_json(answer: Any) -> dict[str, Any]:
    """JSON-ready answer from an Answer record or from the answering module's dict, checked by its wire model.

    One shape for /v1/ask, /v1/chat and the stream: the record goes through answer_to_json like the CLI's."""
    if isinstance(answer, Answer):
        answer = answer_to_json(answer)
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

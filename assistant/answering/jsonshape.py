"""The answer's JSON shape, shared by the API, the stream's events and the CLI (below both api/ and cli/)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from assistant.answering.compose import region_label
from assistant.records import NATIONAL, Answer, Citation

# The version of the answer's JSON shape (published at GET /v1/schema/answer and in docs/answer.schema.json).
# 2.0: citations name the article number `number` (was `article`), `title` always filled, `schema_version` added.
ANSWER_SCHEMA_VERSION = "2.0"


def citation_json(c: Citation) -> dict[str, Any]:
    """One quoted article as JSON: the same object in /v1/ask, the stream's `sources` and the CLI."""
    return {
        "id": c.id, "law": c.law, "number": c.article, "label": c.label, "title": f"《{c.law}》{c.label}",
        "text": c.text, "version": c.version, "effective": c.effective, "level": c.level,
        "region": c.region, "region_label": region_label(c.region) if c.region != NATIONAL else "",
        "status": c.status, "note": c.note,
    }


def answer_to_json(answer: Answer) -> dict[str, Any]:
    """The answer as a plain JSON-serialisable dict (citations quoted verbatim with version and status)."""
    return {
        "schema_version": ANSWER_SCHEMA_VERSION,
        "question": answer.question,
        "in_scope": answer.in_scope,
        "grounding": answer.grounding,
        "mode": answer.mode,
        "region": answer.region,
        "conversation_id": answer.conversation_id,
        "summary": answer.summary,
        "body": answer.body,
        "citations": [citation_json(c) for c in answer.citations],
        "cases": [
            {"id": c.id, "title": c.title, "publisher": c.publisher, "date": c.date, "holding": c.holding}
            for c in answer.cases
        ],
        "next_steps": [{"title": s.title, "detail": s.detail} for s in answer.next_steps],
        "documents": [
            {"template_id": d.template_id, "title": d.title, "reason": d.reason, "prefilled": dict(d.prefilled)}
            for d in answer.documents
        ],
        "topic": answer.topic,
        "calculations": [
            {"name": c.name, "title": c.title, "value": c.value, "unit": c.unit, "text": c.text,
             "steps": list(c.steps), "articles": list(c.articles), "notes": list(c.notes)}
            for c in answer.calculations
        ],
        "follow_up": answer.follow_up,
        "gap": answer.gap,
        "notices": list(answer.notices),
        "safety": answer.safety,
        "disclaimer": answer.disclaimer,
        "verification": asdict(answer.verification) if answer.verification else None,
    }

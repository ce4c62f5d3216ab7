"""Feedback for legal staff, stored redacted; the retention purge for feedback and conversations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select

from assistant.privacy import redact
from assistant.storage import as_utc, schema, utcnow

if TYPE_CHECKING:
    from assistant.storage import Storage


@dataclass(frozen=True, slots=True)
class Feedback:
    """One stored feedback row (texts already redacted)."""

    id: int
    created_at: datetime
    helpful: bool
    comment: str
    question: str
    conversation_id: str | None
    client: str
    rating: int | None = None


class FeedbackStore:
    """Feedback rows; every text goes through `assistant.privacy.redact` before it is written."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def add(self, *, helpful: bool, comment: str, question: str, conversation_id: str | None, client: str,
            rating: int | None = None) -> int:
        """Save one feedback row and return its id (the conversation id must already be checked)."""
        with self.storage.engine.begin() as conn:
            result = conn.execute(insert(schema.feedback).values(
                created_at=utcnow(), helpful=helpful, rating=rating, comment=redact(comment.strip()),
                question=redact(question.strip()), conversation_id=conversation_id, client=client))
            return int(result.inserted_primary_key[0]) if result.inserted_primary_key else 0

    def list(self, limit: int = 100, *, since: datetime | None = None, helpful: bool | None = None) -> list[Feedback]:
        """The newest rows first (or, with `since`, every row from then on, oldest first)."""
        t = schema.feedback
        query = select(t.c.id, t.c.created_at, t.c.helpful, t.c.comment, t.c.question, t.c.conversation_id,
                       t.c.client, t.c.rating)
        if helpful is not None:
            query = query.where(t.c.helpful == helpful)
        if since is not None:
            query = query.where(t.c.created_at >= since).order_by(t.c.created_at, t.c.id)
        else:
            query = query.order_by(t.c.id.desc()).limit(limit)
        with self.storage.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [Feedback(r[0], as_utc(r[1]) or utcnow(), bool(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in rows]

    def purge_older_than(self, days: float, *, now: datetime | None = None) -> int:
        """Delete feedback older than `days` days; returns how many rows went."""
        cutoff = (now or utcnow()) - timedelta(days=days)
        with self.storage.engine.begin() as conn:
            return int(conn.execute(delete(schema.feedback).where(schema.feedback.c.created_at < cutoff)).rowcount)

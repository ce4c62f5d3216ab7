"""Feedback for legal staff, stored redacted in SQLite, and the retention purge."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from assistant.api.db import connect
from assistant.api.privacy import redact
from assistant.config import Settings

log = logging.getLogger("assistant.api")


def store_feedback(
    settings: Settings,
    *,
    helpful: bool,
    comment: str,
    question: str,
    conversation_id: str | None,
    client: str,
) -> int:
    """Save one feedback row (phone and ID numbers redacted) and return its id."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with connect(settings.conversations_db) as conn:
        cur = conn.execute(
            "INSERT INTO api_feedback(created_at, helpful, comment, question, conversation_id, client)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (now, int(helpful), redact(comment.strip()), redact(question.strip()), conversation_id, client),
        )
        return int(cur.lastrowid or 0)


def list_feedback(settings: Settings, limit: int = 100) -> list[dict[str, Any]]:
    """The newest feedback rows, for staff tools and tests."""
    with connect(settings.conversations_db) as conn:
        rows = conn.execute(
            "SELECT id, created_at, helpful, comment, question, conversation_id, client"
            " FROM api_feedback ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
    keys = ("id", "created_at", "helpful", "comment", "question", "conversation_id", "client")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def purge_expired(settings: Settings, *, now: datetime | None = None) -> int:
    """Delete feedback older than retention_days and conversations older than conversation_retention_days."""
    if settings.retention_days <= 0:
        return 0
    cutoff = (now or datetime.now(UTC)) - timedelta(days=settings.retention_days)
    with connect(settings.conversations_db) as conn:
        deleted = conn.execute(
            "DELETE FROM api_feedback WHERE created_at < ?", (cutoff.isoformat(timespec="seconds"),)
        ).rowcount
    deleted += _purge_conversations(settings)
    if deleted:
        log.info("retention: deleted %d rows older than %d days", deleted, settings.retention_days)
    return deleted


def _purge_conversations(settings: Settings) -> int:
    # The answering module owns conversations; its store's purge is used when it is installed.
    try:
        from assistant.answering.conversations import ConversationStore
    except ImportError:
        return 0
    return ConversationStore(settings.conversations_db).purge_older_than(settings.conversation_retention_days)

"""Conversations bound to their caller: server-issued ids, redacted turns, the context carried between questions.

An id is `c_` plus 144 random bits. Every read or write names the owner ("key:<id>",
"widget:<browser id>", "local" for the CLI); an unknown id, another owner's id and a malformed id all
raise the same NotFoundError, so a caller learns nothing about conversations that are not hers.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select, update

from assistant.errors import InvalidInputError, NotFoundError
from assistant.privacy import redact, redact_optional
from assistant.storage import as_utc, schema, utcnow

if TYPE_CHECKING:
    from assistant.storage import Storage

ID_RE = re.compile(r"^c_[A-Za-z0-9_-]{24}$")
NOT_FOUND = "没有找到这个对话（可能已过期，或不属于当前用户），请开始新的对话"


@dataclass(frozen=True, slots=True)
class Turn:
    """One stored exchange (question and answer summary), already redacted."""

    question: str
    summary: str
    created: float
    topic: str | None = None
    grounding: str | None = None
    in_scope: bool | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    """What is remembered of one conversation."""

    id: str
    region: str | None = None
    topic: str | None = None
    query: str | None = None
    known: dict[str, str] = field(default_factory=dict)
    turns: tuple[Turn, ...] = ()
    owner: str = "local"


@dataclass(frozen=True, slots=True)
class StoredTurn:
    """A turn with its conversation id, for staff exports and reports."""

    conversation_id: str
    idx: int
    created_at: datetime
    question: str
    summary: str
    topic: str | None
    grounding: str | None
    region: str | None
    in_scope: bool | None
    safety: bool


def check_id(conversation_id: str) -> str:
    """The id when it has the server's format; NotFoundError otherwise (no hint what is wrong)."""
    if not isinstance(conversation_id, str) or not ID_RE.match(conversation_id):
        raise NotFoundError(NOT_FOUND)
    return conversation_id


def new_id() -> str:
    """A fresh unguessable conversation id (144 random bits)."""
    return "c_" + secrets.token_urlsafe(18)


class ConversationStore:
    """Owned conversations in the database; every text is redacted before it is written."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    @staticmethod
    def new_id() -> str:
        """A fresh random conversation id (not yet stored; `create` stores one)."""
        return new_id()

    def create(self, owner: str) -> str:
        """Store a new empty conversation owned by `owner` and return its id."""
        cid, now = new_id(), utcnow()
        with self.storage.engine.begin() as conn:
            conn.execute(insert(schema.conversations).values(id=cid, owner=owner, created_at=now, updated_at=now))
        return cid

    def _row(self, conn: Connection, conversation_id: str, owner: str | None, *, lock: bool = False) -> tuple[
            str | None, str | None, str | None, str, str]:
        t = schema.conversations
        query = select(t.c.region, t.c.topic, t.c.query, t.c.known, t.c.owner).where(t.c.id == check_id(conversation_id))
        if lock and conn.dialect.name == "postgresql":
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None or (owner is not None and row[4] != owner):
            raise NotFoundError(NOT_FOUND)
        return row[0], row[1], row[2], row[3], row[4]

    def check(self, conversation_id: str, owner: str | None) -> None:
        """NotFoundError unless the conversation exists and belongs to `owner` (None: any owner)."""
        with self.storage.engine.connect() as conn:
            self._row(conn, conversation_id, owner)

    def get(self, conversation_id: str, *, owner: str | None = None, last: int = 6) -> Conversation:
        """The conversation with its last turns; NotFoundError when unknown or not `owner`'s."""
        t = schema.turns
        with self.storage.engine.connect() as conn:
            region, topic, query, known, own = self._row(conn, conversation_id, owner)
            rows = conn.execute(select(t.c.question, t.c.summary, t.c.created_at, t.c.topic, t.c.grounding,
                                       t.c.in_scope).where(t.c.conversation_id == conversation_id)
                                .order_by(t.c.idx.desc()).limit(last)).all()
        turns = tuple(Turn(q, s, (as_utc(c) or utcnow()).timestamp(), tp, g, i) for q, s, c, tp, g, i in reversed(rows))
        return Conversation(conversation_id, region, topic, query, json.loads(known or "{}"), turns, own)

    def append(
        self, conversation_id: str, question: str, summary: str, *,
        region: str | None, topic: str | None, query: str | None, known: dict[str, str] | None = None,
        owner: str | None = None, grounding: str | None = None, in_scope: bool | None = None,
        safety: bool = False, mode: str | None = None,
    ) -> None:
        """Store one exchange and the context to carry (redacted before storage)."""
        now = utcnow()
        known_json = json.dumps({k: redact(v) for k, v in (known or {}).items()}, ensure_ascii=False)
        c, t = schema.conversations, schema.turns
        with self.storage.engine.begin() as conn:
            self._row(conn, conversation_id, owner, lock=True)
            # The update first: on SQLite it takes the write lock, so the next index cannot race.
            conn.execute(update(c).where(c.c.id == conversation_id).values(
                updated_at=now, region=region, topic=topic, query=redact_optional(query), known=known_json))
            idx = conn.execute(select(func.coalesce(func.max(t.c.idx), -1) + 1)
                               .where(t.c.conversation_id == conversation_id)).scalar_one()
            conn.execute(insert(t).values(
                conversation_id=conversation_id, idx=int(idx), created_at=now, question=redact(question),
                summary=redact(summary), topic=topic, grounding=grounding, region=region, in_scope=in_scope,
                safety=bool(safety), mode=mode))

    def delete(self, conversation_id: str, *, owner: str | None = None) -> bool:
        """Forget one conversation and its turns; False when there was none for this owner."""
        try:
            with self.storage.engine.begin() as conn:
                self._row(conn, conversation_id, owner)
                conn.execute(delete(schema.turns).where(schema.turns.c.conversation_id == conversation_id))
                conn.execute(delete(schema.conversations).where(schema.conversations.c.id == conversation_id))
        except NotFoundError:
            return False
        return True

    def purge_older_than(self, days: float, *, now: datetime | None = None) -> int:
        """Delete conversations not updated for `days` days; returns how many were removed."""
        if days < 0:
            raise InvalidInputError("保留天数不能为负数")
        cutoff = (now or utcnow()) - timedelta(days=days)
        c, t = schema.conversations, schema.turns
        with self.storage.engine.begin() as conn:
            old = select(c.c.id).where(c.c.updated_at < cutoff).scalar_subquery()
            conn.execute(delete(t).where(t.c.conversation_id.in_(old)))
            return int(conn.execute(delete(c).where(c.c.updated_at < cutoff)).rowcount)

    def turns_since(self, since: datetime | None = None) -> list[StoredTurn]:
        """Every stored turn from `since` on, oldest first (for staff exports and reports)."""
        t = schema.turns
        query = select(t.c.conversation_id, t.c.idx, t.c.created_at, t.c.question, t.c.summary, t.c.topic,
                       t.c.grounding, t.c.region, t.c.in_scope, t.c.safety).order_by(t.c.created_at, t.c.id)
        if since is not None:
            query = query.where(t.c.created_at >= since)
        with self.storage.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [StoredTurn(r[0], r[1], as_utc(r[2]) or utcnow(), r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]))
                for r in rows]

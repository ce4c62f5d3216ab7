"""Conversations in SQLite: redacted turns, the region and topic carried between questions, retention."""

from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answering.redact import redact
from assistant.errors import InvalidInputError
from assistant.sqlite_wal import enable_wal

_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY, created REAL NOT NULL, updated REAL NOT NULL,
    region TEXT, topic TEXT, query TEXT, known TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS turns (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, created REAL NOT NULL, question TEXT NOT NULL, summary TEXT NOT NULL,
    PRIMARY KEY (conversation_id, idx)
);
"""


@dataclass(frozen=True, slots=True)
class Turn:
    """One stored exchange (question and answer summary), already redacted."""

    question: str
    summary: str
    created: float


@dataclass(frozen=True, slots=True)
class Conversation:
    """What is remembered of one conversation."""

    id: str
    region: str | None = None
    topic: str | None = None
    query: str | None = None
    known: dict[str, str] = field(default_factory=dict)
    turns: tuple[Turn, ...] = ()


def check_id(conversation_id: str) -> str:
    """The id when it is safe to store; InvalidInputError otherwise."""
    if not _ID_RE.match(conversation_id):
        raise InvalidInputError("会话编号只能包含字母、数字、下划线和连字符，最长 64 位")
    return conversation_id


class ConversationStore:
    """SQLite-backed history; every text is redacted before it is written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        # One short-lived connection per operation keeps the store safe across API worker threads.
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=10)
        try:
            con.execute("PRAGMA foreign_keys = ON")
            if not self._ready:
                enable_wal(con)
                con.executescript(_SCHEMA)
                self._ready = True
            con.execute("PRAGMA synchronous = NORMAL")
            yield con
            con.commit()
        finally:
            con.close()

    @staticmethod
    def new_id() -> str:
        """A fresh random conversation id."""
        return uuid.uuid4().hex

    def get(self, conversation_id: str, *, last: int = 6) -> Conversation:
        """The conversation with its last turns; an unknown id gives an empty conversation."""
        check_id(conversation_id)
        with self._db() as con:
            row = con.execute("SELECT region, topic, query, known FROM conversations WHERE id = ?",
                              (conversation_id,)).fetchone()
            if row is None:
                return Conversation(conversation_id)
            turns = con.execute(
                "SELECT question, summary, created FROM turns WHERE conversation_id = ? ORDER BY idx DESC LIMIT ?",
                (conversation_id, last)).fetchall()
        return Conversation(conversation_id, row[0], row[1], row[2], json.loads(row[3] or "{}"),
                            tuple(Turn(q, s, c) for q, s, c in reversed(turns)))

    def append(
        self, conversation_id: str, question: str, summary: str, *,
        region: str | None, topic: str | None, query: str | None, known: dict[str, str] | None = None,
    ) -> None:
        """Store one exchange and the context to carry (redacted before storage)."""
        check_id(conversation_id)
        now = time.time()
        known_json = json.dumps({k: redact(v) for k, v in (known or {}).items()}, ensure_ascii=False)
        with self._db() as con:
            con.execute(
                "INSERT INTO conversations (id, created, updated, region, topic, query, known) VALUES (?,?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET updated = excluded.updated, region = excluded.region, "
                "topic = excluded.topic, query = excluded.query, known = excluded.known",
                (conversation_id, now, now, region, topic, redact(query) if query else None, known_json))
            idx = con.execute("SELECT COALESCE(MAX(idx), -1) + 1 FROM turns WHERE conversation_id = ?",
                              (conversation_id,)).fetchone()[0]
            con.execute("INSERT INTO turns VALUES (?,?,?,?,?)",
                        (conversation_id, idx, now, redact(question), redact(summary)))

    def delete(self, conversation_id: str) -> bool:
        """Forget one conversation; True when it existed."""
        check_id(conversation_id)
        with self._db() as con:
            con.execute("DELETE FROM turns WHERE conversation_id = ?", (conversation_id,))
            return con.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,)).rowcount > 0

    def purge_older_than(self, days: float) -> int:
        """Delete conversations not updated for `days` days; returns how many were removed."""
        if days < 0:
            raise InvalidInputError("保留天数不能为负数")
        cutoff = time.time() - days * 86400
        with self._db() as con:
            con.execute("DELETE FROM turns WHERE conversation_id IN (SELECT id FROM conversations WHERE updated < ?)",
                        (cutoff,))
            return con.execute("DELETE FROM conversations WHERE updated < ?", (cutoff,)).rowcount

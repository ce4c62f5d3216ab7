"""One SQLite file (settings.conversations_db) for API keys and feedback; a connection per call."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.sqlite_wal import enable_wal

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    salt TEXT NOT NULL,
    hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS api_feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT NOT NULL,
    question TEXT NOT NULL,
    conversation_id TEXT,
    client TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS api_feedback_created ON api_feedback(created_at);
"""

# Files whose schema this process has already ensured (each request then skips the DDL).
_READY: set[Path] = set()


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A short-lived connection with the schema in place, committed on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A fresh connection per call keeps threads apart; SQLite opens in well under a millisecond.
    conn = sqlite3.connect(path, timeout=10)
    try:
        if path not in _READY:
            enable_wal(conn)
            conn.executescript(SCHEMA)
            _READY.add(path)
        yield conn
        conn.commit()
    finally:
        conn.close()

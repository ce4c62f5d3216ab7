"""One storage interface for keys, conversations, feedback and documents: SQLite by default, PostgreSQL by URL.

`open_storage(settings)` builds the SQLAlchemy engine once, migrates the schema (Alembic) and hands
out the stores. SQLite lives in `data_dir/assistant.sqlite3` (file 0600, folder 0700);
`ASSISTANT_DATABASE_URL=postgresql://user@host/db` selects PostgreSQL (driver psycopg 3).
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import stat
import threading
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from assistant.config import Settings
from assistant.errors import StorageError
from assistant.sqlite_wal import enable_wal
from assistant.storage import schema
from assistant.storage.migrate import upgrade

if TYPE_CHECKING:
    from assistant.storage.conversations import ConversationStore
    from assistant.storage.documents import DocumentLog
    from assistant.storage.feedback import FeedbackStore
    from assistant.storage.keys import KeyStore


def utcnow() -> datetime:
    """The current time in UTC (what every table stores)."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite hands back naive ones)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def database_url(settings: Settings) -> str:
    """The SQLAlchemy URL: the configured one (postgresql:// gets the psycopg 3 driver) or the SQLite file."""
    url = (settings.database_url or "").strip()
    if not url:
        return f"sqlite:///{settings.conversations_db}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def private_sqlite_file(path: Path) -> None:
    """Create the data folder 0700 and the database file 0600 before SQLite opens it."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
    mode = folder.stat()
    # A shared sticky folder (/tmp) is never narrowed: that would lock every other user out of it.
    if not mode.st_mode & stat.S_ISVTX and mode.st_uid == os.geteuid():
        os.chmod(folder, 0o700)
    # SQLite gives its -wal and -shm files the database file's mode, so 0600 here covers all three.
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if extra.exists():
            os.chmod(extra, 0o600)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    if isinstance(dbapi_conn, sqlite3.Connection):
        enable_wal(dbapi_conn)
        dbapi_conn.execute("PRAGMA foreign_keys = ON")
        dbapi_conn.execute("PRAGMA synchronous = NORMAL")
        dbapi_conn.execute("PRAGMA busy_timeout = 10000")


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files are made private and switched to WAL on every connection."""
    try:
        if url.startswith("sqlite:///"):
            private_sqlite_file(Path(url[len("sqlite:///"):]))
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    except (SQLAlchemyError, ImportError, OSError) as exc:
        raise StorageError(f"无法打开数据库：{type(exc).__name__}") from exc


class Storage:
    """The engine and the stores built on it; thread-safe, one per process and database."""

    def __init__(self, engine: Engine, *, migrate: bool = True) -> None:
        self.engine = engine
        if migrate:
            try:
                self.revision = upgrade(engine)
            except SQLAlchemyError as exc:
                raise StorageError(f"数据库迁移失败：{type(exc).__name__}") from exc

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    @cached_property
    def keys(self) -> KeyStore:
        """API keys."""
        from assistant.storage.keys import KeyStore

        return KeyStore(self)

    @cached_property
    def conversations(self) -> ConversationStore:
        """Conversations and their turns."""
        from assistant.storage.conversations import ConversationStore

        return ConversationStore(self)

    @cached_property
    def feedback(self) -> FeedbackStore:
        """Feedback on answers."""
        from assistant.storage.feedback import FeedbackStore

        return FeedbackStore(self)

    @cached_property
    def documents(self) -> DocumentLog:
        """Which templates were generated (never their contents)."""
        from assistant.storage.documents import DocumentLog

        return DocumentLog(self)

    def secret(self, name: str) -> str:
        """A random secret shared by every replica of this database, generated on first use."""
        table = schema.app_secrets
        with self.engine.begin() as conn:
            row = conn.execute(select(table.c.value).where(table.c.name == name)).first()
            if row is not None:
                return str(row[0])
        value = secrets.token_urlsafe(32)
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(table).values(name=name, value=value, created_at=utcnow()))
        except IntegrityError:  # another replica created it first: use theirs
            pass
        with self.engine.begin() as conn:
            return str(conn.execute(select(table.c.value).where(table.c.name == name)).scalar_one())

    def purge(self, *, feedback_days: float, conversation_days: float) -> int:
        """The retention purge: feedback and conversations older than their limits (0 or less: keep)."""
        deleted = self.feedback.purge_older_than(feedback_days) if feedback_days > 0 else 0
        if conversation_days > 0:
            deleted += self.conversations.purge_older_than(conversation_days)
        return deleted

    def dispose(self) -> None:
        """Close pooled connections."""
        self.engine.dispose()


_OPEN: dict[str, Storage] = {}
_LOCK = threading.Lock()


def open_storage(settings: Settings) -> Storage:
    """The Storage for the configured database, migrated; built once per URL in this process."""
    url = database_url(settings)
    with _LOCK:
        storage = _OPEN.get(url)
        if storage is None or (url.startswith("sqlite:///") and not Path(url[10:]).exists()):
            storage = _OPEN[url] = Storage(make_engine(url))
        return storage

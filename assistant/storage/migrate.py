"""Versioned migrations (Alembic): upgrade at startup, refuse a schema newer than this code."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from assistant.errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant: replicas starting together take turns migrating a PostgreSQL database.
_PG_LOCK = 0x6C6177


def _config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest revision this code knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> str:
    """Bring the database to the newest revision; StorageError when it is newer than this code."""
    script = ScriptDirectory.from_config(_config())
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        current = MigrationContext.configure(conn).get_current_revision()
        if current is not None and current not in {r.revision for r in script.walk_revisions()}:
            raise StorageError(
                f"数据库结构版本（{current}）比当前程序新，请先升级程序再启动。"
                f"The database schema (revision {current}) is newer than this code "
                f"(head {script.get_current_head()}): upgrade the assistant before starting it."
            )
        command.upgrade(_config(conn), "head")
    return head_revision()

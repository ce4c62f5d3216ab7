"""Everything a database holds, as text: every row of every table (SQLite or PostgreSQL), for leak checks."""

from __future__ import annotations

from sqlalchemy import MetaData, select

from assistant.storage import Storage


def dump_database(storage: Storage) -> str:
    """Every table name and every row, one line each."""
    meta = MetaData()
    meta.reflect(storage.engine)
    lines: list[str] = []
    with storage.engine.connect() as conn:
        for table in meta.sorted_tables:
            lines.append(f"# {table.name}")
            lines += [repr(tuple(row)) for row in conn.execute(select(table))]
    return "\n".join(lines)

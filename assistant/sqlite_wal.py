"""SQLite helper shared by the conversation store and the API's tables."""

from __future__ import annotations

import sqlite3
import time


def enable_wal(conn: sqlite3.Connection, attempts: int = 50) -> None:
    """Switch the database to WAL; SQLite refuses at once (no busy wait) while another connection writes."""
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)

"""API keys: created once (the plain key is shown once), stored as salted SHA-256, revocable."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.api.db import connect
from assistant.errors import NotFoundError

PREFIX = "ak"


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored key without its secret."""

    id: str
    name: str
    created_at: str
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        """True until revoked."""
        return self.revoked_at is None


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class KeyStore:
    """API keys in the SQLite file; the plain secret never touches the disk."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def create(self, name: str) -> tuple[ApiKey, str]:
        """A new key and its plain text (ak_<id>_<secret>), which cannot be recovered later."""
        key_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(24), secrets.token_hex(16)
        key = ApiKey(key_id, name.strip() or "未命名", _now())
        with connect(self.path) as conn:
            conn.execute(
                "INSERT INTO api_keys(id, name, salt, hash, created_at) VALUES (?, ?, ?, ?, ?)",
                (key.id, key.name, salt, _digest(salt, secret), key.created_at),
            )
        return key, f"{PREFIX}_{key_id}_{secret}"

    def list(self) -> list[ApiKey]:
        """Every key, oldest first, revoked ones included."""
        with connect(self.path) as conn:
            rows = conn.execute(
                "SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY created_at, id"
            )
            return [ApiKey(*row) for row in rows]

    def revoke(self, key_id: str) -> ApiKey:
        """Mark a key revoked; NotFoundError when the id is unknown."""
        with connect(self.path) as conn:
            row = conn.execute(
                "SELECT id, name, created_at, revoked_at FROM api_keys WHERE id = ?", (key_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"没有编号为 {key_id} 的密钥")
            if row[3] is None:
                conn.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?", (_now(), key_id))
        return next(k for k in self.list() if k.id == key_id)

    def verify(self, plain: str) -> ApiKey | None:
        """The active key matching `plain`, or None (unknown, malformed or revoked)."""
        parts = plain.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX:
            return None
        with connect(self.path) as conn:
            row = conn.execute(
                "SELECT id, name, created_at, revoked_at, salt, hash FROM api_keys WHERE id = ?", (parts[1],)
            ).fetchone()
        if row is None or row[3] is not None:
            return None
        if not hmac.compare_digest(_digest(row[4], parts[2]), row[5]):
            return None
        return ApiKey(row[0], row[1], row[2], row[3])

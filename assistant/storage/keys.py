"""API keys: created once (the plain key is shown once), stored as salted SHA-256, revocable, with scopes.

Scopes: `ask` is everything a union app does today (questions, search, documents, calculators,
feedback); `admin` reads the demand statistics (`GET /v1/admin/stats`). A key holds the scopes it was
created with; the public widget key never holds `admin`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update

from assistant.errors import InvalidInputError, NotFoundError
from assistant.storage import as_utc, schema, utcnow

if TYPE_CHECKING:
    from assistant.storage import Storage

PREFIX = "ak"
ASK, ADMIN = "ask", "admin"
SCOPES = {ASK: "提问、检索、文书、计算器、反馈（默认）", ADMIN: "读取需求统计（/v1/admin/stats）"}


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored key without its secret."""

    id: str
    name: str
    created_at: str
    revoked_at: str | None = None
    scopes: tuple[str, ...] = (ASK,)

    @property
    def active(self) -> bool:
        """True until revoked."""
        return self.revoked_at is None


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


def check_scopes(scopes: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The scopes in canonical order; InvalidInputError in Chinese naming an unknown one."""
    wanted = {s.strip().lower() for s in scopes if s.strip()}
    unknown = sorted(wanted - set(SCOPES))
    if unknown:
        known = "、".join(f"{k}（{v}）" for k, v in SCOPES.items())
        raise InvalidInputError(f"未知的权限范围：{'、'.join(unknown)}；可选：{known}")
    if not wanted:
        raise InvalidInputError("至少需要一个权限范围，如 ask 或 admin")
    return tuple(s for s in SCOPES if s in wanted)


def _scopes(value: str | None) -> tuple[str, ...]:
    return tuple(s for s in (value or ASK).split() if s in SCOPES)


def _iso(value: datetime | None) -> str | None:
    dt = as_utc(value)
    return dt.isoformat(timespec="seconds") if dt else None


class KeyStore:
    """API keys in the database; the plain secret never touches the disk."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def create(self, name: str, scopes: tuple[str, ...] | list[str] = (ASK,)) -> tuple[ApiKey, str]:
        """A new key with `scopes` and its plain text (ak_<id>_<secret>), which cannot be recovered later."""
        granted = check_scopes(scopes)
        key_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(24), secrets.token_hex(16)
        now = utcnow()
        with self.storage.engine.begin() as conn:
            conn.execute(insert(schema.api_keys).values(
                id=key_id, name=name.strip()[:200] or "未命名", salt=salt, hash=_digest(salt, secret), created_at=now,
                scopes=" ".join(granted)))
        key = ApiKey(key_id, name.strip()[:200] or "未命名", _iso(now) or "", scopes=granted)
        return key, f"{PREFIX}_{key_id}_{secret}"

    def list(self) -> list[ApiKey]:
        """Every key, oldest first, revoked ones included."""
        t = schema.api_keys
        with self.storage.engine.connect() as conn:
            rows = conn.execute(select(t.c.id, t.c.name, t.c.created_at, t.c.revoked_at, t.c.scopes)
                                .order_by(t.c.created_at, t.c.id)).all()
        return [ApiKey(r[0], r[1], _iso(r[2]) or "", _iso(r[3]), _scopes(r[4])) for r in rows]

    def revoke(self, key_id: str) -> ApiKey:
        """Mark a key revoked; NotFoundError when the id is unknown."""
        t = schema.api_keys
        with self.storage.engine.begin() as conn:
            row = conn.execute(select(t.c.revoked_at).where(t.c.id == key_id)).first()
            if row is None:
                raise NotFoundError(f"没有编号为 {key_id[:40]} 的密钥")
            if row[0] is None:
                conn.execute(update(t).where(t.c.id == key_id).values(revoked_at=utcnow()))
        return next(k for k in self.list() if k.id == key_id)

    def verify(self, plain: str) -> ApiKey | None:
        """The active key matching `plain`, or None (unknown, malformed or revoked)."""
        parts = plain.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX or len(parts[1]) > 32:
            return None
        t = schema.api_keys
        with self.storage.engine.connect() as conn:
            row = conn.execute(select(t.c.id, t.c.name, t.c.created_at, t.c.revoked_at, t.c.salt, t.c.hash,
                                      t.c.scopes).where(t.c.id == parts[1])).first()
        if row is None or row[3] is not None:
            return None
        if not hmac.compare_digest(_digest(row[4], parts[2]), row[5]):
            return None
        return ApiKey(row[0], row[1], _iso(row[2]) or "", scopes=_scopes(row[6]))

"""Request limits through the `limits` library (memory, or Redis shared by replicas), RateLimit headers,
and a bounded request body."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, RedisStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.config import Settings
from assistant.errors import AudioTooLargeError, RateLimitedError, StorageError

T = TypeVar("T")
AUTH_FAILED_MESSAGE = "身份验证失败次数过多，请在 {s} 秒后再试"


@dataclass(frozen=True, slots=True)
class Quota:
    """Where one caller stands against the tightest limit applied: sent as RateLimit-* headers."""

    limit: int
    remaining: int
    reset: int  # seconds until a request is allowed again (or the window frees one)

    def headers(self) -> dict[str, str]:
        """RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset."""
        return {"RateLimit-Limit": str(self.limit), "RateLimit-Remaining": str(self.remaining),
                "RateLimit-Reset": str(self.reset)}


class RateLimits:
    """Named limits over one storage: moving windows per identity, in memory or in Redis."""

    def __init__(self, settings: Settings) -> None:
        url = settings.redis_url or "memory://"
        try:
            storage = storage_from_string(url)
            assert isinstance(storage, MemoryStorage | RedisStorage)  # the sync storages, not limits.aio
            self.storage = storage
        except Exception as exc:  # the limits library raises several kinds for a bad URL or a missing driver
            raise StorageError(f"无法连接限流存储：{type(exc).__name__}") from exc
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.enabled = settings.rate_limits
        self.items: dict[str, list[RateLimitItem]] = {
            "key": parse_many(settings.key_limit),
            "widget": parse_many(settings.widget_limit),
            "address": parse_many(settings.address_limit),
            "auth_failure": parse_many(settings.auth_failure_limit),
            "widget_token": parse_many(settings.widget_token_limit),
        }

    def _call(self, fn: Callable[..., T], *args: object) -> T:
        try:
            return fn(*args)
        except RateLimitedError:
            raise
        except Exception as exc:  # Redis down: refuse rather than serve without the promised limits
            raise StorageError(f"限流存储不可用：{type(exc).__name__}") from exc

    def hit(self, name: str, identity: str, *, message: str | None = None) -> Quota | None:
        """Count one request of `identity` against every limit `name`; RateLimitedError when one is spent."""
        if not self.enabled:
            return None
        tightest: Quota | None = None
        for item in self.items[name]:
            if not self._call(self.limiter.hit, item, name, identity):
                wait = self._wait(item, name, identity)
                exc = RateLimitedError(wait, message.format(s=wait) if message else None)
                exc.limit = int(item.amount)
                raise exc
            quota = self._quota(item, name, identity)
            if tightest is None or quota.remaining < tightest.remaining:
                tightest = quota
        return tightest

    def _wait(self, item: RateLimitItem, name: str, identity: str) -> int:
        stats = self._call(self.limiter.get_window_stats, item, name, identity)
        return max(1, math.ceil(stats.reset_time - time.time()))

    def _quota(self, item: RateLimitItem, name: str, identity: str) -> Quota:
        stats = self._call(self.limiter.get_window_stats, item, name, identity)
        reset = max(0, math.ceil(stats.reset_time - time.time()))
        return Quota(item.amount, stats.remaining, reset)

    def blocked(self, name: str, identity: str) -> int | None:
        """Seconds to wait when `identity` has spent limit `name` (without counting a request), else None."""
        if not self.enabled:
            return None
        for item in self.items[name]:
            if not self._call(self.limiter.test, item, name, identity):
                return self._wait(item, name, identity)
        return None

    def reset(self) -> None:
        """Forget every counter (tests, and an operator's emergency)."""
        self._call(self.storage.reset)

    def healthy(self) -> bool:
        """True when the limit storage answers."""
        try:
            return bool(self.storage.check())
        except Exception:
            return False


class RateLimitHeadersMiddleware:
    """Adds RateLimit-* headers from `scope["state"]["quota"]` (set by authentication) to the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass through, adding the headers when the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                quota = scope.get("state", {}).get("quota")
                if isinstance(quota, Quota):
                    extra = [(k.lower().encode(), v.encode()) for k, v in quota.headers().items()]
                    message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


SPEECH_PATH = "/v1/speech"
MULTIPART_SLACK = 64 * 1024  # boundaries, part headers and the small form fields around the recording


def body_limit(path: str, settings: Settings) -> int:
    """The largest body accepted on `path`: a recording (plus multipart framing) on the speech route only."""
    if path == SPEECH_PATH:
        return settings.asr_max_bytes + MULTIPART_SLACK
    return settings.max_body_bytes


def too_large(path: str, settings: Settings) -> tuple[str, str]:
    """The code and Chinese message of a 413 on `path`."""
    if path == SPEECH_PATH:
        err = AudioTooLargeError(settings.asr_max_bytes)
        return err.code, err.message
    return "payload_too_large", too_large_message(settings.max_body_bytes)


class BodyLimitMiddleware:
    """Refuse bodies over the path's limit with 413, by Content-Length up front or while streaming in."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass through, counting the body as it is received."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        max_bytes = body_limit(path, self.settings)
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > max_bytes:
                await self._reject(send, path)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_bytes:
                    # Raised inside the route's body read, so the app's one error handler answers it.
                    raise HTTPException(413)
            return message

        await self.app(scope, counted, send)

    async def _reject(self, send: Send, path: str) -> None:
        from assistant.api.errors import error_body

        body = error_body(*too_large(path, self.settings))
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def too_large_message(max_bytes: int) -> str:
    """The Chinese message for an oversized body."""
    return f"请求内容过大，请控制在 {max_bytes // 1024} KB 以内"

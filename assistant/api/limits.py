"""Request limits: in-memory token buckets per key and per client, and a bounded request body."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import RateLimitedError


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """One bucket per name: `burst` tokens, refilled at `rate_per_minute`; thread-safe."""

    def __init__(
        self,
        rate_per_minute: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_buckets: int = 100_000,
    ) -> None:
        self.rate = max(rate_per_minute, 1e-6) / 60.0
        self.burst = max(burst, 1)
        self.clock = clock
        self.max_buckets = max_buckets
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, name: str) -> None:
        """Spend one token; RateLimitedError with the wait in whole seconds when the bucket is empty."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(name)
            if bucket is None:
                if len(self._buckets) >= self.max_buckets:
                    self._prune(now)
                bucket = self._buckets[name] = _Bucket(float(self.burst), now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
            if bucket.tokens < 1.0:
                raise RateLimitedError(max(1, math.ceil((1.0 - bucket.tokens) / self.rate)))
            bucket.tokens -= 1.0

    def _prune(self, now: float) -> None:
        # Full buckets carry no state worth keeping; dropping them bounds memory under many clients.
        full = [k for k, b in self._buckets.items() if b.tokens + (now - b.stamp) * self.rate >= self.burst]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self.max_buckets:
            self._buckets.clear()


class BodyLimitMiddleware:
    """Refuse bodies over `max_bytes` with 413, by Content-Length up front or while streaming in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass through, counting the body as it is received."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await self._reject(send)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # Raised inside the route's body read, so the app's one error handler answers it.
                    raise HTTPException(413)
            return message

        await self.app(scope, counted, send)

    async def _reject(self, send: Send) -> None:
        from assistant.api.errors import error_body

        body = error_body("payload_too_large", too_large_message(self.max_bytes))
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

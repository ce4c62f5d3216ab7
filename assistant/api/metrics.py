"""Prometheus metrics and the access log, from one ASGI middleware.

Labels come from bounded sets only: the route template ("unmatched" for unknown paths), a fixed set of
methods ("other" for anything else) and the status code. Paths are logged redacted and escaped.
"""

from __future__ import annotations

import logging
import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.logs import clean_path
from assistant.privacy import pseudonym

access_log = logging.getLogger("assistant.access")
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def method_label(method: str) -> str:
    """The method when it is a standard one, else 'other' (any token is a valid HTTP method name)."""
    return method if method in METHODS else "other"


class Metrics:
    """The app's own registry (one per app, so tests can build many apps)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "assistant_http_requests",
            "HTTP requests by route and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "assistant_http_request_duration_seconds",
            "Time to the last byte",
            ["route"],
            registry=self.registry,
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.in_flight = Gauge("assistant_http_in_flight", "Requests being served", registry=self.registry)
        self.answers = Counter(
            "assistant_answers",
            "Answers by mode and grounding",
            ["mode", "grounding"],
            registry=self.registry,
        )
        self.feedback = Counter(
            "assistant_feedback", "Feedback received", ["helpful"], registry=self.registry
        )
        self.records = Gauge("assistant_index_records", "Records in the search index", registry=self.registry)


class MetricsMiddleware:
    """Counts and times every HTTP request by route template, and writes one access-log line."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap `send` to catch the status; record when the response is over."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, watched)
        finally:
            self.metrics.in_flight.dec()
            elapsed = time.perf_counter() - start
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = method_label(str(scope.get("method", "")))
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(route).observe(elapsed)
            client = scope.get("client")
            path = clean_path(scope.get("path", ""))
            # No query string and no raw address: questions may carry personal data.
            access_log.info(
                "%s %s %d", method, path, status,
                extra={"method": method, "path": path, "route": route, "status": status,
                       "ms": round(elapsed * 1000, 1), "client": pseudonym(client[0]) if client else "-"},
            )

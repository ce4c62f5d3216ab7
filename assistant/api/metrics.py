"""Prometheus metrics and the access log, from one ASGI middleware; paths are logged redacted."""

from __future__ import annotations

import logging
import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.privacy import pseudonym, redact

access_log = logging.getLogger("assistant.access")


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
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(route).observe(elapsed)
            client = scope.get("client")
            # No query string and no raw address: questions may carry phone or ID numbers.
            access_log.info(
                "%s %s %d %.1fms client=%s",
                scope["method"],
                redact(scope.get("path", "")),
                status,
                elapsed * 1000,
                pseudonym(client[0]) if client else "-",
            )

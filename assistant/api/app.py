"""create_app: the FastAPI app, with the runtime and answer service loaded once in the lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import html
import importlib
import inspect
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from assistant.api.deps import AppState
from assistant.api.errors import handle_error
from assistant.api.feedback import purge_expired
from assistant.api.keys import KeyStore
from assistant.api.limits import BodyLimitMiddleware, TokenBuckets
from assistant.api.metrics import Metrics, MetricsMiddleware
from assistant.api.privacy import install_log_redaction
from assistant.api.routes import ask, calc, documents, meta, search
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.runtime import Runtime, open_runtime

log = logging.getLogger("assistant.api")
PURGE_EVERY_S = 6 * 3600


def make_answer_service(runtime: Runtime, settings: Settings) -> Any:
    """An AnswerService when assistant.answering is installed, else None (ask routes answer 503)."""
    try:
        module = importlib.import_module("assistant.answering")
    except ModuleNotFoundError as exc:
        if exc.name not in ("assistant.answering",):
            raise
        log.warning("assistant.answering 未安装：/v1/ask 将返回 503")
        return None
    cls = getattr(module, "AnswerService", None)
    if cls is None:  # the package is still being written (no __init__ yet)
        log.warning("assistant.answering 尚无 AnswerService：/v1/ask 将返回 503")
        return None
    params = inspect.signature(cls).parameters
    if "settings" in params:
        return cls(runtime, settings=settings)
    return cls(runtime)


async def _purge_loop(settings: Settings) -> None:
    while True:
        try:
            await run_in_threadpool(purge_expired, settings)
        except Exception as exc:  # retention must never take the server down
            log.error("retention purge failed: %s", type(exc).__name__)
        await asyncio.sleep(PURGE_EVERY_S)


def _static(name: str) -> str:
    return files("assistant.api").joinpath("static", name).read_text(encoding="utf-8")


def create_app(
    settings: Settings | None = None, *, runtime: Runtime | None = None, answers: Any = None
) -> FastAPI:
    """The API app; `runtime`/`answers` may be passed in (tests share one), else loaded at startup."""
    settings = settings or Settings()
    install_log_redaction()
    metrics = Metrics()
    state = AppState(
        settings=settings,
        metrics=metrics,
        keys=KeyStore(settings.conversations_db),
        key_buckets=TokenBuckets(settings.key_rate_per_minute, settings.key_burst),
        client_buckets=TokenBuckets(settings.client_rate_per_minute, settings.client_burst),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loaded: Runtime = runtime if runtime is not None else await run_in_threadpool(open_runtime, settings)
        state.runtime = loaded
        state.answers = (
            answers if answers is not None else await run_in_threadpool(make_answer_service, loaded, settings)
        )
        metrics.records.set(loaded.index.manifest.records)
        purger = asyncio.create_task(_purge_loop(settings))
        try:
            yield
        finally:
            purger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purger

    app = FastAPI(
        title="女职工维权法律助手 API",
        version="1.0.0",
        lifespan=lifespan,
        description="检索法条与案例、带引用的问答、生成维权文书。除 /healthz、/readyz、/metrics 外，"
        "所有 /v1 接口需在请求头 X-API-Key 中提供密钥。",
    )
    app.state.settings = settings
    app.state.assistant = state
    for exc_type in (AssistantError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(exc_type, handle_error)
    for router in (ask.router, search.router, documents.router, calc.router, meta.router):
        app.include_router(router)

    widget_js, demo_html = _static("widget.js"), _static("index.html")

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> Response:
        return Response(
            widget_js,
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @app.get("/", include_in_schema=False)
    def demo() -> HTMLResponse:
        return HTMLResponse(demo_html.replace("{{WIDGET_KEY}}", html.escape(settings.widget_key or "")))

    # Outermost last: metrics see every response, CORS answers preflights, the body limit runs first.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "X-API-Key", "Authorization"],
        expose_headers=["Content-Disposition", "Retry-After", "X-Document-Warnings"],
        max_age=600,
    )
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app

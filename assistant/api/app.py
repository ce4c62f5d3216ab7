"""create_app: the FastAPI app, with storage, limits, the runtime and the answer service built once."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import importlib
import inspect
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

import anyio
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from assistant.api.auth import TOKEN_HEADER, Authenticator, WidgetTokens, widget_secret
from assistant.api.deps import AppState
from assistant.api.docs import declare_security, mount_docs
from assistant.api.errors import handle_error
from assistant.api.headers import DEMO_CSP, SecurityHeadersMiddleware
from assistant.api.limits import BodyLimitMiddleware, RateLimitHeadersMiddleware, RateLimits
from assistant.api.logs import install_log_redaction
from assistant.api.metrics import Metrics, MetricsMiddleware
from assistant.api.routes import admin, ask, calc, conversations, documents, meta, search, speech
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.privacy import set_pseudonym_salt
from assistant.runtime import Runtime, open_runtime
from assistant.speech import SpeechClient
from assistant.storage import Storage, open_storage

log = logging.getLogger("assistant.api")
PURGE_EVERY_S = 6 * 3600
RATE_HEADERS = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]


def make_answer_service(runtime: Runtime, settings: Settings, storage: Storage | None = None) -> Any:
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
    kwargs: dict[str, Any] = {}
    if "settings" in params:
        kwargs["settings"] = settings
    if "store" in params:
        kwargs["store"] = (storage or open_storage(settings)).conversations
    return cls(runtime, **kwargs)


def index_fingerprint(settings: Settings) -> str:
    """A hash of the index manifest: equal on every replica serving the same build."""
    path = settings.index_dir / "manifest.json"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else ""


async def _purge_loop(state: AppState) -> None:
    settings = state.settings
    while True:
        try:
            deleted = await run_in_threadpool(
                state.storage.purge, feedback_days=settings.retention_days,
                conversation_days=settings.conversation_retention_days)
            if deleted:
                log.info("retention: deleted %d rows", deleted)
        except Exception as exc:  # retention must never take the server down
            log.error("retention purge failed: %s", type(exc).__name__)
        await asyncio.sleep(PURGE_EVERY_S)


def _static(name: str) -> str:
    return files("assistant.api").joinpath("static", name).read_text(encoding="utf-8")


def create_app(
    settings: Settings | None = None, *, runtime: Runtime | None = None, answers: Any = None,
    storage: Storage | None = None,
) -> FastAPI:
    """The API app; `runtime`/`answers`/`storage` may be passed in (tests share them), else loaded here."""
    settings = settings or Settings()
    install_log_redaction()
    metrics = Metrics()
    storage = storage or open_storage(settings)  # migrates, or refuses a schema newer than this code
    # Every replica of one database keys its address hashes alike, so limits in Redis line up.
    set_pseudonym_salt(storage.secret("address-salt"))
    limits = RateLimits(settings)
    tokens = WidgetTokens(widget_secret(settings, storage), settings.widget_token_days)
    state = AppState(settings=settings, metrics=metrics, storage=storage, limits=limits,
                     auth=Authenticator(settings, limits, storage, tokens), speech=SpeechClient(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.answer_pool = anyio.CapacityLimiter(max(1, settings.answer_threads))
        loaded: Runtime = runtime if runtime is not None else await run_in_threadpool(open_runtime, settings)
        state.runtime = loaded
        state.extra["index_fingerprint"] = index_fingerprint(settings)
        state.answers = (
            answers if answers is not None
            else await run_in_threadpool(make_answer_service, loaded, settings, storage)
        )
        metrics.records.set(loaded.index.manifest.records)
        purger = asyncio.create_task(_purge_loop(state))
        try:
            yield
        finally:
            purger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purger
            if state.speech is not None:
                await state.speech.aclose()

    openapi_url = "/openapi.json" if settings.docs_enabled else None
    app = FastAPI(
        title="女职工维权法律助手 API",
        version="1.0.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=openapi_url,
        description="检索法条与案例、带引用的问答、生成维权文书。除 /healthz、/readyz、/metrics 外，"
        "所有 /v1 接口需在请求头 X-API-Key 中提供密钥；问答组件另需 X-Widget-Token。",
    )
    app.state.settings = settings
    app.state.assistant = state
    for exc_type in (AssistantError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(exc_type, handle_error)
    for router in (ask.router, conversations.router, search.router, documents.router, calc.router, speech.router,
                   meta.router, admin.router):
        app.include_router(router)
    declare_security(app)
    if openapi_url is not None:
        mount_docs(app, openapi_url)

    widget_js, demo_html, demo_css = _static("widget.js"), _static("index.html"), _static("demo.css")
    # The privacy notice in the widget states this server's own retention settings.
    widget_js = widget_js.replace("{{CONVERSATION_RETENTION_DAYS}}", str(settings.conversation_retention_days)).replace(
        "{{FEEDBACK_RETENTION_DAYS}}", str(settings.retention_days))

    @app.get("/widget.js", include_in_schema=False)
    def widget() -> Response:
        return Response(
            widget_js,
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @app.get("/demo.css", include_in_schema=False)
    def demo_style() -> Response:
        return Response(demo_css, media_type="text/css; charset=utf-8", headers={"Cache-Control": "public, max-age=300"})

    @app.get("/", include_in_schema=False)
    def demo() -> HTMLResponse:
        page = demo_html.replace("{{WIDGET_KEY}}", html.escape(settings.widget_key or ""))
        return HTMLResponse(page, headers={"Content-Security-Policy": DEMO_CSP})

    # Outermost last: metrics see every response, security headers cover errors and preflights too.
    app.add_middleware(BodyLimitMiddleware, settings=settings)
    app.add_middleware(RateLimitHeadersMiddleware)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "X-API-Key", "Authorization", TOKEN_HEADER],
        expose_headers=["Content-Disposition", "Retry-After", "X-Document-Warnings", *RATE_HEADERS],
        max_age=600,
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return app

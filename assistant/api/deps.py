"""Shared state loaded once in the lifespan, and the Annotated dependencies routes ask for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from assistant.api.auth import Authenticator, Client
from assistant.api.limits import RateLimits
from assistant.api.metrics import Metrics
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.runtime import Runtime
from assistant.speech import SpeechClient
from assistant.storage import Storage
from assistant.storage.keys import ADMIN, ASK

T = TypeVar("T")


class ServiceUnavailableError(AssistantError):
    """A part of the service (index, answering) is not loaded yet or at all."""

    code = "unavailable"
    http_status = 503


@dataclass
class AppState:
    """Everything the routes need, built once per app."""

    settings: Settings
    metrics: Metrics
    storage: Storage
    limits: RateLimits
    auth: Authenticator
    runtime: Runtime | None = None
    answers: Any = None  # assistant.answering.AnswerService, when that module is installed
    speech: SpeechClient | None = None  # the recogniser's client (POST /v1/speech), one pool per app
    # Answering is CPU-bound Python: a few threads, queued in arrival order, give every request (plain or
    # streamed) a fair turn; forty threads fighting for the GIL (the default pool) made the tail much slower.
    answer_pool: anyio.CapacityLimiter | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    async def in_answer_pool(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` in the fair answer pool (shared by /v1/ask, /v1/chat and /v1/ask/stream)."""
        if self.answer_pool is None:
            self.answer_pool = anyio.CapacityLimiter(max(1, self.settings.answer_threads))
        return await anyio.to_thread.run_sync(lambda: fn(*args, **kwargs), limiter=self.answer_pool)


async def get_state(request: Request) -> AppState:
    """The app's state."""
    state: AppState = request.app.state.assistant
    return state


State = Annotated[AppState, Depends(get_state)]


def get_runtime(state: State) -> Runtime:
    """The loaded runtime; 503 while it is not."""
    if state.runtime is None:
        raise ServiceUnavailableError("检索服务尚未就绪，请稍后再试")
    return state.runtime


def get_answers(state: State) -> Any:
    """The AnswerService; 503 when the answering module is not installed."""
    if state.answers is None:
        raise ServiceUnavailableError("问答服务暂不可用，请稍后再试")
    return state.answers


def _caller(request: Request, state: AppState, scope: str) -> Client:
    client, quota = state.auth.authenticate(request, scope)
    if quota is not None:
        request.scope.setdefault("state", {})["quota"] = quota
    return client


# Declared for the OpenAPI spec (the Authorize button in /docs); the Authenticator reads the headers itself,
# so a missing key is answered by it in Chinese, never by these declarations.
API_KEY = APIKeyHeader(name="X-API-Key", scheme_name="ApiKey", auto_error=False,
                       description="应用密钥 ak_…（assistant keys create 发放），或问答组件的公开组件密钥")
WIDGET_TOKEN = APIKeyHeader(name="X-Widget-Token", scheme_name="WidgetToken", auto_error=False,
                            description="问答组件的浏览器令牌（POST /v1/widget/token），与组件密钥一起发送")
BEARER = HTTPBearer(scheme_name="Bearer", auto_error=False, description="也可以用 Authorization: Bearer ak_… 发送应用密钥")


def authenticate(
    request: Request, state: State,
    _key: Annotated[str | None, Security(API_KEY)] = None,
    _token: Annotated[str | None, Security(WIDGET_TOKEN)] = None,
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)] = None,
) -> Client:
    """The authenticated caller with the `ask` scope; its remaining quota goes out as RateLimit-* headers."""
    return _caller(request, state, ASK)


def authenticate_admin(
    request: Request, state: State,
    _key: Annotated[str | None, Security(API_KEY)] = None,
    _token: Annotated[str | None, Security(WIDGET_TOKEN)] = None,
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)] = None,
) -> Client:
    """The authenticated caller with the `admin` scope (403 forbidden for any other key, the widget included)."""
    return _caller(request, state, ADMIN)


Caller = Annotated[Client, Depends(authenticate)]
AdminCaller = Annotated[Client, Depends(authenticate_admin)]
Loaded = Annotated[Runtime, Depends(get_runtime)]
Answers = Annotated[Any, Depends(get_answers)]

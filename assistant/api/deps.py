"""Shared state loaded once in the lifespan, and the Annotated dependencies routes ask for."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, Request

from assistant.api.keys import KeyStore
from assistant.api.limits import TokenBuckets
from assistant.api.metrics import Metrics
from assistant.api.privacy import pseudonym
from assistant.config import Settings
from assistant.errors import AssistantError, AuthError
from assistant.runtime import Runtime


class ServiceUnavailableError(AssistantError):
    """A part of the service (index, answering) is not loaded yet or at all."""

    code = "unavailable"
    http_status = 503


@dataclass
class AppState:
    """Everything the routes need, built once per app."""

    settings: Settings
    metrics: Metrics
    keys: KeyStore
    key_buckets: TokenBuckets
    client_buckets: TokenBuckets
    runtime: Runtime | None = None
    answers: Any = None  # assistant.answering.AnswerService, when that module is installed
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Client:
    """Who is calling: the key's name (or 'widget'/'anonymous') and a hash of the address."""

    key: str
    address: str


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


def _presented_key(request: Request) -> str | None:
    header = request.headers.get("x-api-key")
    if header:
        return header.strip()
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return None


def request_origin(request: Request) -> str | None:
    """The browser origin of a request: Origin, else the origin part of Referer."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return origin.rstrip("/")
    referer = request.headers.get("referer")
    if referer:
        parts = urlsplit(referer)
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    return None


def _origin_allowed(request: Request, settings: Settings) -> bool:
    origin = request_origin(request)
    if origin is None:
        return False
    own = f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"
    return origin == own or origin in {o.rstrip("/") for o in settings.allowed_origins}


def authenticate(request: Request, state: State) -> Client:
    """Check the API key (or the widget key from an allowed origin) and spend rate-limit tokens."""
    settings = state.settings
    address = pseudonym(request.client.host if request.client else "-")
    presented = _presented_key(request)
    if not settings.api_auth:
        client = Client("anonymous", address)
    elif presented is None:
        raise AuthError("缺少访问密钥：请在请求头 X-API-Key 中提供")
    elif settings.widget_key and presented == settings.widget_key:
        if not _origin_allowed(request, settings):
            raise AuthError("此网页来源未被允许使用问答组件")
        client = Client("widget", address)
    else:
        key = state.keys.verify(presented)
        if key is None:
            raise AuthError("访问密钥无效或已被吊销")
        client = Client(f"key:{key.id}", address)
    if settings.rate_limits:
        state.client_buckets.take(address)
        if client.key not in ("anonymous", "widget"):  # the public widget key is shared by every visitor
            state.key_buckets.take(client.key)
    return client


Caller = Annotated[Client, Depends(authenticate)]
Loaded = Annotated[Runtime, Depends(get_runtime)]
Answers = Annotated[Any, Depends(get_answers)]

"""Who is calling: API keys, the public widget key with its signed per-browser token, and auth throttling.

An app key is limited per key only (a union backend on one address gets its whole quota). The widget
key is public, so a widget call must also carry a token this server signed (`POST /v1/widget/token`);
it is limited per token and, more loosely, per client address (many workers share a carrier-NAT
address). Failed attempts are counted per client address and refused with 429 once too many.
Every route names the scope it needs (`ask` or `admin`); a known caller without it gets 403 `forbidden`.
The widget and keyless demo callers hold `ask` only; `admin` needs an app key created with it, always.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from assistant.api.limits import AUTH_FAILED_MESSAGE, Quota, RateLimits
from assistant.config import Settings
from assistant.errors import AuthError, ForbiddenError, RateLimitedError, WidgetTokenError
from assistant.privacy import pseudonym
from assistant.storage import Storage
from assistant.storage.keys import ADMIN, ASK, SCOPES

TOKEN_HEADER = "x-widget-token"
_SALT = "assistant.widget-token.v1"


@dataclass(frozen=True, slots=True)
class Client:
    """The caller: `key` names the credential ('key:<id>', 'widget', 'anonymous'), `owner` owns conversations."""

    key: str
    address: str
    owner: str
    scopes: frozenset[str] = frozenset({ASK})

    @property
    def kind(self) -> str:
        """'key', 'widget' or 'anonymous' (what feedback and document rows record)."""
        return self.key.split(":", 1)[0]


class WidgetTokens:
    """Signed, expiring browser tokens for the public widget key (itsdangerous, secret kept server-side)."""

    def __init__(self, secret: str, max_age_days: int) -> None:
        self.serializer = URLSafeTimedSerializer(secret, salt=_SALT, signer_kwargs={"digest_method": hashlib.sha256})
        self.max_age = max(1, max_age_days) * 86400

    def issue(self) -> str:
        """A new token for a new browser."""
        return str(self.serializer.dumps({"b": secrets.token_hex(16)}))

    def browser(self, token: str) -> str | None:
        """The browser id inside a valid token, else None (forged, expired or malformed)."""
        if not token or len(token) > 300:
            return None
        try:
            data = self.serializer.loads(token, max_age=self.max_age)
        except (BadSignature, SignatureExpired):
            return None
        value = data.get("b") if isinstance(data, dict) else None
        return value if isinstance(value, str) and len(value) == 32 else None


def widget_secret(settings: Settings, storage: Storage) -> str:
    """The configured secret key, or one generated once and kept in the (private) database."""
    if settings.secret_key is not None and settings.secret_key.get_secret_value():
        return settings.secret_key.get_secret_value()
    return storage.secret("widget-token")


def presented_key(request: Request) -> str | None:
    """The key from X-API-Key or `Authorization: Bearer`."""
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


def origin_allowed(request: Request, settings: Settings) -> bool:
    """True for the server's own origin and the configured allow-list."""
    origin = request_origin(request)
    if origin is None:
        return False
    own = f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"
    return origin == own or origin in {o.rstrip("/") for o in settings.allowed_origins}


def client_address(request: Request) -> str:
    """A hash of the client address (uvicorn has applied X-Forwarded-For only from trusted proxies)."""
    return pseudonym(request.client.host if request.client else "-")


class Authenticator:
    """Checks credentials, counts failures per address and spends the caller's rate limits."""

    def __init__(self, settings: Settings, limits: RateLimits, storage: Storage, tokens: WidgetTokens) -> None:
        self.settings = settings
        self.limits = limits
        self.storage = storage
        self.tokens = tokens

    def _fail(self, address: str, error: AuthError) -> AuthError:
        self.limits.hit("auth_failure", address, message=AUTH_FAILED_MESSAGE)
        return error

    def _throttle(self, address: str) -> None:
        # Too many failures from this address: refuse before even looking at the credential.
        wait = self.limits.blocked("auth_failure", address)
        if wait is not None:
            exc = RateLimitedError(wait, AUTH_FAILED_MESSAGE.format(s=wait))
            exc.limit = int(self.limits.items["auth_failure"][0].amount)
            raise exc

    def widget_origin(self, request: Request) -> str:
        """The client address of a widget-key call from an allowed page (for the token endpoint)."""
        address = client_address(request)
        self._throttle(address)
        key = presented_key(request)
        if not self.settings.widget_key or key != self.settings.widget_key:
            raise self._fail(address, AuthError("组件密钥无效"))
        if not origin_allowed(request, self.settings):
            raise self._fail(address, AuthError("此网页来源未被允许使用问答组件"))
        return address

    def authenticate(self, request: Request, scope: str = ASK) -> tuple[Client, Quota | None]:
        """The caller holding `scope` and the tightest quota left; Auth-, Forbidden- or RateLimitedError otherwise."""
        client, quota = self._identify(request, scope)
        if scope not in client.scopes:
            raise ForbiddenError(f"此密钥没有“{scope}”权限（{SCOPES.get(scope, scope)}）；请使用具有该权限的密钥")
        return client, quota

    def _identify(self, request: Request, scope: str) -> tuple[Client, Quota | None]:
        settings, limits = self.settings, self.limits
        address = client_address(request)
        presented = presented_key(request)
        token = request.headers.get(TOKEN_HEADER, "").strip()
        browser = self.tokens.browser(token) if token else None
        # The keyless local demo answers questions; the union's statistics always need an admin key.
        if not settings.api_auth and scope != ADMIN:
            owner = f"widget:{browser}" if browser else "anonymous"
            return Client("anonymous", address, owner), limits.hit("address", address)
        self._throttle(address)
        if presented is None:
            raise self._fail(address, AuthError("缺少访问密钥：请在请求头 X-API-Key 中提供"))
        if settings.widget_key and secrets.compare_digest(presented, settings.widget_key):
            if not origin_allowed(request, settings):
                raise self._fail(address, AuthError("此网页来源未被允许使用问答组件"))
            if browser is None:
                raise self._fail(address, WidgetTokenError("组件令牌缺失或已过期，请刷新页面后重试"))
            # Per address first (loose: carrier NAT puts many workers on one address), then per browser.
            wide = limits.hit("address", address)
            own = limits.hit("widget", browser)
            quota = min((q for q in (wide, own) if q is not None), key=lambda q: q.remaining, default=None)
            # The public widget key is never more than `ask`, whatever is asked of it.
            return Client("widget", address, f"widget:{browser}", frozenset({ASK})), quota
        key = self.storage.keys.verify(presented)
        if key is None:
            raise self._fail(address, AuthError("访问密钥无效或已被吊销"))
        name = f"key:{key.id}"
        return Client(name, address, name, frozenset(key.scopes)), limits.hit("key", key.id)

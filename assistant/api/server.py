"""The uvicorn configuration `assistant serve` and the tests share: trusted proxies only, no server header."""

from __future__ import annotations

from typing import Any

import uvicorn

from assistant.api.logs import log_config
from assistant.config import Settings


def uvicorn_config(
    app: Any, settings: Settings, *, host: str, port: int, log_level: str = "info", configure_logging: bool = True
) -> uvicorn.Config:
    """X-Forwarded-For is believed only from `ASSISTANT_TRUSTED_PROXIES` (uvicorn trusts loopback by default).

    `configure_logging=False` leaves the process's logging alone (servers started inside tests)."""
    proxies = settings.trusted_proxy_list
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=",".join(proxies) if proxies else "",
        server_header=False,
        access_log=False,
        log_config=log_config(log_level.upper()) if configure_logging else None,
        log_level=log_level,
        timeout_graceful_shutdown=10,
        # Longer than a proxy's idle keep-alive (nginx 60 s): otherwise the server may close a pooled
        # connection just as the proxy (or a client) sends the next request on it, which fails that request.
        timeout_keep_alive=75,
    )

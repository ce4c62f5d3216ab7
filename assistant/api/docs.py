"""Interactive API docs at /docs from Swagger UI assets shipped in a pip package (works offline)."""

from __future__ import annotations

import base64
import hashlib
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs/assets"


def _assets_dir() -> Path:
    # fastapi-offline ships a current Swagger UI bundle; only its static folder is used.
    return Path(str(files("fastapi_offline").joinpath("static")))


def _csp_for(page: str) -> str:
    # Swagger UI's page starts the bundle with one inline script: allow exactly that script by its hash.
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )


def mount_docs(app: FastAPI, openapi_url: str) -> None:
    """Serve /docs (Swagger UI) and its assets from the installed package."""
    app.mount(ASSETS, StaticFiles(directory=_assets_dir()), name="docs-assets")
    body = get_swagger_ui_html(
        openapi_url=openapi_url,
        title=f"{app.title} · 接口文档",
        swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS}/favicon.png",
    ).body
    page = bytes(body).decode()
    csp = _csp_for(page)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": csp})


def declare_security(app: FastAPI) -> None:
    """OpenAPI security: an app key (X-API-Key or Bearer), or the widget key together with its browser token."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = generate()
        for item in spec.get("paths", {}).values():
            for op in item.values():
                names = {name for req in op.get("security", ()) for name in req}
                if "WidgetToken" in names:  # a widget call needs both headers: one requirement, not two
                    op["security"] = [{"ApiKey": []}, {"Bearer": []}, {"ApiKey": [], "WidgetToken": []}]
        return spec

    app.openapi = openapi  # type: ignore[method-assign]

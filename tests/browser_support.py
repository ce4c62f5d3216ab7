"""A live uvicorn server in a thread and headless Chromium, for the widget's browser tests."""

from __future__ import annotations

import http.server
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from assistant.api import create_app
from assistant.api.server import uvicorn_config
from assistant.config import Settings
from assistant.runtime import Runtime

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """The system Chromium (Debian package), if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    """A free loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(settings: Settings, runtime: Runtime, answers: Any) -> Iterator[str]:
    """Serve the app on loopback in a thread; yields the base URL."""
    port = free_port()
    app = create_app(settings, runtime=runtime, answers=answers)
    server = uvicorn.Server(uvicorn_config(app, settings, host="127.0.0.1", port=port, log_level="warning",
                                           configure_logging=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


class _HostPage(http.server.BaseHTTPRequestHandler):
    body = b""
    csp = ""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Security-Policy", self.csp)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def host_page(port: int, html: str, csp: str) -> Iterator[str]:
    """A union web page on another origin, served with the given Content-Security-Policy header."""
    handler = type("Host", (_HostPage,), {"body": html.encode(), "csp": csp})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def out_dir(root: Path) -> Path:
    """Create and return a folder."""
    root.mkdir(parents=True, exist_ok=True)
    return root

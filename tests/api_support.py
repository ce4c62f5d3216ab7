"""Shared helpers for the API tests: one BM25-only runtime per test session, and app builders."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.config import Settings
from assistant.runtime import Runtime, open_runtime

_ROOT = Path(tempfile.mkdtemp(prefix="assistant-api-tests-"))


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings with dense search off and a private index and data folder."""
    base: dict[str, Any] = {"embedding_model": "none", "index_dir": _ROOT / "index", "data_dir": data_dir}
    base.update(overrides)
    return Settings(**base)


@cache
def shared_runtime() -> Runtime:
    """The corpus and a BM25-only index, built once per test session (about 5 s)."""
    return open_runtime(make_settings(_ROOT / "data"))


def answer_service(runtime: Runtime, settings: Settings) -> Any:
    """The real AnswerService when the answering module is installed, else None."""
    from assistant.api.app import make_answer_service

    return make_answer_service(runtime, settings)


@contextmanager
def client(data_dir: Path, *, with_answers: bool = False, **overrides: Any) -> Iterator[TestClient]:
    """A TestClient for an app sharing the session runtime."""
    settings = make_settings(data_dir, **overrides)
    rt = shared_runtime()
    answers = answer_service(rt, settings) if with_answers else None
    app = create_app(settings, runtime=rt, answers=answers)
    with TestClient(app) as c:
        yield c


def sse_events(text: str) -> list[dict[str, Any]]:
    """Parse an SSE body into {"id", "event", "data"} dicts (data JSON-decoded); keep-alive comments are skipped."""
    import json

    out: list[dict[str, Any]] = []
    for frame in text.replace("\r\n", "\n").strip().split("\n\n"):
        fields: dict[str, list[str]] = {}
        for line in frame.split("\n"):
            if not line or line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            fields.setdefault(name, []).append(value[1:] if value.startswith(" ") else value)
        if "event" in fields or "data" in fields:
            out.append({"id": (fields.get("id") or [None])[0], "event": (fields.get("event") or ["message"])[0],
                        "data": json.loads("\n".join(fields.get("data", [])))})
    return out

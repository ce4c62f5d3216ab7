"""Shared fixtures for the answer tests: the real corpus in BM25-only mode, conversations in a temp folder."""

from __future__ import annotations

from pathlib import Path

from assistant.answering import AnswerService
from assistant.config import Settings
from assistant.runtime import Runtime, open_runtime

_RUNTIME: Runtime | None = None


def runtime() -> Runtime:
    """One BM25-only runtime for the whole session (loading the corpus takes a second)."""
    global _RUNTIME
    if _RUNTIME is None:
        _RUNTIME = open_runtime(Settings(embedding_model="none"))
    return _RUNTIME


def service(tmp: Path, **kwargs: object) -> AnswerService:
    """An AnswerService whose conversations live under `tmp`."""
    rt = runtime()
    settings = rt.settings.model_copy(update={"data_dir": tmp, "llm_base_url": None})
    return AnswerService(rt, settings, **kwargs)  # type: ignore[arg-type]

"""Shared fixtures for the answer tests: the real corpus in BM25-only mode, conversations in a temp folder."""

from __future__ import annotations

from pathlib import Path

from assistant.answering import AnswerService
from assistant.runtime import Runtime

_RUNTIME: Runtime | None = None


def runtime() -> Runtime:
    """One BM25-only runtime for the whole session, on the API tests' private index (never var/index,
    which a BM25-only rebuild would clobber for `assistant serve` and the benchmarks)."""
    global _RUNTIME
    if _RUNTIME is None:
        from api_support import shared_runtime

        _RUNTIME = shared_runtime()
    return _RUNTIME


def service(tmp: Path, **kwargs: object) -> AnswerService:
    """An AnswerService whose conversations live under `tmp`."""
    rt = runtime()
    settings = rt.settings.model_copy(update={"data_dir": tmp, "llm_base_url": None})
    return AnswerService(rt, settings, **kwargs)  # type: ignore[arg-type]


def assert_first_lines(summary: str, words: list[str], absent: list[str]) -> None:
    """Every word in her first lines, none of the absent ones (each failure shows the summary)."""
    for w in words:
        assert w in summary, (w, summary)
    for w in absent:
        assert w not in summary, (w, summary)

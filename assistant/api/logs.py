"""Structured logs: one JSON object per line (a control character in a path cannot start a new line),
every message and field redacted by `assistant.privacy` before it is written."""

from __future__ import annotations

import logging
import re
from typing import Any

from pythonjsonlogger.json import JsonFormatter

from assistant.privacy import RedactingFilter, redact

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_path(path: str, limit: int = 200) -> str:
    """A request path fit for a log: redacted, control characters escaped, bounded in length."""
    path = _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", redact(path))
    return path if len(path) <= limit else path[:limit] + "…"


class RedactingJsonFormatter(JsonFormatter):
    """JSON lines with the message and every string field redacted."""

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        """Redact every text value of the record."""
        return {k: redact(v) if isinstance(v, str) else v for k, v in log_data.items()}


def log_config(level: str = "INFO") -> dict[str, Any]:
    """A logging dictConfig for `assistant serve`: JSON lines on stderr for uvicorn's and our loggers."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "filters": ["redact"],
               "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": RedactingFilter}},
        "formatters": {
            "json": {
                "()": RedactingJsonFormatter,
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
                "json_ensure_ascii": False,
            }
        },
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False},
            "uvicorn.error": {"handlers": ["stderr"], "level": level, "propagate": False},
            # uvicorn's access log prints raw paths and query strings: ours (assistant.access) replaces it.
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "assistant": {"handlers": ["stderr"], "level": level, "propagate": False},
            "assistant.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
    }


def install_log_redaction() -> None:
    """Put the redacting filter on every handler the root and assistant loggers already have."""
    for name in ("", "assistant", "assistant.access", "uvicorn", "uvicorn.error"):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(RedactingFilter())

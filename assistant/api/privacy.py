"""Personal data out of logs and stored text: phone and ID numbers redacted, client addresses hashed."""

from __future__ import annotations

import hashlib
import logging
import re

# An 18-character resident ID (17 digits + digit/X) or an old 15-digit one, not inside a longer number.
_ID_RE = re.compile(r"(?<![0-9])(?:[1-9]\d{16}[0-9Xx]|[1-9]\d{14})(?![0-9Xx])")
# Mobile numbers, optionally with +86 and spaces/dashes between the 3-4-4 groups.
_MOBILE_RE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9])")
# Landlines with an area code: 010-12345678, 0571 8888 8888.
_LANDLINE_RE = re.compile(r"(?<![0-9])0\d{2,3}[- ]?[2-9]\d{6,7}(?![0-9])")


def redact(text: str) -> str:
    """`text` with ID numbers and phone numbers replaced by placeholders."""
    text = _ID_RE.sub("[身份证号]", text)
    text = _MOBILE_RE.sub("[电话]", text)
    return _LANDLINE_RE.sub("[电话]", text)


def pseudonym(value: str, salt: str = "assistant") -> str:
    """A short stable hash for logging who asked without storing the address itself."""
    return hashlib.sha256(f"{salt}:{value}".encode()).hexdigest()[:12]


class RedactingFilter(logging.Filter):
    """Rewrites every record's message with `redact` before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact in place; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is left for the handler to report
            return True
        clean = redact(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        return True


_FILTER = RedactingFilter()
LOGGERS = ("", "assistant", "uvicorn", "uvicorn.error", "uvicorn.access")


def install_log_redaction() -> None:
    """Attach the filter to the server's loggers and to every handler they already have."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
        for handler in logger.handlers:
            if _FILTER not in handler.filters:
                handler.addFilter(_FILTER)

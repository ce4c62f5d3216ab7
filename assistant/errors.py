"""The project's one error tree.

    AssistantError                 base; `code` is stable, `message` is Chinese for users
    ├── ConfigError                bad or missing settings
    ├── CorpusError                corpus folder unreadable
    │   └── CorpusParseError       one malformed file (path and line)
    ├── SearchIndexError                index missing, stale or built with another model
    │   ├── IndexMissingError
    │   └── IndexMismatchError
    ├── ModelUnavailableError      embedding model could not be loaded
    ├── NotFoundError              unknown law, article, template, conversation
    ├── InvalidInputError          bad question, filter or data file
    │   ├── ValidationFailed       document fields failed validation (lists every problem)
    │   └── AudioError             a recording the speech route cannot take
    │       ├── AudioTooLargeError     413 audio_too_large: more bytes than asr_max_bytes
    │       ├── AudioTooLongError      413 audio_too_long: longer than asr_max_seconds
    │       ├── AudioUnsupportedError  415 audio_unsupported: not webm, ogg, wav or mp4 (by its bytes)
    │       └── NoSpeechError          422 no_speech: too short, or the recogniser heard nothing
    ├── RenderError                a document could not be rendered
    ├── LLMError                   chat model failed or timed out
    ├── SpeechError                502 asr_failed: the speech recogniser is down or answered an error
    │   ├── SpeechUnavailableError 503 asr_unavailable: no ASSISTANT_ASR_BASE_URL configured
    │   └── SpeechTimeoutError     504 asr_timeout: no answer within asr_timeout
    ├── AuthError                  missing or bad API key / origin
    │   └── WidgetTokenError       the widget's signed browser token is missing, forged or expired
    ├── ForbiddenError             a valid credential without the scope a route needs (admin)
    ├── RateLimitedError           too many requests (retry_after seconds)
    └── StorageError               the database or the shared limit store is unusable (or its schema too new)
    Problem                        one problem of an input, naming its field (the `detail` of an error)

Third-party exceptions are converted into these at the boundary where they occur
(`raise ... from exc`); the API maps them to HTTP in one handler and the CLI to messages in one place.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem with an input: the field it concerns (a parameter or field name) and a Chinese message."""

    field: str | None
    message: str

    def __str__(self) -> str:
        return self.message


def problem_of(item: str | Problem) -> Problem:
    """A Problem from a plain message (no field) or a Problem."""
    return item if isinstance(item, Problem) else Problem(None, str(item))


class AssistantError(Exception):
    """Base of every error the assistant raises on purpose."""

    code = "internal_error"
    http_status = 500

    def __init__(self, message: str, *, detail: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ConfigError(AssistantError):
    """Settings are missing or contradictory."""

    code = "config_error"


class CorpusError(AssistantError):
    """The corpus folder cannot be read."""

    code = "corpus_error"


class CorpusParseError(CorpusError):
    """One corpus file is malformed; names the file and line."""

    code = "corpus_parse_error"

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class SearchIndexError(AssistantError):
    """The search index cannot be used."""

    code = "index_error"
    http_status = 503


class IndexMissingError(SearchIndexError):
    """No index has been built at the configured folder."""

    code = "index_missing"


class IndexMismatchError(SearchIndexError):
    """The index was built from another corpus, model or package version."""

    code = "index_mismatch"


class ModelUnavailableError(AssistantError):
    """The embedding model could not be loaded."""

    code = "model_unavailable"
    http_status = 503


class NotFoundError(AssistantError):
    """A law, article, template or conversation does not exist."""

    code = "not_found"
    http_status = 404


class InvalidInputError(AssistantError):
    """Input was rejected before any work was done; `field` names the parameter when there is one."""

    code = "invalid_input"
    http_status = 422

    def __init__(self, message: str, *, detail: object | None = None, field: str | None = None) -> None:
        if detail is None and field is not None:
            detail = [Problem(field, message)]
        super().__init__(message, detail=detail)


class ValidationFailed(InvalidInputError):  # noqa: N818 - reads as the outcome it reports
    """Document fields failed validation; `problems` lists every one."""

    code = "validation_failed"

    def __init__(self, problems: Sequence[str | Problem], message: str = "填写内容有误，请检查以下项目") -> None:
        found = [problem_of(p) for p in problems]
        super().__init__(message + "：" + "；".join(p.message for p in found), detail=found)
        self.problems = [p.message for p in found]


class RenderError(AssistantError):
    """A document could not be rendered."""

    code = "render_error"


class LLMError(AssistantError):
    """The chat model failed, timed out or returned nothing usable."""

    code = "llm_error"
    http_status = 502


class AudioError(InvalidInputError):
    """A recording the speech route cannot take (the message says what to do in Chinese)."""

    code = "audio_invalid"


class AudioTooLargeError(AudioError):
    """The recording has more bytes than the configured limit."""

    code = "audio_too_large"
    http_status = 413

    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"录音文件过大（最多 {max_bytes / 1024 / 1024:.1f} MB），请说得简短一些后重试")
        self.max_bytes = max_bytes


class AudioTooLongError(AudioError):
    """The recording lasts longer than the configured limit."""

    code = "audio_too_long"
    http_status = 413

    def __init__(self, seconds: float, max_seconds: float) -> None:
        super().__init__(f"录音太长（约 {math.ceil(seconds)} 秒，最多 {max_seconds:g} 秒），请分几段说")
        self.seconds = seconds
        self.max_seconds = max_seconds


class AudioUnsupportedError(AudioError):
    """Not a recording in a format we accept (judged by its bytes), or one that cannot be read."""

    code = "audio_unsupported"
    http_status = 415


class NoSpeechError(AudioError):
    """The recording is too short, or the recogniser heard no speech in it."""

    code = "no_speech"


class SpeechError(AssistantError):
    """The speech recognition service failed or answered something unusable."""

    code = "asr_failed"
    http_status = 502


class SpeechUnavailableError(SpeechError):
    """No speech recognition service is configured."""

    code = "asr_unavailable"
    http_status = 503


class SpeechTimeoutError(SpeechError):
    """The speech recognition service did not answer in time."""

    code = "asr_timeout"
    http_status = 504


class AuthError(AssistantError):
    """Missing, unknown or revoked API key, or an origin not on the allow-list."""

    code = "unauthorized"
    http_status = 401


class WidgetTokenError(AuthError):
    """The widget key was sent without a valid signed browser token (the widget fetches a new one)."""

    code = "widget_token_invalid"


class ForbiddenError(AssistantError):
    """The caller is known but her key lacks the scope this route needs (e.g. `admin`)."""

    code = "forbidden"
    http_status = 403


class StorageError(AssistantError):
    """The database or the shared rate-limit store cannot be used, or the schema is newer than the code."""

    code = "storage_error"
    http_status = 503


class RateLimitedError(AssistantError):
    """Too many requests from one key or client."""

    code = "rate_limited"
    http_status = 429

    def __init__(self, retry_after: int, message: str | None = None) -> None:
        super().__init__(message or f"请求过于频繁，请在 {retry_after} 秒后再试")
        self.retry_after = retry_after
        self.limit: int | None = None  # the limit that was spent, for the RateLimit-Limit header

"""The client of the union's own speech recogniser: an OpenAI-compatible `/audio/transcriptions` endpoint
(FunASR's `funasr-server`, faster-whisper servers such as speaches), called with httpx.

This is the one boundary where httpx errors become SpeechError, SpeechTimeoutError or NoSpeechError.
The audio is sent from memory and dropped; neither it nor the recognised text is ever logged (the log
line says format, seconds, bytes and characters).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import httpx

from assistant.audio import MIME, AudioClip
from assistant.config import Settings
from assistant.errors import NoSpeechError, SpeechError, SpeechTimeoutError, SpeechUnavailableError
from assistant.index.text import to_simplified

log = logging.getLogger(__name__)

UNAVAILABLE = "语音识别服务未配置，请用文字输入问题"
FAILED = "语音识别服务暂时出错，请稍后再试，或用文字输入问题"
TIMEOUT = "语音识别服务响应超时，请稍后再试，或用文字输入问题"
NO_SPEECH = "没有识别到说话内容，请靠近话筒再说一次"
# SenseVoice-style tags (<|zh|><|NEUTRAL|><|Speech|>) that some servers leave in the text.
_TAGS = re.compile(r"<\|[^|<>]{0,40}\|>")


@dataclass(frozen=True, slots=True)
class Transcript:
    """What she said, in Simplified Chinese, and the recording's length (None when it declared none)."""

    text: str
    duration_s: float | None
    format: str


@dataclass(frozen=True, slots=True)
class SpeechConfig:
    """What the widget needs to know before recording: whether voice works, and the limits."""

    available: bool
    formats: tuple[str, ...]
    max_bytes: int
    max_seconds: float


def speech_config(settings: Settings) -> SpeechConfig:
    """Whether recognition is configured, the accepted content types and the limits."""
    return SpeechConfig(available=asr_configured(settings), formats=tuple(MIME.values()),
                        max_bytes=settings.asr_max_bytes, max_seconds=settings.asr_max_seconds)


def asr_configured(settings: Settings) -> bool:
    """True when a transcription service URL is set."""
    return bool((settings.asr_base_url or "").strip())


def clean_text(raw: str) -> str:
    """The recogniser's text without markup tags, in Simplified Chinese, whitespace collapsed."""
    text = _TAGS.sub("", raw)
    return " ".join(to_simplified(text).split())


class SpeechClient:
    """One pooled HTTP client for the configured service; `transcribe` is safe to call concurrently."""

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self._client: httpx.AsyncClient | None = None
        self._transport = transport

    @property
    def configured(self) -> bool:
        """True when a service URL is set."""
        return asr_configured(self.settings)

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            s = self.settings
            headers = {"Accept": "application/json"}
            if s.asr_api_key is not None and s.asr_api_key.get_secret_value():
                headers["Authorization"] = "Bearer " + s.asr_api_key.get_secret_value()
            base = (s.asr_base_url or "").strip().rstrip("/") + "/"
            # No retries: a second try of a slow recogniser only doubles her wait.
            self._client = httpx.AsyncClient(base_url=base, headers=headers, timeout=s.asr_timeout,
                                             transport=self._transport, follow_redirects=False)
        return self._client

    async def aclose(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def transcribe(self, clip: AudioClip) -> Transcript:
        """Her words from the recording; SpeechUnavailableError / SpeechTimeoutError / SpeechError / NoSpeechError."""
        if not self.configured:
            raise SpeechUnavailableError(UNAVAILABLE)
        s = self.settings
        form: dict[str, Any] = {"model": s.asr_model, "response_format": "json"}
        if s.asr_language.strip():
            form["language"] = s.asr_language.strip()
        try:
            response = await self._http().post(
                "audio/transcriptions", data=form, files={"file": (clip.filename, clip.data, clip.mime)})
        except httpx.TimeoutException as exc:
            log.warning("speech recogniser timed out after %.0f s", s.asr_timeout)
            raise SpeechTimeoutError(TIMEOUT) from exc
        except httpx.HTTPError as exc:  # refused, reset, DNS, TLS …
            log.warning("speech recogniser unreachable: %s", type(exc).__name__)
            raise SpeechError(FAILED) from exc
        if response.status_code >= 400:
            # Only the status: an error body may quote what it heard.
            log.warning("speech recogniser answered HTTP %d", response.status_code)
            raise SpeechError(FAILED)
        text = clean_text(_text_of(response))
        log.info("speech: %s, %s s, %d bytes -> %d characters", clip.format, clip.duration_s, len(clip.data),
                 len(text))
        if not text:
            raise NoSpeechError(NO_SPEECH)
        return Transcript(text=text, duration_s=clip.duration_s, format=clip.format)


def _text_of(response: httpx.Response) -> str:
    """The `text` of a JSON reply (or a plain-text body, which some servers send); SpeechError otherwise."""
    kind = response.headers.get("content-type", "")
    if kind.startswith("text/plain"):
        return response.text
    try:
        body = response.json()
    except ValueError as exc:
        log.warning("speech recogniser sent no JSON (%s)", kind[:40])
        raise SpeechError(FAILED) from exc
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str):
        if text is None and isinstance(body, dict) and "text" in body:
            return ""
        log.warning("speech recogniser's JSON has no text field")
        raise SpeechError(FAILED)
    return text

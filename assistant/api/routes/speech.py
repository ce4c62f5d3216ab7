"""GET /v1/speech (is voice input available, and its limits) and POST /v1/speech (a recording → her words).

The recording is read into memory only: the multipart parser's spool is sized above the route's body
limit, so it never rolls over to a temporary file; nothing is stored or logged.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from assistant.api.deps import Caller, State
from assistant.api.limits import body_limit
from assistant.api.models import ErrorOut, SpeechConfigOut, SpeechOut
from assistant.audio import UNSUPPORTED, inspect_audio
from assistant.config import Settings
from assistant.errors import AudioUnsupportedError, InvalidInputError, SpeechUnavailableError
from assistant.speech import UNAVAILABLE, speech_config

router = APIRouter(prefix="/v1", tags=["语音"])
FIELD = "file"
_CONFIG_ERRORS = (401, 403, 429)
_POST_ERRORS = (401, 403, 413, 415, 422, 429, 502, 503, 504)
_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "录音：multipart 表单的 file 字段（浏览器 FormData），或整个请求体就是录音（Content-Type: audio/…）。"
        "格式按文件内容识别：webm/opus、ogg/opus、wav、mp4/m4a。",
        "content": {
            "multipart/form-data": {
                "schema": {"type": "object", "required": [FIELD],
                           "properties": {FIELD: {"type": "string", "format": "binary"}}},
                "example": {FIELD: "（录音文件，如 MediaRecorder 录下的 audio/webm;codecs=opus，60 秒以内）"}},
            "audio/*": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@router.get("/speech", response_model=SpeechConfigOut, summary="语音输入是否可用、接受的格式和限制",
            responses={c: {"model": ErrorOut} for c in _CONFIG_ERRORS})
def config(_: Caller, state: State) -> SpeechConfigOut:
    """Whether a recogniser is configured (the widget says 语音不可用 without trying), formats and limits."""
    cfg = speech_config(state.settings)
    return SpeechConfigOut(available=cfg.available, message=None if cfg.available else UNAVAILABLE,
                           formats=list(cfg.formats), max_bytes=cfg.max_bytes, max_seconds=cfg.max_seconds,
                           field=FIELD)


@router.post("/speech", response_model=SpeechOut, summary="语音转文字（录音不保存）",
             responses={c: {"model": ErrorOut} for c in _POST_ERRORS}, openapi_extra=_BODY)
async def transcribe(request: Request, _: Caller, state: State) -> SpeechOut:
    """Her recording as text for the input box; 503 asr_unavailable when no recogniser is configured."""
    speech = state.speech
    if speech is None or not speech.configured:
        raise SpeechUnavailableError(UNAVAILABLE)
    settings = state.settings
    data = await read_recording(request, settings)
    clip = await run_in_threadpool(inspect_audio, data, max_bytes=settings.asr_max_bytes,
                                   max_seconds=settings.asr_max_seconds)
    del data
    heard = await speech.transcribe(clip)
    return SpeechOut(text=heard.text, duration_s=heard.duration_s, format=heard.format)


async def read_recording(request: Request, settings: Settings) -> bytes:
    """The recording's bytes from the multipart `file` field or from a raw audio body, in memory only."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind == "multipart/form-data":
        parser = MultiPartParser(request.headers, request.stream(), max_files=1, max_fields=8,
                                 max_part_size=16 * 1024)
        # Above the body limit, so the spooled file can never roll over to disk.
        parser.spool_max_size = body_limit(request.scope.get("path", ""), settings) + 1
        try:
            form = await parser.parse()
        except MultiPartException as exc:
            raise InvalidInputError("录音上传格式有误，请用 multipart 表单的 file 字段上传一个录音文件") from exc
        try:
            upload = form.get(FIELD)
            if not isinstance(upload, UploadFile):
                raise InvalidInputError("没有收到录音：请在表单字段 file 中上传录音文件")
            data = await upload.read()
        finally:
            await form.close()
    elif kind.startswith("audio/") or kind in ("video/webm", "application/octet-stream", "application/ogg"):
        data = await request.body()
    else:
        raise AudioUnsupportedError(UNSUPPORTED)
    if not data:
        raise InvalidInputError("没有收到录音：录音文件是空的")
    return data

"""`assistant speech FILE`: send a recording to the configured recogniser, as POST /v1/speech would (for operators
checking that ASSISTANT_ASR_BASE_URL and the model work)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated

import typer

from assistant.audio import AudioClip, inspect_audio
from assistant.cli.common import console, fail, settings_of
from assistant.config import Settings
from assistant.errors import AssistantError, InvalidInputError
from assistant.speech import SpeechClient, Transcript, asr_configured

HELP = "把一段录音（webm、ogg、wav、m4a）交给已配置的语音识别服务，打印识别出的文字；用于检查语音输入配置。"


def speech(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="录音文件")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（与 POST /v1/speech 相同）")] = False,
) -> None:
    """Transcribe one recording through ASSISTANT_ASR_BASE_URL, with the same checks as the API."""
    settings = settings_of(ctx)
    try:
        if not file.is_file():
            raise InvalidInputError(f"找不到录音文件：{file}")
        clip = inspect_audio(file.read_bytes(), max_bytes=settings.asr_max_bytes,
                             max_seconds=settings.asr_max_seconds)
        heard = asyncio.run(_transcribe(SpeechClient(settings), clip))
    except AssistantError as exc:
        fail(exc)
    if as_json:
        print(json.dumps({"text": heard.text, "duration_s": heard.duration_s, "format": heard.format},
                         ensure_ascii=False))
        return
    seconds = "未声明时长" if heard.duration_s is None else f"{heard.duration_s} 秒"
    console.print(f"[dim]{heard.format}，{seconds}，模型 {settings.asr_model}[/dim]", highlight=False)
    console.print(heard.text, highlight=False)


async def _transcribe(client: SpeechClient, clip: AudioClip) -> Transcript:
    try:
        return await client.transcribe(clip)
    finally:
        await client.aclose()


def doctor_line(settings: Settings) -> str:
    """One line for `assistant doctor`: whether voice input is configured, and where it goes."""
    if not asr_configured(settings):
        return "语音识别：未配置（ASSISTANT_ASR_BASE_URL 为空），组件会提示“语音不可用”"
    return f"语音识别：{settings.asr_base_url}（模型 {settings.asr_model}）；用 `assistant speech 录音.wav` 试一试"


def register(app: typer.Typer) -> None:
    """Add `speech` to the root command."""
    app.command("speech", help=HELP)(speech)

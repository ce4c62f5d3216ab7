"""A stand-in OpenAI-compatible transcription server (POST /v1/audio/transcriptions) on a free loopback port,
and tiny recordings made in the test: WAV with the stdlib `wave` module, Ogg Opus pages with mutagen, and
WebM laid out as Chrome's MediaRecorder writes it (unknown-size Segment and Clusters, block timestamps)."""

from __future__ import annotations

import asyncio
import io
import socket
import struct
import threading
import time
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartParser


@dataclass
class Heard:
    """One request the stand-in received."""

    model: str
    language: str | None
    response_format: str | None
    filename: str
    content_type: str
    data: bytes
    authorization: str | None


@dataclass
class AsrStandIn:
    """Replies with `text` (or `status`, or after `delay` seconds, or `plain` text); records every request."""

    text: str = "怀孕了公司要给我降薪合法吗"
    status: int = 200
    delay: float = 0.0
    plain: bool = False
    requests: list[Heard] = field(default_factory=list)
    base_url: str = ""
    release: threading.Event = field(default_factory=threading.Event)

    def app(self) -> FastAPI:
        """The FastAPI app of the stand-in."""
        api = FastAPI()

        @api.post("/v1/audio/transcriptions")
        async def transcriptions(request: Request) -> Response:
            # Parsed in memory (a large spool), so any spooled file rolling over to disk is the assistant's.
            parser = MultiPartParser(request.headers, request.stream())
            parser.spool_max_size = 64 * 1024 * 1024
            form = await parser.parse()
            upload = form["file"]
            assert isinstance(upload, UploadFile)

            def field(name: str) -> str | None:
                value = form.get(name)
                return value if isinstance(value, str) else None

            self.requests.append(Heard(field("model") or "", field("language"), field("response_format"),
                                       upload.filename or "", upload.content_type or "", await upload.read(),
                                       request.headers.get("authorization")))
            waited = 0.0
            while waited < self.delay and not self.release.is_set():
                await asyncio.sleep(0.05)
                waited += 0.05
            if self.status != 200:
                return JSONResponse({"error": {"message": "模型出错：" + self.text}}, status_code=self.status)
            if self.plain:
                return PlainTextResponse(self.text)
            return JSONResponse({"text": self.text})

        return api


@contextmanager
def asr_server(**kwargs: Any) -> Iterator[AsrStandIn]:
    """Start the stand-in on 127.0.0.1 (a free port) in a thread; stop it afterwards."""
    standin = AsrStandIn(**kwargs)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(standin.app(), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("stand-in transcription server did not start")
        time.sleep(0.02)
    standin.base_url = f"http://127.0.0.1:{port}/v1"
    try:
        yield standin
    finally:
        standin.release.set()
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def wav_bytes(seconds: float, *, rate: int = 16000, marker: bytes = b"") -> bytes:
    """A mono 16-bit WAV of `seconds` (a quiet ramp; `marker` repeated in the samples when given)."""
    frames = int(seconds * rate)
    pattern = marker or struct.pack("<4h", 0, 300, 0, -300)
    samples = (pattern * (frames * 2 // len(pattern) + 1))[: frames * 2]
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples)
    return out.getvalue()


def ogg_opus_bytes(seconds: float, *, packet: bytes = b"\xfc\xff\xfe") -> bytes:
    """An Ogg Opus stream whose last granule position says `seconds` (the packets are silent frames)."""
    from mutagen.ogg import OggPage

    pre_skip = 312
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, pre_skip, 48000, 0, 0)
    tags = b"OpusTags" + struct.pack("<I", 4) + b"test" + struct.pack("<I", 0)
    pages: list[bytes] = []
    for seq, (packets, position, first) in enumerate(
        [([head], 0, True), ([tags], 0, False)]
        + [([packet] * 50, pre_skip + int(min(seconds, (i + 1)) * 48000), False)
           for i in range(max(1, int(-(-seconds // 1))))]
    ):
        page = OggPage()
        page.serial = 0x1234
        page.sequence = seq
        page.packets = packets
        page.position = position
        page.first = first
        pages.append(page.write())
    last = OggPage(io.BytesIO(pages[-1]))
    last.last = True
    pages[-1] = last.write()
    return b"".join(pages)


def _element(eid: int, payload: bytes, *, unknown: bool = False) -> bytes:
    """One EBML element: its id, an 8-byte size (or 'unknown', as MediaRecorder writes masters) and payload."""
    size = (1 << 56) | ((1 << 56) - 1 if unknown else len(payload))
    return eid.to_bytes((eid.bit_length() + 7) // 8, "big") + size.to_bytes(8, "big") + payload


def _uint(eid: int, value: int) -> bytes:
    return _element(eid, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def webm_bytes(seconds: float, *, frame_ms: int = 60, cluster_ms: int = 1020, duration: bool = False,
               doc_type: str = "webm") -> bytes:
    """A WebM (Opus) file laid out like MediaRecorder's: the Segment and its Clusters of unknown size, a
    SimpleBlock per packet (track 1, offset from the cluster's time), no Duration unless asked."""
    n = int(seconds * 1000 // frame_ms)
    header = _element(0x1A45DFA3, _uint(0x4286, 1) + _element(0x4282, doc_type.encode()) + _uint(0x4287, 4))
    info = _uint(0x2AD7B1, 1_000_000) + _element(0x4D80, b"test")
    if duration:
        info += _element(0x4489, struct.pack(">d", float(n * frame_ms)))
    track = _element(0xAE, _uint(0xD7, 1) + _uint(0x83, 2) + _element(0x86, b"A_OPUS"))
    body = _element(0x1549A966, info) + _element(0x1654AE6B, track)
    for start in range(0, n * frame_ms, cluster_ms):
        blocks = b"".join(_element(0xA3, b"\x81" + struct.pack(">h", t - start) + b"\x80\xfc\xff\xfe")
                          for t in range(start, min(start + cluster_ms, n * frame_ms), frame_ms))
        body += _element(0x1F43B675, _uint(0xE7, start) + blocks, unknown=True)
    return header + _element(0x18538067, body, unknown=True)

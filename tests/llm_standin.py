"""A stand-in OpenAI-compatible model server on a free loopback port, answering with the chunks a test gives it."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse


class StandIn:
    """POST /v1/chat/completions, streamed (SSE chunks, then [DONE]) or not; replies with `chunks`."""

    def __init__(self) -> None:
        self.chunks: list[str] = ["不合法。"]
        self.requests: list[dict[str, Any]] = []
        self.base_url = ""
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self._chat)

    def reply(self, chunks: Sequence[str]) -> None:
        """Answer the next requests with these pieces (streamed one per SSE event)."""
        self.chunks = list(chunks)

    async def _chat(self, request: Request) -> Any:
        body = await request.json()
        self.requests.append(body)
        model = body.get("model", "stand-in")
        if not body.get("stream"):
            return JSONResponse({
                "id": "chatcmpl-standin", "object": "chat.completion", "created": 0, "model": model,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": "".join(self.chunks)}}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            })
        return StreamingResponse(self._events(model, list(self.chunks)), media_type="text/event-stream")

    @staticmethod
    def _events(model: str, chunks: list[str]) -> Iterator[str]:
        def frame(delta: dict[str, str], finish: str | None) -> str:
            data = {"id": "chatcmpl-standin", "object": "chat.completion.chunk", "created": 0, "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

        yield frame({"role": "assistant", "content": ""}, None)
        for piece in chunks:
            yield frame({"content": piece}, None)
        yield frame({}, "stop")
        yield "data: [DONE]\n\n"


@contextmanager
def standin_server() -> Iterator[StandIn]:
    """Start the stand-in on 127.0.0.1 (a free port) in a thread; stop it afterwards."""
    standin = StandIn()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(standin.app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("stand-in model server did not start")
        time.sleep(0.02)
    standin.base_url = f"http://127.0.0.1:{port}/v1"
    try:
        yield standin
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()

"""POST /v1/ask, /v1/chat and /v1/ask/stream (Server-Sent Events), all answered in the fair answer pool."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from assistant.api.deps import Answers, Caller, State
from assistant.api.models import AnswerOut, AskRequest, ChatRequest, ErrorOut
from assistant.api.serialize import answer_json
from assistant.errors import AssistantError

log = logging.getLogger("assistant.api")
router = APIRouter(prefix="/v1", tags=["问答"])
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (401, 404, 413, 422, 429, 503)
}


def _count(state: State, data: dict[str, Any]) -> None:
    state.metrics.answers.labels(str(data.get("mode")), str(data.get("grounding"))).inc()


@router.post("/ask", response_model=AnswerOut, responses=ERRORS, summary="提问，返回带引用的回答")
async def ask(body: AskRequest, caller: Caller, answers: Answers, state: State) -> dict[str, Any]:
    """Answer one question; with a conversation_id (issued by /v1/chat or /v1/ask/stream) in that conversation."""
    answer = await state.in_answer_pool(answers.ask, body.question, region=body.region,
                                        conversation_id=body.conversation_id, owner=caller.owner)
    data = answer_json(answer)
    _count(state, data)
    return data


@router.post("/chat", response_model=AnswerOut, responses=ERRORS, summary="对话：带上下文继续提问")
async def chat(body: ChatRequest, caller: Caller, answers: Answers, state: State) -> dict[str, Any]:
    """One turn of a conversation; without an id a new one is started and its id returned."""
    conversation_id = body.conversation_id or await state.in_answer_pool(answers.new_conversation, caller.owner)
    answer = await state.in_answer_pool(answers.ask, body.message, region=body.region,
                                        conversation_id=conversation_id, owner=caller.owner)
    data = answer_json(answer)
    _count(state, data)
    return data


def _sse(event: str, data: Any) -> bytes:
    payload = json.dumps(data, ensure_ascii=False)
    return f"event: {event}\ndata: {payload}\n\n".encode()


def _frame(current: dict[str, Any], state: State) -> bytes:
    name = str(current.get("event", "message"))
    data = current.get("data")
    if name == "done":
        data = answer_json(data)
        _count(state, data)
    elif name == "section":
        data = {"name": current.get("name"), "data": data}
    return _sse(name, data)


def _batch(events: Iterator[dict[str, Any]]) -> tuple[list[dict[str, Any]], bool]:
    """The next events up to and including a model token (or to the end); True when the stream is over.

    One batch is one turn in the answer pool: a composed answer (no LLM) streams in a single turn, like
    /v1/ask, instead of queueing again behind every other request for each section."""
    out: list[dict[str, Any]] = []
    for event in events:
        out.append(event)
        if event.get("event") == "token":
            return out, False
    return out, True


async def _frames(first: list[dict[str, Any]], done: bool, events: Iterator[dict[str, Any]],
                  state: State) -> AsyncIterator[bytes]:
    """SSE frames, batch by batch from the answer pool; a late error becomes an `error` event."""
    try:
        batch = first
        while True:
            for event in batch:
                yield _frame(event, state)
            if done:
                return
            batch, done = await state.in_answer_pool(_batch, events)
    except AssistantError as exc:
        yield _sse("error", {"code": exc.code, "message": exc.message})
    except Exception as exc:  # the status line is already sent; tell the client in-band
        log.error("stream failed: %s", type(exc).__name__)
        yield _sse("error", {"code": "internal_error", "message": "服务器内部错误，请稍后再试"})


@router.post(
    "/ask/stream",
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "section / token / done / error 事件"},
        **ERRORS,
    },
    summary="提问（流式，Server-Sent Events）",
)
async def ask_stream(body: AskRequest, caller: Caller, answers: Answers, state: State) -> StreamingResponse:
    """Stream the answer (`section`, `token` in LLM mode, `done`); without an id a conversation is started."""

    def start() -> tuple[Iterator[dict[str, Any]], list[dict[str, Any]], bool]:
        conversation_id = body.conversation_id or answers.new_conversation(caller.owner)
        events: Iterator[dict[str, Any]] = iter(
            answers.stream(body.question, region=body.region, conversation_id=conversation_id, owner=caller.owner))
        return (events, *_batch(events))

    # The first batch is pulled before answering 200, so bad input (or another's conversation) gets a 4xx.
    events, first, done = await state.in_answer_pool(start)
    return StreamingResponse(
        _frames(first, done, events, state),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )

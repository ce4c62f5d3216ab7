"""POST /v1/ask, /v1/chat and /v1/ask/stream (Server-Sent Events via sse-starlette), all in the fair answer pool."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

from fastapi import APIRouter
from sse_starlette import EventSourceResponse, ServerSentEvent

from assistant.api.deps import Answers, Caller, State
from assistant.api.models import STREAM_EXAMPLE, AnswerOut, AskRequest, ChatRequest, ErrorOut
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


# What she reads first leaves at once: each of these ends one turn in the answer pool. Everything else of a
# composed answer is ready when its summary is, so it follows in one more turn, not one per section.
FLUSH_AFTER = frozenset({"summary", "token"})


def _batch(events: Iterator[dict[str, Any]]) -> tuple[list[dict[str, Any]], bool]:
    """The next events up to and including a flush point (or to the end); True when the stream is over."""
    out: list[dict[str, Any]] = []
    for ev in events:
        out.append(ev)
        if ev.get("event") in FLUSH_AFTER:
            return out, False
    return out, True


def _sse(name: str, data: Any, n: int) -> ServerSentEvent:
    return ServerSentEvent(json.dumps(data, ensure_ascii=False), event=name, id=str(n), sep="\n")


async def _frames(first: list[dict[str, Any]], done: bool, events: Iterator[dict[str, Any]],
                  state: State) -> AsyncIterator[ServerSentEvent]:
    """Numbered SSE events, batch by batch from the answer pool; a late error becomes an `error` event."""
    n = 0
    try:
        batch = first
        while True:
            for ev in batch:
                n += 1
                name = str(ev.get("event", "message"))
                if name == "done":
                    _count(state, ev.get("data") or {})
                yield _sse(name, ev.get("data"), n)
            if done:
                return
            batch, done = await state.in_answer_pool(_batch, events)
    except AssistantError as exc:
        yield _sse("error", {"code": exc.code, "message": exc.message}, n + 1)
    except Exception as exc:  # the status line is already sent; tell the client in-band
        log.error("stream failed: %s", type(exc).__name__)
        yield _sse("error", {"code": "internal_error", "message": "服务器内部错误，请稍后再试"}, n + 1)


@router.post(
    "/ask/stream",
    responses={
        200: {"content": {"text/event-stream": {"example": STREAM_EXAMPLE}},
              "description": "事件依次为 safety（如有）、sources、summary、token 或 body、calculations、cases、"
                             "next_steps、documents、notices（空的不发）、done；出错时为 error。见 docs/api.md"},
        **ERRORS,
    },
    summary="提问（流式，Server-Sent Events）",
)
async def ask_stream(body: AskRequest, caller: Caller, answers: Answers, state: State) -> EventSourceResponse:
    """Stream the answer: sources first, then the summary, the rest, and a small `done`; starts a conversation."""

    def start() -> tuple[Iterator[dict[str, Any]], list[dict[str, Any]], bool]:
        conversation_id = body.conversation_id or answers.new_conversation(caller.owner)
        events: Iterator[dict[str, Any]] = iter(
            answers.stream(body.question, region=body.region, conversation_id=conversation_id, owner=caller.owner))
        return (events, *_batch(events))

    # The first batch is pulled before answering 200, so bad input (or another's conversation) gets a 4xx.
    events, first, done = await state.in_answer_pool(start)
    return EventSourceResponse(
        _frames(first, done, events, state), ping=state.settings.sse_ping_seconds, sep="\n",
        headers={"Cache-Control": "no-cache"},
    )

"""POST /v1/widget/token (the widget's signed browser token) and DELETE /v1/conversations/{id}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response, Security

from assistant.api.deps import API_KEY, Caller, State
from assistant.api.models import ErrorOut, WidgetTokenOut
from assistant.errors import NotFoundError
from assistant.storage.conversations import NOT_FOUND

router = APIRouter(prefix="/v1")
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 404, 429)}
ConversationId = Annotated[str, Path(max_length=64, description="服务器发放的对话编号",
                                     examples=["c_3q2V7n0bXk9PfLw1aZ4cYtRm"])]


@router.post("/widget/token", response_model=WidgetTokenOut, responses=ERRORS, tags=["问答组件"],
             summary="问答组件：领取本浏览器的签名令牌", dependencies=[Security(API_KEY)])
def widget_token(request: Request, state: State) -> WidgetTokenOut:
    """A signed token for one browser; the widget sends it as X-Widget-Token with the public widget key."""
    address = state.auth.widget_origin(request)
    quota = state.limits.hit("widget_token", address)
    if quota is not None:
        request.scope.setdefault("state", {})["quota"] = quota
    return WidgetTokenOut(token=state.auth.tokens.issue(), expires_in=state.auth.tokens.max_age)


@router.delete("/conversations/{conversation_id}", status_code=204, responses=ERRORS, tags=["问答"],
               summary="删除自己的一段对话")
def delete_conversation(conversation_id: ConversationId, caller: Caller, state: State) -> Response:
    """Forget one of the caller's conversations and its turns now (404 for any other id)."""
    if not state.storage.conversations.delete(conversation_id, owner=caller.owner):
        raise NotFoundError(NOT_FOUND)
    return Response(status_code=204)

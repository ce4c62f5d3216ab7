"""POST /v1/feedback, GET /healthz, /readyz and /metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from assistant.api.deps import Caller, State
from assistant.api.feedback import store_feedback
from assistant.api.models import ErrorOut, FeedbackOut, FeedbackRequest, HealthOut, ReadyOut

router = APIRouter()
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 413, 422, 429)}


@router.post(
    "/v1/feedback",
    response_model=FeedbackOut,
    status_code=201,
    responses=ERRORS,
    tags=["反馈"],
    summary="反馈回答是否有帮助",
)
def feedback(body: FeedbackRequest, caller: Caller, state: State) -> FeedbackOut:
    """Store whether an answer helped (phone and ID numbers redacted) for the legal staff."""
    row = store_feedback(
        state.settings,
        helpful=body.helpful,
        comment=body.comment,
        question=body.question,
        conversation_id=body.conversation_id,
        client=caller.key,
    )
    state.metrics.feedback.labels("yes" if body.helpful else "no").inc()
    return FeedbackOut(id=row)


@router.get("/healthz", response_model=HealthOut, tags=["运维"], summary="存活检查")
async def healthz() -> HealthOut:
    """The process is up (async: answered on the event loop even when every worker thread is busy)."""
    return HealthOut()


@router.get(
    "/readyz",
    response_model=ReadyOut,
    responses={503: {"model": ReadyOut}},
    tags=["运维"],
    summary="就绪检查",
)
async def readyz(state: State) -> Response:
    """Ready when the index is loaded (degraded when dense search or answering is missing)."""
    rt = state.runtime
    if rt is None:
        out = ReadyOut(status="degraded", mode="none", records=0, answering=False, degraded="索引尚未加载")
        return JSONResponse(out.model_dump(), status_code=503)
    degraded = rt.degraded or (None if state.answers is not None else "问答模块未安装")
    out = ReadyOut(
        status="degraded" if degraded else "ready",
        mode=rt.mode,
        records=rt.index.manifest.records,
        answering=state.answers is not None,
        degraded=degraded,
    )
    return JSONResponse(out.model_dump())


@router.get(
    "/metrics",
    tags=["运维"],
    summary="Prometheus 指标",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}},
)
async def metrics(state: State) -> Response:
    """Prometheus text exposition of the app's registry."""
    return Response(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)

"""POST /v1/feedback, GET /v1/schema/answer, /healthz, /readyz and /metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import Caller, State
from assistant.api.models import ErrorOut, FeedbackOut, FeedbackRequest, HealthOut, ReadyOut
from assistant.api.schema import answer_schema

router = APIRouter()
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 404, 413, 422, 429)}


@router.post(
    "/v1/feedback",
    response_model=FeedbackOut,
    status_code=201,
    responses=ERRORS,
    tags=["反馈"],
    summary="反馈回答是否有帮助",
)
def feedback(body: FeedbackRequest, caller: Caller, state: State) -> FeedbackOut:
    """Store whether an answer helped (personal data redacted) for the legal staff; 404 for another's conversation."""
    if body.conversation_id is not None:
        state.storage.conversations.check(body.conversation_id, caller.owner)
    row = state.storage.feedback.add(
        helpful=body.helpful,
        rating=body.rating,
        comment=body.comment,
        question=body.question,
        conversation_id=body.conversation_id,
        client=caller.key,
    )
    state.metrics.feedback.labels("yes" if body.helpful else "no").inc()
    return FeedbackOut(id=row)


@router.get(
    "/v1/schema/answer",
    tags=["问答"],
    summary="回答 JSON 的 JSON Schema（带版本）",
    responses={200: {"content": {"application/json": {"example": {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "version": "2.0", "title": "AnswerOut",
        "type": "object", "properties": {"summary": {"type": "string"}}}}}}},
)
async def schema_answer() -> JSONResponse:
    """The answer's JSON Schema (draft 2020-12) with its `version`; no key needed, like /openapi.json."""
    return JSONResponse(answer_schema(), headers={"Cache-Control": "public, max-age=300"})


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
    limits_ok = await run_in_threadpool(state.limits.healthy)
    degraded = rt.degraded or (None if state.answers is not None else "问答模块未安装")
    if not limits_ok:
        degraded = "限流存储（Redis）无法连接"
    manifest = rt.index.manifest
    out = ReadyOut(
        status="degraded" if degraded else "ready",
        mode=rt.mode,
        records=manifest.records,
        answering=state.answers is not None,
        degraded=degraded,
        index_fingerprint=str(state.extra.get("index_fingerprint", "")),
        index_built_at=manifest.built_at,
        corpus_version=manifest.corpus_fingerprint[:16],
        schema_revision=getattr(state.storage, "revision", ""),
        storage=state.storage.dialect,
        limits="redis" if state.settings.redis_url else "memory",
    )
    return JSONResponse(out.model_dump(), status_code=200 if limits_ok else 503)


@router.get(
    "/metrics",
    tags=["运维"],
    summary="Prometheus 指标",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"example": 'assistant_http_requests_total{method="GET",route="/healthz",status="200"} 3.0'}}}},
)
async def metrics(state: State) -> Response:
    """Prometheus text exposition of the app's registry."""
    return Response(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)

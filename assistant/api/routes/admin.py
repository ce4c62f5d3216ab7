"""GET /v1/admin/stats: the demand report's figures for the union app's admin screens (admin-scoped keys only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from assistant.api.deps import AdminCaller, State
from assistant.api.models import DemandStatsOut, ErrorOut
from assistant.evaluation.dates import parse_day
from assistant.reporting.demand import build_demand_report, report_json

router = APIRouter(prefix="/v1/admin", tags=["管理"])
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 403, 422, 429, 503)}
Day = Annotated[str | None, Query(max_length=20, description="日期，如 2026-11-01 或 2026年11月1日",
                                  examples=["2026-11-01"])]


@router.get("/stats", response_model=DemandStatsOut, responses=ERRORS, summary="需求统计（需 admin 权限的密钥）")
def stats(
    _: AdminCaller, state: State, since: Day = None, until: Day = None,
    region: Annotated[str | None, Query(max_length=20, description="只看一个地区，如 云南、昆明", examples=["云南"])] = None,
    top: Annotated[int | None, Query(ge=1, le=200, description="高频问题列出几条（默认 20）", examples=[20])] = None,
) -> DemandStatsOut:
    """Figures of the demand report for a period (default: the last 30 days) and region; k-anonymous, redacted."""
    settings = state.settings if top is None else state.settings.model_copy(update={"report_top": top})
    report = build_demand_report(
        state.storage, settings, since=parse_day(since, "since") if since else None,
        until=parse_day(until, "until") if until else None, region=region)
    return DemandStatsOut.model_validate(report_json(report))

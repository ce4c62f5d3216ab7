"""The API's one error handler: every failure becomes JSON {"code", "message"} with a stable code."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from assistant.api.logs import clean_path
from assistant.errors import AssistantError, Problem, RateLimitedError, problem_of
from assistant.privacy import redact

log = logging.getLogger("assistant.api")

# Plain HTTP errors raised by the framework itself (unknown path, wrong method, oversized body).
_HTTP = {
    400: ("bad_request", "请求格式有误"),
    401: ("unauthorized", "缺少或无效的访问密钥"),
    403: ("forbidden", "无权访问"),
    404: ("not_found", "没有这个接口或资源"),
    405: ("method_not_allowed", "该接口不支持此请求方法"),
    413: ("payload_too_large", "请求内容过大"),
    415: ("unsupported_media_type", "请求内容类型不受支持，请使用 application/json"),
}
_PYDANTIC = {
    "missing": "为必填项",
    "string_too_short": "不能为空",
    "string_too_long": "内容过长",
    "too_long": "项目过多",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "dict_type": "应为对象",
    "model_attributes_type": "应为对象",
    "less_than_equal": "超出允许的最大值",
    "greater_than_equal": "小于允许的最小值",
    "json_invalid": "不是有效的 JSON",
    "extra_forbidden": "是未知字段",
    "literal_error": "取值不在允许范围内",
}
_WHERE = {"body": "请求体", "query": "查询参数", "path": "路径参数", "header": "请求头"}
# Our own validators (assistant.api.params) raise PydanticCustomError with a finished Chinese message.
_OWN = frozenset({"value_error", "out_of_range", "unknown_region", "bad_article_number"})


def error_body(code: str, message: str, detail: object | None = None) -> bytes:
    """The JSON bytes of an error response."""
    payload: dict[str, Any] = {"code": code, "message": message}
    if detail is not None:
        payload["detail"] = detail
    return json.dumps(payload, ensure_ascii=False).encode()


def _field_name(loc: Sequence[str]) -> str:
    """The field a pydantic location names: `question`, `fields.applicant_name`, `items[0].name`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if part.isdigit() else (f".{part}" if out else part)
    return out


def validation_message(errors: Sequence[Any]) -> tuple[str, list[Problem]]:
    """A Chinese summary and one Problem (naming its field) per entry of pydantic's error list."""
    found: list[Problem] = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ())]
        where = _WHERE.get(loc[0], "") if loc else ""
        name = _field_name(loc[1:] if loc and loc[0] in _WHERE else loc)
        kind = str(err.get("type"))
        what = _PYDANTIC.get(kind, "取值无效")
        ctx = err.get("ctx") or {}
        if kind == "string_too_long" and "max_length" in ctx:
            what = f"内容过长（最多 {ctx['max_length']} 字）"
        elif kind in _OWN:
            what = str(ctx.get("reason") or err.get("msg") or what).removeprefix("Value error, ")
        found.append(Problem(name or None, f"{where}「{name}」{what}" if name else f"{where}{what}"))
    return "请求参数有误：" + "；".join(p.message for p in found[:5]), found


def detail_json(detail: object) -> list[dict[str, str | None]] | None:
    """An error's `detail` on the wire: one {"field", "message"} object per problem."""
    if not isinstance(detail, list):
        return None
    return [{"field": p.field, "message": p.message} for p in map(problem_of, detail)]


def _response(
    status: int, code: str, message: str, detail: object | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    payload: dict[str, Any] = {"code": code, "message": message}
    if detail is not None:
        payload["detail"] = detail
    return JSONResponse(payload, status_code=status, headers=headers)


async def handle_error(request: Request, exc: Exception) -> JSONResponse:
    """Map AssistantError, validation and HTTP errors (and anything else, as 500) to JSON."""
    if isinstance(exc, RateLimitedError):
        headers = {"Retry-After": str(exc.retry_after), "RateLimit-Remaining": "0",
                   "RateLimit-Reset": str(exc.retry_after)}
        if exc.limit is not None:
            headers["RateLimit-Limit"] = str(exc.limit)
        return _response(429, exc.code, exc.message, headers=headers)
    if isinstance(exc, AssistantError):
        if exc.http_status >= 500:
            log.warning("%s on %s: %s", exc.code, clean_path(request.url.path), redact(exc.message))
        return _response(exc.http_status, exc.code, exc.message, detail_json(exc.detail))
    if isinstance(exc, RequestValidationError):
        message, found = validation_message(exc.errors())
        return _response(422, "invalid_input", message, detail_json(found))
    if isinstance(exc, HTTPException):
        code, message = _HTTP.get(exc.status_code, ("http_error", "请求无法处理"))
        if exc.status_code == 413:
            from assistant.api.limits import too_large

            code, message = too_large(request.scope.get("path", ""), request.app.state.settings)
        return _response(exc.status_code, code, message, headers=getattr(exc, "headers", None))
    # Only the type is logged: the message of an unexpected error may quote the request.
    log.error("unhandled %s on %s", type(exc).__name__, clean_path(request.url.path), exc_info=False)
    return _response(500, "internal_error", "服务器内部错误，请稍后再试")

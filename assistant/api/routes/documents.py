"""GET /v1/documents, /v1/documents/{id}; POST /v1/documents/{id}/render (.docx) and /preview (HTML)."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse, Response

from assistant.api.deps import Caller, Loaded, State
from assistant.api.models import ErrorOut, RenderRequest, TemplateOut, TemplateSchemaOut
from assistant.documents import RenderedDocument, get_template, list_templates, render
from assistant.documents.jsonshape import article_options, schema_json
from assistant.documents.models import DOCX_MEDIA_TYPE
from assistant.documents.preview import preview_html

router = APIRouter(prefix="/v1", tags=["文书"])
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 404, 413, 422, 429)}
TemplateId = Annotated[str, Path(max_length=80, pattern=r"^[a-z0-9_]+$", description="模板编号",
                                 examples=["pregnancy_transfer_objection"])]
MAX_OFFERED_ARTICLES = 20


@router.get("/documents", response_model=list[TemplateOut], responses=ERRORS, summary="文书模板列表")
def documents(_: Caller, state: State) -> list[TemplateOut]:
    """Every rights-claim document template."""
    return [
        TemplateOut(id=s.id, title=s.title, description=s.description) for s in list_templates(state.settings)
    ]


@router.get(
    "/documents/{template_id}", response_model=TemplateSchemaOut, responses=ERRORS, summary="文书模板的字段"
)
def document(
    template_id: TemplateId,
    _: Caller,
    state: State,
    rt: Loaded,
    articles: Annotated[
        str, Query(max_length=800, description="对话中引用的条文编号（逗号分隔），一并列为可勾选的补充条文",
                   examples=["女职工劳动保护特别规定#5,劳动合同法#35"])
    ] = "",
) -> TemplateSchemaOut:
    """A template's fields (type, required, help, example, article options), for building a form."""
    schema = get_template(state.settings, template_id)
    out = schema_json(schema, rt.corpus)
    cited = tuple(a.strip() for a in articles.split(",") if a.strip())[:MAX_OFFERED_ARTICLES]
    if cited:
        for spec in out["fields"]:
            if "options" in spec:
                spec["options"] = article_options(schema, rt.corpus, cited)
    return TemplateSchemaOut.model_validate(out)


def _headers(doc: RenderedDocument) -> dict[str, str]:
    # The warnings (e.g. the one-year time limit) travel beside the document, never inside it.
    return {"X-Document-Warnings": quote(json.dumps(list(doc.warnings), ensure_ascii=False))}


@router.post(
    "/documents/{template_id}/render",
    responses={200: {"content": {DOCX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"},
                                                   "example": "（.docx 文件内容）"}},
                     "description": "生成的 .docx 文件；文件名见 Content-Disposition，提醒见 X-Document-Warnings"},
               **ERRORS},
    response_class=Response,
    summary="填写并生成 .docx 文书",
)
def render_document(
    template_id: TemplateId, body: RenderRequest, caller: Caller, state: State, rt: Loaded
) -> Response:
    """Validate the fields (422 lists every problem) and return the filled .docx as an attachment."""
    doc = render(state.settings, rt.corpus, template_id, body.fields)
    state.storage.documents.record(doc.template_id, caller.kind)  # the template only, never the fields
    # RFC 5987 filename* carries the Chinese name (劳动仲裁申请书-张丽-2026-12-01.docx); the plain
    # filename is an ASCII fallback for old clients.
    fallback = f"{doc.template_id}-{date.today().isoformat()}.docx"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(doc.download_name)}"
    return Response(doc.content, media_type=doc.media_type,
                    headers={"Content-Disposition": disposition, **_headers(doc)})


@router.post(
    "/documents/{template_id}/preview",
    responses={200: {"content": {"text/html": {"example": "<!doctype html><html lang=\"zh-CN\">…孕期调岗降薪异议书…</html>"}},
                     "description": "文书预览（HTML）"}, **ERRORS},
    response_class=HTMLResponse,
    summary="预览文书（HTML）",
)
def preview_document(
    template_id: TemplateId, body: RenderRequest, _: Caller, state: State, rt: Loaded
) -> HTMLResponse:
    """The same document as /render, as an HTML page to show before download; warnings in the header."""
    doc = render(state.settings, rt.corpus, template_id, body.fields)
    html = preview_html(doc)
    headers = {
        **_headers(doc),
        # Shown in a sandboxed frame: no scripts, nothing loaded from anywhere.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
    }
    return HTMLResponse(html, headers=headers)

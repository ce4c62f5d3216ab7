"""GET /v1/documents, /v1/documents/{id} and POST /v1/documents/{id}/render (.docx attachment)."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path
from fastapi.responses import Response

from assistant.api.deps import Caller, Loaded, State
from assistant.api.models import ErrorOut, RenderRequest, TemplateOut, TemplateSchemaOut
from assistant.cli.doc import schema_json
from assistant.documents import get_template, list_templates, render
from assistant.documents.models import DOCX_MEDIA_TYPE

router = APIRouter(prefix="/v1", tags=["文书"])
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 404, 413, 422, 429)}
TemplateId = Annotated[str, Path(max_length=80, pattern=r"^[a-z0-9_]+$", description="模板编号")]


@router.get("/documents", response_model=list[TemplateOut], responses=ERRORS, summary="文书模板列表")
def documents(_: Caller, state: State) -> list[TemplateOut]:
    """Every rights-claim document template."""
    return [
        TemplateOut(id=s.id, title=s.title, description=s.description) for s in list_templates(state.settings)
    ]


@router.get(
    "/documents/{template_id}", response_model=TemplateSchemaOut, responses=ERRORS, summary="文书模板的字段"
)
def document(template_id: TemplateId, _: Caller, state: State) -> TemplateSchemaOut:
    """A template's fields (type, required, help, example), for building a form."""
    return TemplateSchemaOut.model_validate(schema_json(get_template(state.settings, template_id)))


@router.post(
    "/documents/{template_id}/render",
    responses={200: {"content": {DOCX_MEDIA_TYPE: {}}, "description": "生成的 .docx 文件"}, **ERRORS},
    response_class=Response,
    summary="填写并生成 .docx 文书",
)
def render_document(
    template_id: TemplateId, body: RenderRequest, caller: Caller, state: State, rt: Loaded
) -> Response:
    """Validate the fields (422 lists every problem) and return the filled .docx as an attachment."""
    doc = render(state.settings, rt.corpus, template_id, body.fields)
    state.storage.documents.record(doc.template_id, caller.kind)  # the template only, never the fields
    # RFC 5987 filename* carries the Chinese name; the ASCII fallback keeps old clients working.
    disposition = f"attachment; filename=\"{doc.template_id}.docx\"; filename*=UTF-8''{quote(doc.filename)}"
    headers = {
        "Content-Disposition": disposition,
        "X-Document-Warnings": quote(json.dumps(list(doc.warnings), ensure_ascii=False)),
    }
    return Response(doc.content, media_type=doc.media_type, headers=headers)

"""An HTML preview of a rendered document (mammoth turns the .docx into plain semantic HTML)."""

from __future__ import annotations

import html
import io

import mammoth

from .models import RenderedDocument

_STYLE = (
    "body{font-family:'Songti SC','SimSun','Noto Serif CJK SC',serif;font-size:15px;line-height:1.8;"
    "max-width:40em;margin:1em auto;padding:0 1em;color:#222}"
    "p{margin:0 0 .3em;text-indent:2em}p:first-of-type{text-align:center;text-indent:0;font-size:1.3em}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:2px 4px;text-indent:0}"
    ".warn{border:1px solid #f5b5ae;background:#fff1f0;color:#a8071a;padding:.5em;text-indent:0}"
)


def preview_html(doc: RenderedDocument) -> str:
    """A self-contained HTML page of the document; mammoth escapes every text it writes."""
    body = mammoth.convert_to_html(io.BytesIO(doc.content)).value
    title = html.escape(doc.title)
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}（预览）</title>'
        f"<style>{_STYLE}</style></head><body>{body}</body></html>"
    )

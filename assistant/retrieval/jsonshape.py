"""The JSON shape of a search hit, shared by `assistant search --json` and GET /v1/search."""

from __future__ import annotations

from typing import Any

from assistant.records import Article, Card, Case, Hit


def hit_json(hit: Hit) -> dict[str, Any]:
    """One hit as the JSON object documented in the README."""
    rec = hit.record
    base: dict[str, Any] = {"id": rec.id, "kind": rec.kind, "rank": hit.rank, "score": hit.score, "via": hit.via}
    if isinstance(rec, Article):
        base.update(law=rec.law, number=rec.number, label=rec.label, text=rec.text, version=rec.version,
                    effective=rec.effective, region=rec.region, level=rec.level, status=rec.status,
                    note=rec.note, chapter=rec.chapter)
    elif isinstance(rec, Case):
        base.update(law=None, number=None, label=rec.title, text=rec.text, version=rec.date, effective=rec.date,
                    region=rec.region, publisher=rec.publisher, cites=list(rec.cites))
    elif isinstance(rec, Card):
        base.update(law=None, number=None, label=rec.title, text=rec.text, version=None, effective=None,
                    region=rec.region, cites=list(rec.cites))
    return base

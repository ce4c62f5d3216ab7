"""Which document templates were generated, for the demand report; field values are never stored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select

from assistant.storage import schema, utcnow

if TYPE_CHECKING:
    from assistant.storage import Storage


class DocumentLog:
    """One row per rendered document: template id, caller kind and time."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def record(self, template_id: str, client: str) -> None:
        """Count one generated document."""
        with self.storage.engine.begin() as conn:
            conn.execute(insert(schema.documents).values(created_at=utcnow(), template_id=template_id, client=client))

    def counts(self) -> dict[str, int]:
        """Documents generated per template id."""
        t = schema.documents
        with self.storage.engine.connect() as conn:
            rows = conn.execute(select(t.c.template_id, func.count()).group_by(t.c.template_id)).all()
        return {str(r[0]): int(r[1]) for r in rows}

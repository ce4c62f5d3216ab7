"""Lawyers' verdicts on answers, kept with everything else in the assistant's database (assistant.storage).

The narrow interface (`VerdictStore.put_many`, `VerdictStore.get_for`) is all the rest of the
evaluation uses. A verdict belongs to a question and to the hash of the answer's summary, body and
citations: while the answer is unchanged it keeps its verdict; once it changes the last verdict is shown
as stale (待复核).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import delete, insert, select

from assistant.privacy import redact
from assistant.storage import Storage, schema

VERDICTS = ("正确", "部分正确", "错误", "有害")
APPROVED = "正确"
HARMFUL = "有害"
Status = Literal["reviewed", "stale", "unreviewed"]
STATUS_LABELS: dict[str, str] = {"reviewed": "已复核", "stale": "待复核", "unreviewed": "未复核"}

@dataclass(frozen=True, slots=True)
class Verdict:
    """One lawyer's judgement of one answer to one question."""

    question: str
    answer_hash: str
    verdict: str
    comment: str = ""
    reviewer: str = ""
    reviewed_at: str = ""
    question_id: str = ""


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Where an answer stands: reviewed (verdict holds), stale (answer changed since), or unreviewed."""

    status: Status
    verdict: Verdict | None = None

    def to_json(self) -> dict[str, str | None]:
        """The state as stored in results.jsonl."""
        v = self.verdict
        return {"status": self.status, "label": STATUS_LABELS[self.status],
                "verdict": v.verdict if v and self.status == "reviewed" else None,
                "previous_verdict": v.verdict if v and self.status == "stale" else None,
                "comment": v.comment if v else "", "reviewer": v.reviewer if v else "",
                "reviewed_at": v.reviewed_at if v else ""}


def question_key(question: str) -> str:
    """The question as stored: whitespace collapsed and personal data masked."""
    return redact(" ".join(question.split()))


class VerdictStore:
    """Verdicts in the assistant's database (SQLite file 0600 by default, or PostgreSQL)."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage

    def put_many(self, verdicts: Sequence[Verdict]) -> int:
        """Store all verdicts in one transaction (a newer verdict for the same answer replaces the older)."""
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        t = schema.review_verdicts
        rows = [dict(question_key=question_key(v.question), answer_hash=v.answer_hash, verdict=v.verdict,
                     comment=redact(v.comment), reviewer=redact(v.reviewer), reviewed_at=v.reviewed_at or now,
                     question_id=v.question_id) for v in verdicts]
        with self.storage.engine.begin() as conn:
            for row in rows:
                conn.execute(delete(t).where(t.c.question_key == row["question_key"],
                                             t.c.answer_hash == row["answer_hash"]))
            if rows:
                conn.execute(insert(t), rows)
        return len(verdicts)

    def get_for(self, question: str, answer_hash: str) -> ReviewState:
        """The verdict for this exact answer, else the latest one for the question marked stale, else none."""
        t = schema.review_verdicts
        query = (select(t.c.answer_hash, t.c.verdict, t.c.comment, t.c.reviewer, t.c.reviewed_at, t.c.question_id)
                 .where(t.c.question_key == question_key(question)).order_by(t.c.reviewed_at.desc()))
        with self.storage.engine.connect() as conn:
            rows = conn.execute(query).all()
        verdicts = [Verdict(question, h, v, c, r, at, qid) for h, v, c, r, at, qid in rows]
        for v in verdicts:
            if v.answer_hash == answer_hash:
                return ReviewState("reviewed", v)
        return ReviewState("stale", verdicts[0]) if verdicts else ReviewState("unreviewed")

"""Lawyers' verdicts on answers, kept in one small SQLite file under the data dir (mode 0600).

The narrow interface (`VerdictStore.put_many`, `VerdictStore.get_for`) is all the rest of the
evaluation uses, so the storage can move (to SQLAlchemy) without touching callers. A verdict belongs to
a question and to the hash of the answer's summary, body and citations: while the answer is unchanged
it keeps its verdict; once it changes the last verdict is shown as stale (待复核).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from assistant.answering.redact import redact

VERDICTS = ("正确", "部分正确", "错误", "有害")
APPROVED = "正确"
HARMFUL = "有害"
Status = Literal["reviewed", "stale", "unreviewed"]
STATUS_LABELS: dict[str, str] = {"reviewed": "已复核", "stale": "待复核", "unreviewed": "未复核"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    question_key TEXT NOT NULL,
    answer_hash  TEXT NOT NULL,
    verdict      TEXT NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    reviewer     TEXT NOT NULL DEFAULT '',
    reviewed_at  TEXT NOT NULL,
    question_id  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (question_key, answer_hash)
)
"""


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
    """Verdicts in SQLite; `path` is created with mode 0600 on first write."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _connect(self, write: bool) -> Iterator[sqlite3.Connection]:
        if write and not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        with closing(sqlite3.connect(self.path, timeout=10)) as con:
            con.execute(_SCHEMA)
            yield con

    def put_many(self, verdicts: Sequence[Verdict]) -> int:
        """Store all verdicts in one transaction (a newer verdict for the same answer replaces the older)."""
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        with self._connect(write=True) as con, con:
            con.executemany(
                "INSERT OR REPLACE INTO verdicts (question_key, answer_hash, verdict, comment, reviewer,"
                " reviewed_at, question_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(question_key(v.question), v.answer_hash, v.verdict, redact(v.comment), v.reviewer,
                  v.reviewed_at or now, v.question_id) for v in verdicts],
            )
        return len(verdicts)

    def get_for(self, question: str, answer_hash: str) -> ReviewState:
        """The verdict for this exact answer, else the latest one for the question marked stale, else none."""
        if not self.path.is_file():
            return ReviewState("unreviewed")
        with self._connect(write=False) as con:
            rows = con.execute(
                "SELECT answer_hash, verdict, comment, reviewer, reviewed_at, question_id FROM verdicts"
                " WHERE question_key = ? ORDER BY reviewed_at DESC", (question_key(question),)).fetchall()
        verdicts = [Verdict(question, h, v, c, r, at, qid) for h, v, c, r, at, qid in rows]
        for v in verdicts:
            if v.answer_hash == answer_hash:
                return ReviewState("reviewed", v)
        return ReviewState("stale", verdicts[0]) if verdicts else ReviewState("unreviewed")

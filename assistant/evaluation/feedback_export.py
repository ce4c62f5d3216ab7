"""Draft question sets from the review loop: unhelpful feedback and low-grounding conversation turns."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from assistant.answering.compose import LOW_SUMMARY
from assistant.answering.redact import redact
from assistant.records import Answer

AnswerFn = Callable[[str], Answer]
# The fixed opening of a low-grounding answer summary, as stored (truncated) in the turns table.
LOW_PREFIX = LOW_SUMMARY[:30]


@dataclass(frozen=True, slots=True)
class DraftSource:
    """One question worth labelling, with where it came from (all text already redacted)."""

    key: str
    question: str
    origin: str
    when: str
    comment: str = ""
    summary: str = ""


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        yield con
    finally:
        con.close()


def _tables(con: sqlite3.Connection) -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def read_sources(db: Path, since: date | None = None) -> list[DraftSource]:
    """Unhelpful feedback (api_feedback) and low-grounding turns (turns) newer than `since`, oldest first."""
    if not db.is_file():
        return []
    since_iso = since.isoformat() if since else ""
    since_ts = datetime.combine(since, datetime.min.time(), UTC).timestamp() if since else 0.0
    out: list[DraftSource] = []
    with _read_only(db) as con:
        tables = _tables(con)
        summaries: dict[tuple[str, str], str] = {}
        if "turns" in tables:
            for conv, question, summary in con.execute("SELECT conversation_id, question, summary FROM turns"):
                summaries[(conv, question)] = summary
        if "api_feedback" in tables:
            rows = con.execute(
                "SELECT id, created_at, comment, question, conversation_id FROM api_feedback"
                " WHERE helpful = 0 AND created_at >= ? ORDER BY created_at, id", (since_iso,))
            for fid, created, comment, question, conv in rows:
                out.append(DraftSource(f"fb-{fid}", question, "用户反馈“没有帮助”", str(created)[:10], comment or "",
                                       summaries.get((conv, question), "") if conv else ""))
        if "turns" in tables:
            rows = con.execute(
                "SELECT conversation_id, idx, created, question, summary FROM turns"
                " WHERE substr(summary, 1, ?) = ? AND created >= ? ORDER BY created",
                (len(LOW_PREFIX), LOW_PREFIX, since_ts))
            for conv, idx, created, question, summary in rows:
                day = datetime.fromtimestamp(created, UTC).date().isoformat()
                out.append(DraftSource(f"low-{str(conv)[:8]}-{idx}", question, "回答依据不足", day, "", summary))
    return out


def _dedupe(sources: list[DraftSource]) -> list[list[DraftSource]]:
    groups: dict[str, list[DraftSource]] = {}
    for s in sources:
        key = "".join(s.question.split())
        groups.setdefault(key, []).append(s)
    return list(groups.values())


def draft_rows(sources: list[DraftSource], answer: AnswerFn | None = None) -> list[dict[str, object]]:
    """Rows in the evaluation format with empty expected_citations, for legal staff to label."""
    rows: list[dict[str, object]] = []
    for group in _dedupe(sources):
        first = group[0]
        notes: list[str] = []
        for s in group:
            line = f"【{s.origin}，{s.when}，{s.key}】"
            if s.comment:
                line += f"反馈意见：{redact(s.comment)}；"
            if s.summary:
                line += f"当时的回答摘要：{redact(s.summary)[:120]}"
            notes.append(line)
        if answer is not None:
            ans = answer(first.question)
            cited = "、".join(f"《{c.law}》{c.label}" for c in ans.citations) or "（没有引用法条）"
            state = "" if ans.in_scope else "（当前被判为范围外）"
            notes.append(f"当前助手引用{state}：{cited}")
        notes.append("请律师填写应引用法条，并确认是否在范围内。")
        rows.append({
            "id": group[0].key,
            "question": redact(first.question),
            "expected_citations": [],
            "in_scope": True,
            "expected_templates": [],
            "must_include": [],
            "category": "待标注·" + ("用户反馈" if first.key.startswith("fb-") else "依据不足"),
            "notes": "\n".join(notes),
        })
    return rows

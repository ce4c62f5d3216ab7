"""Draft question sets from the review loop: unhelpful feedback and low-grounding conversation turns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from assistant.answering.compose import LOW_SUMMARY
from assistant.privacy import redact
from assistant.records import Answer
from assistant.storage import Storage

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


def read_sources(storage: Storage, since: date | None = None) -> list[DraftSource]:
    """Unhelpful feedback and low-grounding turns newer than `since`, oldest first (through the storage)."""
    since_dt = datetime.combine(since, datetime.min.time(), UTC) if since else None
    turns = storage.conversations.turns_since(since_dt)
    summaries = {(t.conversation_id, t.question): t.summary for t in turns}
    out: list[DraftSource] = []
    for fb in storage.feedback.list(since=since_dt or datetime.min.replace(tzinfo=UTC), helpful=False):
        summary = summaries.get((fb.conversation_id, fb.question), "") if fb.conversation_id else ""
        out.append(DraftSource(f"fb-{fb.id}", fb.question, "用户反馈“没有帮助”", fb.created_at.date().isoformat(),
                               fb.comment or "", summary))
    for t in turns:
        if t.grounding == "low" or t.summary.startswith(LOW_PREFIX):
            out.append(DraftSource(f"low-{t.conversation_id[2:10]}-{t.idx}", t.question, "回答依据不足",
                                   t.created_at.date().isoformat(), "", t.summary))
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

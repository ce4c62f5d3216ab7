"""Near-identical questions counted together: a normal form for grouping and a clean text for display.

Every text is passed through `assistant.privacy.redact` first (turns are stored redacted already; a legacy
or hand-inserted row is masked here all the same). A clause that holds a placeholder ("我叫[姓名]",
"电话[手机号]") is about her, not about her question, so it is left out of both forms. The normal form then
drops punctuation, spaces, greetings and sentence particles, in Simplified Chinese with half-width letters,
so "请问怀孕了公司能辞退我吗？" and "怀孕了，公司能辞退我吗" are one group.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.index.text import to_simplified
from assistant.privacy import redact

PLACEHOLDER = re.compile(r"\[[\u4e00-\u9fa5A-Za-z]{1,6}\]")
_CLAUSES = re.compile(r"([，,。.！!？?；;\n]+)")
_GREETING = re.compile(r"^(?:你好|您好|老师|律师|请问|想问一下|想问|问一下|咨询一下|麻烦问一下|麻烦)+")
_PARTICLES = frozenset("吗呢啊呀吧哦嘛啦了的么")


def display_text(text: str) -> str:
    """Her question, redacted, without the clauses that only carried personal data (never empty if text is not)."""
    clean = redact(text.strip())
    parts = _CLAUSES.split(clean)
    kept: list[str] = []
    for i in range(0, len(parts), 2):
        clause = parts[i]
        if not clause.strip() or PLACEHOLDER.search(clause):
            continue
        kept.append(clause.strip() + (parts[i + 1] if i + 1 < len(parts) else ""))
    shown = "".join(kept).strip().lstrip("，,。.；;")
    return shown if shown else clean


def question_key(text: str) -> str:
    """The normal form near-identical questions share (from the display text, so personal clauses drop out)."""
    shown = PLACEHOLDER.sub("", display_text(text))
    folded = unicodedata.normalize("NFKC", to_simplified(shown)).lower()
    letters = "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PSZC")
    bare = _GREETING.sub("", letters)
    return "".join(ch for ch in bare if ch not in _PARTICLES) or letters


@dataclass(frozen=True, slots=True)
class Group:
    """Questions sharing one normal form: the text shown, how often, and by how many conversations."""

    key: str
    text: str
    questions: int
    conversations: int


def group_questions(rows: Iterable[tuple[str, str | None]]) -> list[Group]:
    """(question, conversation id or None) rows grouped by normal form, most conversations first.

    A row without a conversation (feedback sent without one) counts as a question but never towards the
    distinct conversations, so it cannot lift a group over the privacy threshold.
    """
    texts: dict[str, dict[str, int]] = {}
    counts: dict[str, int] = {}
    convs: dict[str, set[str]] = {}
    for question, conversation in rows:
        if not question or not question.strip():
            continue
        shown = display_text(question)
        key = question_key(question)
        variants = texts.setdefault(key, {})
        variants[shown] = variants.get(shown, 0) + 1
        counts[key] = counts.get(key, 0) + 1
        people = convs.setdefault(key, set())
        if conversation:
            people.add(conversation)
    groups = []
    for key, variants in texts.items():
        # The wording most people used; ties go to the shorter, then the alphabetically first (stable output).
        text = min(variants, key=lambda v: (-variants[v], len(v), v))
        groups.append(Group(key, text, counts[key], len(convs[key])))
    groups.sort(key=lambda g: (-g.conversations, -g.questions, g.text))
    return groups

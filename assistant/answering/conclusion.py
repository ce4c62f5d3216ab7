"""The conclusion first: the card's answer to her question, her own numbers computed, then the explanation.

The summary is what a worker reads on her phone before anything else: the direct answer (合法/不合法,
可以/不能, the number for her case) and the article it rests on. The body explains and never repeats it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.records import AnswerUnit, Card

_SENTENCE_END = re.compile(r"(?<=[。！？])")
_PUNCT = re.compile(r"[\s，。、！？；：,.!?;:“”‘’（）()《》【】\"']")
CALC_SLOT = "{calc}"


@dataclass(frozen=True, slots=True)
class Conclusion:
    """Summary and body of one answer, with the calculations behind its numbers."""

    summary: str
    body: str
    calculations: tuple[Any, ...] = ()
    follow_up: str | None = None


def first_paragraph(text: str, limit: int = 220) -> str:
    """The first paragraph, cut at a sentence end near `limit` characters."""
    para = text.strip().split("\n\n")[0].strip()
    if len(para) <= limit:
        return para
    out = ""
    for sent in _SENTENCE_END.split(para):
        if len(out) + len(sent) > limit and out:
            break
        out += sent
    return out or para[:limit]


def _key(text: str) -> str:
    return _PUNCT.sub("", text)


def calc_sentence(calc: Any) -> str:
    """Her result in one sentence, e.g. 按您说的情况，经济补偿为6个月工资，共48000元。"""
    text = str(calc.text).rstrip("。")
    return f"按您说的情况，{text}。"


def with_result(conclusion: str, calc: Any | None, question: str | None) -> str:
    """The unit's conclusion with her result in its slot (or after the first sentence), or the question to ask."""
    if calc is not None:
        sentence = calc_sentence(calc)
        if CALC_SLOT in conclusion:
            return conclusion.replace(CALC_SLOT, sentence)
        parts = _SENTENCE_END.split(conclusion, maxsplit=1)
        return parts[0] + sentence + (parts[1] if len(parts) > 1 else "")
    text = conclusion.replace(CALC_SLOT, "")
    if question:
        text = f"{text}想算出您的具体数字，请告诉我：{question}"
    return text


def explanation(card: Card, summary: str, extra: Sequence[str] = ()) -> str:
    """The card's text as the body, without any paragraph the summary already says."""
    said = _key(summary)
    kept: list[str] = []
    for para in (p.strip() for p in card.text.split("\n\n")):
        # Sentence by sentence: the summary may have her result inserted between the card's own sentences.
        sentences = [x for x in _SENTENCE_END.split(para) if x.strip()]
        fresh = [x for x in sentences if _key(x) and _key(x) not in said]
        if fresh:
            kept.append(para if len(fresh) == len(sentences) else "".join(fresh).strip())
    return "\n\n".join([*kept, *extra])


def steps_paragraph(calc: Any) -> str:
    """How her number was computed, shown in the body."""
    lines = [f"{calc.title}怎么算："] + [f"{i}. {s}" for i, s in enumerate(calc.steps, start=1)]
    lines += [f"注意：{n}" for n in calc.notes]
    return "\n".join(lines)


def conclude(
    card: Card, unit: AnswerUnit | None, *, calc: Any | None = None, question: str | None = None,
    regional: tuple[str, str] | None = None,
) -> Conclusion:
    """Summary from the unit (or the card's first paragraph, for a card without units), then the body.

    `regional` is (label, conclusion) of her province's own rule, shown as a second line.
    """
    head = with_result(unit.conclusion, calc, question) if unit else first_paragraph(card.text)
    summary = head if not regional else f"{head}\n{regional[0]}{regional[1]}"
    extra = [steps_paragraph(calc)] if calc is not None and calc.steps else []
    body = explanation(card, summary, extra)
    return Conclusion(summary, body, (calc,) if calc is not None else (),
                      question if calc is None and question else None)

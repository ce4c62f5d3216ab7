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


def _hers(text: str) -> str:
    return f"按您说的情况，{text.rstrip('。')}。"


def calc_sentence(calc: Any) -> str:
    """Her result in one sentence, e.g. 按您说的情况，经济补偿为6个月工资，共48000元。"""
    return _hers(str(calc.text))


def _placed(conclusion: str, sentence: str) -> str:
    """The sentence in the conclusion's {calc} slot, or after its first sentence when it has none."""
    if CALC_SLOT in conclusion:
        return conclusion.replace(CALC_SLOT, sentence)
    parts = _SENTENCE_END.split(conclusion, maxsplit=1)
    return parts[0] + sentence + (parts[1] if len(parts) > 1 else "")


def with_result(conclusion: str, calc: Any | None, question: str | None, known: str = "") -> str:
    """The unit's conclusion with her result in its slot (or after the first sentence), or the question to ask.

    `known` is what her facts already settle without the missing one (按您工作3年，经济补偿是3个月工资).
    """
    if calc is not None:
        return _placed(conclusion, calc_sentence(calc))
    text = _placed(conclusion, _hers(known)) if known else conclusion.replace(CALC_SLOT, "")
    if question:
        text = f"{text}{'想算得更准确' if known else '想算出您的具体数字'}，请告诉我：{question}"
    return text


# "能拒绝吗" asks about her right, while a conclusion's first word judges the employer ("不能。单位不得…").
_ASKS_REFUSAL = re.compile(r"(?:能|可以|可不可以|能不能|有没有权|有权|敢)(?:直接)?拒绝|拒绝(?:行|可以)吗"
                           r"|(?:能|可以|可不可以|能不能)不(?:加|去|干|上|做|接受|同意|服从)")
_EMPLOYER_NO = re.compile(r"^(不能|不可以|不行|不得)。")
_ILLEGAL = re.compile(r"^(不合法|违法)。")


_ASKS_LEGAL = re.compile(r"合法吗|违法吗|合不合法|是否合法|违不违法|算不算违法|算违法吗|犯法吗|合法不")


def for_her_question(summary: str, question: str) -> str:
    """The first word turned toward her question: 能拒绝吗 → 可以拒绝, 合法吗 → 违法, not the employer's 不能."""
    if not _ASKS_REFUSAL.search(question):
        if _ASKS_LEGAL.search(question) and _EMPLOYER_NO.match(summary):
            return _EMPLOYER_NO.sub("违法。", summary, count=1)
        return summary
    if _EMPLOYER_NO.match(summary):
        return _EMPLOYER_NO.sub("可以拒绝。", summary, count=1)
    if _ILLEGAL.match(summary):
        return _ILLEGAL.sub(lambda m: f"{m.group(1)}，您可以拒绝。", summary, count=1)
    return summary


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
    known: str = "", regional: tuple[str, str] | None = None, asked: str = "",
) -> Conclusion:
    """Summary from the unit (or the card's first paragraph, for a card without units), then the body.

    `regional` is (label, conclusion) of her province's own rule, shown as a second line.
    """
    head = with_result(unit.conclusion, calc, question, known) if unit else first_paragraph(card.text)
    head = for_her_question(head, asked)
    summary = head if not regional else f"{head}\n{regional[0]}{regional[1]}"
    extra = [steps_paragraph(calc)] if calc is not None and calc.steps else []
    body = explanation(card, summary, extra)
    return Conclusion(summary, body, (calc,) if calc is not None else (),
                      question if calc is None and question else None)

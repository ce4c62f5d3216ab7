"""What an answer's numbers may rest on, and a report of the numbers that rest on nothing (any answer text).

A number is grounded when it appears in a quoted source (the articles the answer may cite and the citations
shown, with their versions), in a calculator result for her facts, in her own question, in the fixed
texts we show beside every answer (next steps, disclaimer, safety hotlines), or, for a rule the corpus lacks,
in what its manifest records as publicly known of it (corpus/gaps.yaml `known`, shown labelled as unverified).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answering.numbers import Grounding, find_numbers, grounding_of
from assistant.answering.verify import split_sentences
from assistant.corpus import Corpus
from assistant.records import NATIONAL, Answer, Article, CaseRef, Citation, NextStep

# Spans that are not claims of the text itself: law titles, and our own marks (〔已删去〕, 【上海地方规定】).
_NOT_CLAIMS = re.compile(r"《[^《》\n]*》|〔[^〔〕]*〕|【[^【】\n]*】")


@dataclass(frozen=True, slots=True)
class Ungrounded:
    """A sentence stating numbers that no source states."""

    sentence: str
    numbers: tuple[str, ...]


def calculation_texts(calculations: Iterable[Any]) -> list[str]:
    """The result sentence and the steps of each calculator result (Calculation records)."""
    out: list[str] = []
    for calc in calculations:
        out += [str(getattr(calc, "text", "")), *(str(s) for s in getattr(calc, "steps", ()))]
    return out


def grounding_for(
    corpus: Corpus,
    *,
    question: str,
    region: str | None = None,
    allowed: Iterable[str] = (),
    citations: Sequence[Citation] = (),
    cases: Sequence[CaseRef] = (),
    next_steps: Sequence[NextStep] = (),
    calculations: Iterable[Any] = (),
    extra: Iterable[str] = (),
) -> Grounding:
    """The numbers an answer may state: sources, citations with their versions, calculations, her words.

    Retrieved articles of another province do not count: 福建's 180 days of maternity leave are not hers.
    """
    texts = [question, *extra, *calculation_texts(calculations)]
    arts = (corpus.articles[a] for a in allowed if a in corpus.articles)
    texts += [a.text for a in arts if a.region in (NATIONAL, region)]
    for c in citations:
        texts += [c.text, c.version, c.effective or ""]
    texts += [c.holding for c in cases]
    texts += [f"{s.title}{s.detail}" for s in next_steps]
    return grounding_of(texts)


def _allowed_of(answer: Answer, corpus: Corpus) -> set[str]:
    """Articles an answer may rest on: those retrieved and those its retrieved cards and cases cite."""
    out = {c.id for c in answer.citations}
    for rid in answer.sources:
        if not corpus.has(rid):
            continue
        rec = corpus.get(rid)
        out.update((rec.id,) if isinstance(rec, Article) else rec.cites)
    return out


def answer_grounding(answer: Answer, corpus: Corpus, *, history: Iterable[str] = (),
                     known: Iterable[str] = ()) -> Grounding:
    """The grounding of a finished answer (any mode), rebuilt from what it shows and what was retrieved;
    `known` is the publicly known text of the gap the answer reports, if any."""
    return grounding_for(
        corpus, question=answer.question, region=answer.region, allowed=_allowed_of(answer, corpus),
        citations=answer.citations,
        cases=answer.cases, next_steps=answer.next_steps, calculations=getattr(answer, "calculations", ()),
        extra=[*history, *known, answer.disclaimer, answer.safety or ""])


def ungrounded_numbers(text: str, corpus: Corpus, grounding: Grounding) -> list[Ungrounded]:
    """Sentences of `text` with a number that `grounding` does not state (article numbers are not claims)."""
    out: list[Ungrounded] = []
    for sentence in split_sentences(text):
        skip = [(r.start, r.end) for r in corpus.find_citations(sentence)]
        skip += [(m.start(), m.end()) for m in _NOT_CLAIMS.finditer(sentence)]
        bad = tuple(m.raw for m in find_numbers(sentence, skip) if not grounding.states(m))
        if bad:
            out.append(Ungrounded(sentence.strip(), bad))
    return out


def answer_ungrounded(answer: Answer, corpus: Corpus, *, known: Iterable[str] = ()) -> list[Ungrounded]:
    """The regression guard for any mode: sentences of the summary and body stating an ungrounded number."""
    if not answer.in_scope:
        return []
    grounding = answer_grounding(answer, corpus, known=known)
    seen: set[str] = set()
    out: list[Ungrounded] = []
    for part in (answer.summary, answer.body):
        for u in ungrounded_numbers(part, corpus, grounding):
            if u.sentence not in seen:  # the summary repeats the body's first paragraph
                seen.add(u.sentence)
                out.append(u)
    return out

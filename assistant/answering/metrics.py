"""Answer-quality metrics for `assistant eval run`: citation precision, invented citations, must_include, refusals."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.answering.verify import summarize_verification, verification_counts
from assistant.corpus import Corpus
from assistant.corpus.numerals import CN_NUMERAL_CHARS, cn_to_int
from assistant.records import Answer

_CN_RUN = re.compile(rf"[{CN_NUMERAL_CHARS}]+")
_PERCENT = re.compile(rf"百分之([0-9.{CN_NUMERAL_CHARS}]+)")


def normalise_text(text: str) -> str:
    """NFKC, Chinese numerals as digits and 百分之N as N%, so 三十天 matches 30天 and 百分之二百 matches 200%."""
    s = unicodedata.normalize("NFKC", text)

    def num(m: re.Match[str]) -> str:
        try:
            return str(cn_to_int(m.group(0)))
        except ValueError:
            return m.group(0)

    # 百分之 first: its 百 is not a numeral.
    s = _PERCENT.sub(lambda m: _CN_RUN.sub(num, m.group(1)) + "%", s)
    s = _CN_RUN.sub(num, s)
    return re.sub(r"\s+", "", s)


def answer_text(answer: Answer) -> str:
    """Everything the answer shows, for must_include matching."""
    parts = [answer.summary, answer.body, *(c.text for c in answer.citations), *(c.holding for c in answer.cases),
             *(f"{s.title}{s.detail}" for s in answer.next_steps), *answer.notices]
    return "\n".join(parts)


def must_include_hits(answer: Answer, must: Sequence[str]) -> float:
    """Share of must_include facts stated anywhere in the answer (numerals and width normalised)."""
    if not must:
        return 0.0
    text = normalise_text(answer_text(answer))
    return sum(1 for m in must if normalise_text(m) in text) / len(must)


def invented(answer: Answer, corpus: Corpus) -> list[str]:
    """Cited articles that the corpus does not hold, or whose quoted text differs from it, or repealed laws."""
    out = []
    for c in answer.citations:
        art = corpus.articles.get(c.id)
        if art is None or art.text != c.text or corpus.repealed(c.law) is not None:
            out.append(c.id)
    return out


def citation_correct(
    cited: Iterable[str], expected: set[str], retrieved_top: Sequence[str], relevant: set[str]
) -> list[bool]:
    """Per cited article: expected, or retrieved near the top and cited by a source that reaches an expected one."""
    top = set(retrieved_top)
    return [aid in expected or (aid in top and aid in relevant) for aid in cited]


def answer_row(answer: Answer, row_expected: set[str], must: Sequence[str], in_scope: bool,
               corpus: Corpus, retrieved_top: Sequence[str], relevant: set[str]) -> dict[str, Any]:
    """Per-question answer fields for results.jsonl."""
    cited = [c.id for c in answer.citations]
    correct = citation_correct(cited, row_expected, retrieved_top, relevant)
    return {
        "answer_in_scope": answer.in_scope,
        "refused": not answer.in_scope,
        "grounding": answer.grounding,
        "mode": answer.mode,
        "cited": cited,
        "cited_correct": sum(correct),
        "invented": invented(answer, corpus),
        "must_include": must_include_hits(answer, must) if must else None,
        "summary": answer.summary,
        "in_scope": in_scope,
        "verification": verification_counts(answer.verification),
    }


def summarize_answers(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The "answer" block of summary.json."""
    cited = sum(len(r["cited"]) for r in rows)
    correct = sum(r["cited_correct"] for r in rows)
    musts = [r["must_include"] for r in rows if r["must_include"] is not None]
    oos = [r for r in rows if not r["in_scope"]]
    scoped = [r for r in rows if r["in_scope"]]
    return {
        "citation_precision": round(correct / cited, 4) if cited else 0.0,
        "invented_citations": sum(len(r["invented"]) for r in rows),
        # None, not 0 or 1, when a set has no such rows: an undefined metric must not look like a result.
        "must_include": round(sum(musts) / len(musts), 4) if musts else None,
        "refusal_accuracy": round(sum(r["refused"] for r in oos) / len(oos), 4) if oos else None,
        "in_scope_refused": sum(r["refused"] for r in scoped),
        "grounding_high": round(sum(r["grounding"] == "high" for r in scoped) / len(scoped), 4) if scoped else 0.0,
        "llm_verification": summarize_verification(rows),
    }

"""Answer metrics over what a reader sees: facts in the conclusion, wrong phrases, strict citation precision.

Quoted statute text (the citations' own text) never counts as something the answer says: a fact the
answer only "states" because a quoted article happens to contain it was not told to her.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from assistant.answering.verify import summarize_verification, verification_counts
from assistant.corpus import Corpus
from assistant.corpus.numerals import CN_NUMERAL_CHARS, cn_to_int
from assistant.records import Answer

_CN_RUN = re.compile(rf"[{CN_NUMERAL_CHARS}]+")
_PERCENT = re.compile(rf"百分之([0-9.{CN_NUMERAL_CHARS}]+)")
# A quoted paragraph shorter than this is too generic to cut out of the prose (e.g. "第一条").
_MIN_QUOTE = 12


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


def _strings(value: object) -> list[str]:
    """Text of an optional Answer field that may not exist yet (calculations with text and steps, follow_up …)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return _strings(getattr(value, "text", None)) + _strings(tuple(getattr(value, "steps", ()) or ()))


def _without_quotes(text: str, answer: Answer) -> str:
    """The prose with every quoted statute paragraph cut out (an LLM may quote in the body too)."""
    for c in answer.citations:
        for para in c.text.splitlines():
            para = para.strip()
            if len(para) >= _MIN_QUOTE:
                text = text.replace(para, "")
    return text


def said_text(answer: Answer) -> str:
    """Everything the answer itself says (conclusion, explanation, numbers, cases, steps, notices), no quotes."""
    parts = [answer.summary, answer.body, *_strings(getattr(answer, "calculations", None)),
             *_strings(getattr(answer, "follow_up", None)), *(c.holding for c in answer.cases),
             *(f"{s.title}{s.detail}" for s in answer.next_steps), *(f"{d.title}{d.reason}" for d in answer.documents),
             *answer.notices]
    return _without_quotes("\n".join(p for p in parts if p), answer)


# Words a reader takes as the same statement: a set writing 违法 must not fail an answer saying 不合法, nor
# 2N one saying 二倍. Deliberately tiny: only terms that are the same claim in plain Chinese.
EQUIVALENT: dict[str, tuple[str, ...]] = {
    "违法": ("不合法",), "不合法": ("违法",),
    "2N": ("二倍", "两倍", "2倍"), "双倍工资": ("二倍工资", "两倍工资", "2倍工资"), "二倍工资": ("双倍工资", "两倍工资"),
}


def found(phrases: Sequence[str], text: str) -> list[str]:
    """The phrases that occur in `text` (numerals and width normalised; EQUIVALENT wordings count)."""
    norm = normalise_text(text)
    return [p for p in phrases if any(normalise_text(v) in norm for v in (p, *EQUIVALENT.get(p.strip(), ())))]


# A wrong claim negated is not made: "不合法" does not say 合法, "不能算事假" does not say 算事假.
_NEGATION = re.compile(r"(?:不|没|未|非|无|别|不能|不得|不应|不用|不会|不是|并非|没有)$")


def claimed(phrases: Sequence[str], text: str) -> list[str]:
    """The phrases `text` states: found as in `found`, but not where every occurrence follows a negation."""
    norm = normalise_text(text)
    out = []
    for p in phrases:
        for v in (p, *EQUIVALENT.get(p.strip(), ())):
            needle = normalise_text(v)
            if needle and any(not _NEGATION.search(norm[max(0, m.start() - 3):m.start()])
                              for m in re.finditer(re.escape(needle), norm)):
                out.append(p)
                break
    return out


def answer_hash(summary: str, body: str, citation_ids: Sequence[str]) -> str:
    """sha256 (16 hex) of the summary, body and cited article ids: a verdict holds while this is unchanged."""
    payload = json.dumps([summary.strip(), body.strip(), list(citation_ids)], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def invented(answer: Answer, corpus: Corpus) -> list[str]:
    """Cited articles that the corpus does not hold, or whose quoted text differs from it, or repealed laws."""
    out = []
    for c in answer.citations:
        art = corpus.articles.get(c.id)
        if art is None or art.text != c.text or corpus.repealed(c.law) is not None:
            out.append(c.id)
    return out


def plain_text(answer: Answer, titles: dict[str, str] | None = None) -> str:
    """The whole answer as she reads it, in headed sections (documents by their Chinese titles)."""
    out = ["【简要回答】", answer.summary]
    if answer.body and answer.body.strip() != answer.summary.strip():
        out += ["【详细说明】", answer.body]
    calcs = _strings(getattr(answer, "calculations", None))
    if calcs:
        out += ["【计算】", *calcs]
    if answer.citations:
        out.append("【法律依据】")
        for c in answer.citations:
            out.append(f"《{c.law}》{c.label}（{c.version}）：“{c.text}”")
    if answer.cases:
        out += ["【典型案例】", *(f"{c.title}：{c.holding}" for c in answer.cases)]
    if answer.next_steps:
        out += ["【下一步】", *(f"{i}. {s.title}：{s.detail}" for i, s in enumerate(answer.next_steps, start=1))]
    if answer.documents:
        out += ["【可用文书】", *(f"{(titles or {}).get(d.template_id, d.title)}：{d.reason}" for d in answer.documents)]
    if answer.notices:
        out += ["【提示】", *answer.notices]
    return "\n".join(out)


def answer_fields(answer: Answer, *, expected: Sequence[str], must: Sequence[str], must_not: Sequence[str],
                  in_scope: bool, corpus: Corpus, lenient_relevant: set[str], top: Sequence[str],
                  titles: dict[str, str] | None = None) -> dict[str, Any]:
    """Per-question answer fields for results.jsonl (what was said, and every answer metric of the row)."""
    cited = list(dict.fromkeys(c.id for c in answer.citations))
    exp = set(expected)
    said = said_text(answer)
    in_conclusion = found(must, answer.summary)
    in_answer = found(must, said)
    # The wrong claim is judged where she acts on it, the conclusion, and only where it is actually stated.
    wrong = claimed(must_not, answer.summary)
    strict = [a for a in cited if a in exp]
    lenient = [a for a in cited if a in exp or (a in set(top) and a in lenient_relevant)]
    return {
        "summary": answer.summary,
        "body": answer.body,
        "text": plain_text(answer, titles),
        "citations": [{"id": c.id, "title": f"《{c.law}》{c.label}", "version": c.version} for c in answer.citations],
        "cited": cited,
        "cases": [c.title for c in answer.cases],
        "documents": [d.template_id for d in answer.documents],
        "document_titles": [(titles or {}).get(d.template_id, d.title) for d in answer.documents],
        "notices": list(answer.notices),
        "answer_hash": answer_hash(answer.summary, answer.body, [c.id for c in answer.citations]),
        "in_scope": in_scope,
        "answer_in_scope": answer.in_scope,
        "refused": not answer.in_scope,
        "grounding": answer.grounding,
        "mode": answer.mode,
        "invented": invented(answer, corpus),
        "conclusion_must_include": len(in_conclusion) / len(must) if must else None,
        "conclusion_missing": [m for m in must if m not in in_conclusion],
        "must_include": len(in_answer) / len(must) if must else None,
        "must_include_missing": [m for m in must if m not in in_answer],
        "must_not_include_found": wrong,
        "must_not_include_anywhere": found(must_not, said),
        "cited_correct": len(strict),
        "cited_correct_lenient": len(lenient),
        "cited_precision": len(strict) / len(cited) if cited and in_scope else None,
        "cited_recall": len(exp & set(cited)) / len(exp) if exp and in_scope else None,
        "expected_n": len(exp),
        "expected_ids": list(expected),
        "must_not_checked": bool(must_not),
        # LLM mode only: what verification removed or marked in the model's text.
        "verification": verification_counts(getattr(answer, "verification", None)),
    }


def _mean(values: list[float]) -> float | None:
    # None, not 0 or 1, when a set has no such rows: an undefined metric must not look like a result.
    return round(sum(values) / len(values), 4) if values else None


def summarize_answers(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The "answer" block of summary.json (citation shares are over all cited / all expected articles)."""
    scoped = [r for r in rows if r["in_scope"]]
    oos = [r for r in rows if not r["in_scope"]]
    cited = sum(len(r["cited"]) for r in scoped)
    expected = sum(r["expected_n"] for r in scoped)
    hit = sum(len(set(r["cited"]) & set(r.get("expected_ids") or [])) for r in scoped)
    with_must_not = [r for r in rows if r.get("must_not_checked")]
    return {
        "n": len(rows),
        "conclusion_must_include": _mean([r["conclusion_must_include"] for r in rows
                                          if r["conclusion_must_include"] is not None]),
        "must_include": _mean([r["must_include"] for r in rows if r["must_include"] is not None]),
        "must_not_include_violations": sum(1 for r in rows if r["must_not_include_found"]),
        "must_not_include_rows": len(with_must_not),
        "cited_precision": round(sum(r["cited_correct"] for r in scoped) / cited, 4) if cited else None,
        "cited_recall": round(hit / expected, 4) if expected else None,
        "citation_precision_lenient": round(sum(r["cited_correct_lenient"] for r in scoped) / cited, 4) if cited else None,
        "invented_citations": sum(len(r["invented"]) for r in rows),
        "refusal_accuracy": _mean([float(r["refused"]) for r in oos]),
        "in_scope_refused": sum(r["refused"] for r in scoped),
        "grounding_high": _mean([float(r["grounding"] == "high") for r in scoped]),
        "llm_verification": summarize_verification(rows),
    }

"""`assistant eval run`: run a question set and write summary.json, results.jsonl/.csv/.xlsx and report.html."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.evaluation.answer_metrics import answer_fields
from assistant.evaluation.datasets import EvalRow
from assistant.evaluation.failures import failures_of
from assistant.evaluation.metrics import RETRIEVAL_KEYS, articles_shown, flat_metrics, rank_shared_metrics
from assistant.evaluation.summary import summarize
from assistant.evaluation.verdicts import ReviewState, VerdictStore
from assistant.records import Answer, Card, Case, Hit
from assistant.retrieval.retriever import Retriever, article_ids

__all__ = ["RETRIEVAL_KEYS", "AnswerFn", "TemplateFn", "run_eval", "summarize"]

# Answers one question (AnswerService.ask); when given, rows also get answer metrics.
AnswerFn = Callable[[str], Answer]
# Template ids suggested for a question, used when answers are not evaluated.
TemplateFn = Callable[[str], Sequence[str]]


def _hit_json(h: Hit) -> dict[str, Any]:
    rec = h.record
    title = getattr(rec, "title", h.id)
    return {"id": h.id, "kind": h.kind, "rank": h.rank, "score": round(h.score, 6), "title": title,
            "cites": list(getattr(rec, "cites", ()))}


def _base(row: EvalRow) -> dict[str, Any]:
    return {
        "id": row.id, "question": row.question, "category": row.category, "in_scope": row.in_scope,
        "row_hash": row.row_hash, "line": row.line,
        "expected": list(row.expected_ids), "expected_citations": list(row.expected_citations),
        "expected_labels": [r.label for r in row.expected_refs],
        "expected_conclusion": row.expected_conclusion, "must_include": list(row.must_include),
        "must_not_include": list(row.must_not_include), "expected_templates": list(row.expected_templates),
        "notes": row.notes, "extra": [list(pair) for pair in row.extra],
    }


def run_eval(
    rows: list[EvalRow],
    retriever: Retriever,
    out_dir: Path,
    *,
    k: int = 10,
    progress: bool = True,
    dataset: str = "",
    answer: AnswerFn | None = None,
    templates: TemplateFn | None = None,
    report: bool = True,
    verdicts: VerdictStore | None = None,
    titles: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Evaluate every row; write the run folder's files; return the summary.

    `titles` maps template ids to Chinese titles; `verdicts` joins lawyers' verdicts to unchanged answers.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    corpus = retriever.corpus
    names = dict(titles or {})
    for row in tqdm(rows, desc="评测", unit="题", disable=not progress):
        started = time.perf_counter()
        res = retriever.search(row.question, k=k)
        elapsed = (time.perf_counter() - started) * 1000
        shown = articles_shown(res.hits)
        expected = set(row.expected_ids)
        result = _base(row)
        result.update({
            "retrieved": [_hit_json(h) for h in res.hits],
            "articles_shown": shown,
            "metrics": flat_metrics(shown, expected) if row.in_scope else {},
            "metrics_rank_shared": rank_shared_metrics(article_ids(res.hits, corpus), expected) if row.in_scope else {},
            "missing": [a for a in row.expected_ids if a not in set(shown[:k])],
            "latency_ms": round(elapsed, 2),
            "timings_ms": res.timings_ms,
        })
        suggested: Sequence[str] | None = None
        if answer is not None:
            result["answer"], ans = _answer(row, answer, retriever, names)
            suggested = [d.template_id for d in ans.documents]
            state = verdicts.get_for(row.question, result["answer"]["answer_hash"]) if verdicts else ReviewState("unreviewed")
            result["review"] = state.to_json()
        elif templates is not None and row.expected_templates:
            suggested = list(templates(row.question))
        if row.expected_templates and suggested is not None:
            result["templates"] = {
                "expected": list(row.expected_templates), "suggested": list(suggested),
                "expected_titles": [names.get(t, t) for t in row.expected_templates],
                "suggested_titles": [names.get(t, t) for t in suggested],
                "ok": set(row.expected_templates) <= set(suggested),
            }
        result["failures"] = [f.to_json() for f in failures_of(result)]
        results.append(result)
    summary = summarize(rows, results, dataset=dataset, dense=retriever.dense_enabled)
    write_outputs(out_dir, summary, results)
    if report:
        from assistant.evaluation.report import write_report

        write_report(out_dir / "report.html", summary, results, corpus)
    return summary


def write_outputs(out_dir: Path, summary: dict[str, Any], results: list[dict[str, Any]]) -> None:
    """summary.json, results.jsonl, results.csv (UTF-8 with BOM for Excel) and results.xlsx."""
    from assistant.evaluation.results_table import write_results_csv, write_results_xlsx

    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    write_results_csv(results, out_dir / "results.csv")
    write_results_xlsx(results, out_dir / "results.xlsx")


def _answer(row: EvalRow, answer: AnswerFn, retriever: Retriever,
            titles: dict[str, str]) -> tuple[dict[str, Any], Answer]:
    """Answer the row's question and score what it says and cites."""
    started = time.perf_counter()
    ans = answer(row.question)
    elapsed = (time.perf_counter() - started) * 1000
    corpus = retriever.corpus
    expected = set(row.expected_ids)
    # Lenient view (kept under its own name): a cited article also counts when a retrieved card or case
    # near the top cites it together with an expected one.
    relevant: set[str] = set()
    top: list[str] = []
    for rid in ans.sources[:5]:
        rec = corpus.get(rid) if corpus.has(rid) else None
        top.extend(rec.cites if isinstance(rec, Card | Case) else (rid,))
    for rid in ans.sources:
        rec = corpus.get(rid) if corpus.has(rid) else None
        if isinstance(rec, Card | Case) and expected & set(rec.cites):
            relevant.update(rec.cites)
    fields = answer_fields(ans, expected=row.expected_ids, must=row.must_include, must_not=row.must_not_include,
                           in_scope=row.in_scope, corpus=corpus, lenient_relevant=relevant, top=top, titles=titles)
    fields["latency_ms"] = round(elapsed, 2)
    return fields, ans

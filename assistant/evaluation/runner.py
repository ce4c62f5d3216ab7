"""`assistant eval run`: run a question set and write summary.json, results.jsonl, results.csv and report.html."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.answering.metrics import answer_row, answer_text, normalise_text
from assistant.evaluation.datasets import EvalRow
from assistant.evaluation.failures import failures_of
from assistant.evaluation.metrics import retrieval_metrics
from assistant.evaluation.summary import RETRIEVAL_KEYS, summarize
from assistant.records import Answer, Card, Case
from assistant.retrieval.retriever import Retriever, article_ids

__all__ = ["RETRIEVAL_KEYS", "AnswerFn", "TemplateFn", "run_eval", "summarize"]

# Hook for later stages (answers) to add their own per-row results and summary.
RowHook = Callable[[EvalRow, dict[str, Any]], None]
# Answers one question (AnswerService.ask); when given, rows also get answer metrics.
AnswerFn = Callable[[str], Answer]
# Template ids suggested for a question, used when answers are not evaluated.
TemplateFn = Callable[[str], Sequence[str]]


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
) -> dict[str, Any]:
    """Evaluate every row; write DIR/summary.json, results.jsonl, results.csv and report.html; return the summary."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    corpus = retriever.corpus
    for row in tqdm(rows, desc="评测", unit="题", disable=not progress):
        started = time.perf_counter()
        res = retriever.search(row.question, k=k)
        elapsed = (time.perf_counter() - started) * 1000
        ranked = article_ids(res.hits, corpus)
        metrics = retrieval_metrics(ranked, set(row.expected_ids)) if row.in_scope else {}
        result: dict[str, Any] = {
            "id": row.id,
            "question": row.question,
            "category": row.category,
            "in_scope": row.in_scope,
            "expected": list(row.expected_ids),
            "expected_citations": list(row.expected_citations),
            "retrieved": [{"id": h.id, "kind": h.kind, "rank": h.rank, "score": h.score} for h in res.hits],
            "retrieved_articles": [aid for aid, _ in ranked],
            "retrieved_ranks": [rank for _, rank in ranked],
            "missing": [a for a in row.expected_ids if a not in {aid for aid, _ in ranked}],
            "metrics": metrics,
            "latency_ms": round(elapsed, 2),
            "timings_ms": res.timings_ms,
            "notes": row.notes,
        }
        suggested: Sequence[str] | None = None
        if answer is not None:
            fields, ans = _answer_fields(row, answer, retriever)
            result["answer"] = fields
            suggested = [d.template_id for d in ans.documents]
        elif templates is not None and row.expected_templates:
            suggested = list(templates(row.question))
        if row.expected_templates and suggested is not None:
            result["templates"] = {
                "expected": list(row.expected_templates),
                "suggested": list(suggested),
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
    """summary.json, results.jsonl and results.csv (UTF-8 with BOM for Excel)."""
    from assistant.evaluation.results_csv import write_results_csv

    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    write_results_csv(results, out_dir / "results.csv")


def _answer_fields(row: EvalRow, answer: AnswerFn, retriever: Retriever) -> tuple[dict[str, Any], Answer]:
    """Answer the row's question and score citations, must_include and refusal."""
    started = time.perf_counter()
    ans = answer(row.question)
    elapsed = (time.perf_counter() - started) * 1000
    corpus = retriever.corpus
    expected = set(row.expected_ids)
    # An article counts as relevant when a retrieved card or case that reaches an expected article cites it.
    relevant: set[str] = set()
    top: list[str] = []
    for rid in ans.sources[:5]:
        rec = corpus.get(rid) if corpus.has(rid) else None
        top.extend(rec.cites if isinstance(rec, Card | Case) else (rid,))
    for rid in ans.sources:
        rec = corpus.get(rid) if corpus.has(rid) else None
        if isinstance(rec, Card | Case) and expected & set(rec.cites):
            relevant.update(rec.cites)
    fields = answer_row(ans, expected, row.must_include, row.in_scope, corpus, top, relevant)
    fields["latency_ms"] = round(elapsed, 2)
    text = normalise_text(answer_text(ans))
    fields["must_include_missing"] = [m for m in row.must_include if normalise_text(m) not in text]
    fields["documents"] = [d.template_id for d in ans.documents]
    return fields, ans

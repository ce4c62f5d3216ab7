"""`assistant eval run`: run a question set through retrieval and write summary.json and results.jsonl."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.answering.metrics import answer_row, summarize_answers
from assistant.evaluation.datasets import EvalRow
from assistant.evaluation.metrics import mean, percentile, retrieval_metrics
from assistant.records import Answer, Card, Case
from assistant.retrieval.retriever import Retriever, article_ids

RETRIEVAL_KEYS = ("hit@1", "hit@5", "recall@5", "recall@10", "mrr@10", "ndcg@10")
# Hook for later stages (answers) to add their own per-row results and summary.
RowHook = Callable[[EvalRow, dict[str, Any]], None]
# Answers one question (AnswerService.ask); when given, rows also get answer metrics.
AnswerFn = Callable[[str], Answer]


def run_eval(
    rows: list[EvalRow],
    retriever: Retriever,
    out_dir: Path,
    *,
    k: int = 10,
    progress: bool = True,
    dataset: str = "",
    answer: AnswerFn | None = None,
) -> dict[str, Any]:
    """Evaluate retrieval on every row, write DIR/summary.json and DIR/results.jsonl, return the summary."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    corpus = retriever.corpus
    for row in tqdm(rows, desc="评测", unit="题", disable=not progress):
        started = time.perf_counter()
        res = retriever.search(row.question, k=k)
        elapsed = (time.perf_counter() - started) * 1000
        ranked = article_ids(res.hits, corpus)
        metrics = retrieval_metrics(ranked, set(row.expected_ids)) if row.in_scope else {}
        results.append({
            "id": row.id,
            "question": row.question,
            "category": row.category,
            "in_scope": row.in_scope,
            "expected": list(row.expected_ids),
            "retrieved": [{"id": h.id, "kind": h.kind, "rank": h.rank, "score": h.score} for h in res.hits],
            "retrieved_articles": [aid for aid, _ in ranked],
            "missing": [a for a in row.expected_ids if a not in {aid for aid, _ in ranked}],
            "metrics": metrics,
            "latency_ms": round(elapsed, 2),
            "timings_ms": res.timings_ms,
        })
        if answer is not None:
            results[-1]["answer"] = _answer_fields(row, answer, retriever)
    summary = summarize(rows, results, dataset=dataset, dense=retriever.dense_enabled)
    if answer is not None:
        summary["answer"] = summarize_answers([r["answer"] for r in results])
        lat = [r["answer"]["latency_ms"] for r in results]
        summary["answer"]["latency_ms"] = {"p50": percentile(lat, 50), "p95": percentile(lat, 95)}
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (out_dir / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return summary


def summarize(rows: list[EvalRow], results: list[dict[str, Any]], *, dataset: str, dense: bool) -> dict[str, Any]:
    """Means over in-scope rows, overall and per category, plus latency percentiles."""
    scoped = [r for r in results if r["in_scope"]]
    by_cat: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in scoped:
        by_cat[r["category"] or "未分类"].append(r)
    latencies = [r["latency_ms"] for r in results]
    stages: dict[str, list[float]] = defaultdict(list)
    for r in results:
        for stage, ms in r["timings_ms"].items():
            stages[stage].append(ms)
    return {
        "dataset": dataset,
        "n": len(scoped),
        "n_total": len(results),
        "mode": "hybrid" if dense else "bm25-only",
        "retrieval": {key: mean([r["metrics"][key] for r in scoped]) for key in RETRIEVAL_KEYS},
        "by_category": {
            cat: {"n": len(rs), **{key: mean([r["metrics"][key] for r in rs]) for key in RETRIEVAL_KEYS}}
            for cat, rs in sorted(by_cat.items())
        },
        "latency_ms": {
            "p50": percentile(latencies, 50),
            "p95": percentile(latencies, 95),
            "by_stage": {s: {"p50": percentile(v, 50), "p95": percentile(v, 95)} for s, v in stages.items()},
        },
    }


def _answer_fields(row: EvalRow, answer: AnswerFn, retriever: Retriever) -> dict[str, Any]:
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
    return fields

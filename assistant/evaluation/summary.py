"""summary.json: means over in-scope rows, answer and template figures, latency, and per-category breakdowns."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from assistant.answering.metrics import summarize_answers
from assistant.evaluation.metrics import mean, percentile

RETRIEVAL_KEYS = ("hit@1", "hit@5", "recall@5", "recall@10", "mrr@10", "ndcg@10")
# Stages reported in latency_ms.by_stage, in pipeline order.
STAGES = ("normalize", "lexical", "embedding", "faiss", "fusion", "total", "answer")


def _retrieval(rows: list[dict[str, Any]]) -> dict[str, float]:
    return {key: mean([r["metrics"][key] for r in rows]) for key in RETRIEVAL_KEYS}


def _templates(rows: list[dict[str, Any]]) -> dict[str, Any]:
    scored = [r["templates"] for r in rows if r.get("templates") and r["templates"].get("expected")]
    return {"n": len(scored), "accuracy": mean([float(t["ok"]) for t in scored]) if scored else None}


def _latency(rows: list[dict[str, Any]]) -> dict[str, Any]:
    stages: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        for stage, ms in r["timings_ms"].items():
            stages[stage].append(ms)
        if r.get("answer") is not None:
            stages["answer"].append(r["answer"]["latency_ms"])
    order = [s for s in STAGES if s in stages] + sorted(s for s in stages if s not in STAGES)
    latencies = [r["latency_ms"] for r in rows]
    return {
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "by_stage": {s: {"p50": percentile(stages[s], 50), "p95": percentile(stages[s], 95)} for s in order},
    }


def summarize(rows_in: list[Any], results: list[dict[str, Any]], *, dataset: str, dense: bool) -> dict[str, Any]:
    """Means over in-scope rows, overall and per category, plus latency percentiles (the summary.json layout)."""
    scoped = [r for r in results if r["in_scope"]]
    by_cat: dict[str, list[dict[str, Any]]] = defaultdict(list)
    all_by_cat: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        all_by_cat[r["category"] or "未分类"].append(r)
        if r["in_scope"]:
            by_cat[r["category"] or "未分类"].append(r)
    summary: dict[str, Any] = {
        "dataset": dataset,
        "n": len(scoped),
        "n_total": len(results),
        "mode": "hybrid" if dense else "bm25-only",
        "retrieval": _retrieval(scoped),
        "by_category": {cat: {"n": len(rs), **_retrieval(rs)} for cat, rs in sorted(by_cat.items())},
        "latency_ms": _latency(results),
        "templates": _templates(results),
        "failures": _failure_counts(results),
    }
    answered = [r["answer"] for r in results if r.get("answer") is not None]
    if answered:
        summary["answer"] = summarize_answers(answered)
        lat = [a["latency_ms"] for a in answered]
        summary["answer"]["latency_ms"] = {"p50": percentile(lat, 50), "p95": percentile(lat, 95)}
    summary["categories"] = {cat: _category(rs) for cat, rs in sorted(all_by_cat.items())}
    return summary


def _category(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Every figure for one category: retrieval (in-scope rows), answers, templates, latency, failures."""
    scoped = [r for r in rows if r["in_scope"]]
    out: dict[str, Any] = {"n": len(rows), "n_in_scope": len(scoped)}
    if scoped:
        out["retrieval"] = _retrieval(scoped)
    answered = [r["answer"] for r in rows if r.get("answer") is not None]
    if answered:
        out["answer"] = summarize_answers(answered)
    out["templates"] = _templates(rows)
    out["latency_ms"] = _latency(rows)
    out["failures"] = _failure_counts(rows)
    return out


def _failure_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        for kind in {f["kind"] for f in r.get("failures", [])}:
            counts[kind] += 1
    return dict(sorted(counts.items()))

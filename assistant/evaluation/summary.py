"""summary.json: means over in-scope rows, answer, review and template figures, latency, per-category breakdowns."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from assistant.evaluation.answer_metrics import summarize_answers
from assistant.evaluation.metrics import RETRIEVAL_KEYS, mean, percentile
from assistant.evaluation.verdicts import APPROVED, HARMFUL, VERDICTS

# Stages reported in latency_ms.by_stage, in pipeline order.
STAGES = ("normalize", "lexical", "embedding", "faiss", "fusion", "total", "answer")


def _retrieval(rows: list[dict[str, Any]], key: str = "metrics") -> dict[str, float]:
    return {k: mean([r[key][k] for r in rows if r.get(key)]) for k in RETRIEVAL_KEYS}


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


def review_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Verdict counts over answers whose verdict still holds; stale ones (answer changed) counted apart."""
    states = [r["review"] for r in rows if r.get("review")]
    reviewed = [s for s in states if s["status"] == "reviewed"]
    counts = {v: sum(1 for s in reviewed if s["verdict"] == v) for v in VERDICTS}
    return {
        "n": len(states),
        "reviewed": len(reviewed),
        "stale": sum(1 for s in states if s["status"] == "stale"),
        "unreviewed": sum(1 for s in states if s["status"] == "unreviewed"),
        "counts": counts,
        "approved_rate": round(counts[APPROVED] / len(reviewed), 4) if reviewed else None,
        "harmful": counts[HARMFUL],
    }


def _answers(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    answered = [r["answer"] for r in rows if r.get("answer") is not None]
    if not answered:
        return None
    out = summarize_answers(answered)
    lat = [a["latency_ms"] for a in answered]
    out["latency_ms"] = {"p50": percentile(lat, 50), "p95": percentile(lat, 95)}
    return out


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
        # The article ranking a reader sees (flat, de-duplicated, cut at k entries).
        "retrieval": _retrieval(scoped),
        # The old figures, where a card's cited articles all share the card's rank.
        "retrieval_rank_shared": _retrieval(scoped, "metrics_rank_shared"),
        "by_category": {cat: {"n": len(rs), **_retrieval(rs)} for cat, rs in sorted(by_cat.items())},
        "latency_ms": _latency(results),
        "templates": _templates(results),
        "failures": _failure_counts(results),
    }
    answers = _answers(results)
    if answers is not None:
        summary["answer"] = answers
        summary["review"] = review_summary(results)
    summary["categories"] = {cat: _category(rs) for cat, rs in sorted(all_by_cat.items())}
    return summary


def _category(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Every figure for one category: retrieval (in-scope rows), answers, review, templates, latency, failures."""
    scoped = [r for r in rows if r["in_scope"]]
    out: dict[str, Any] = {"n": len(rows), "n_in_scope": len(scoped)}
    if scoped:
        out["retrieval"] = _retrieval(scoped)
    answers = _answers(rows)
    if answers is not None:
        out["answer"] = answers
        out["review"] = review_summary(rows)
    out["templates"] = _templates(rows)
    out["latency_ms"] = _latency(rows)
    out["failures"] = _failure_counts(rows)
    out["n_failed"] = sum(1 for r in rows if r.get("failures"))
    return out


def _failure_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        for kind in {f["kind"] for f in r.get("failures", [])}:
            counts[kind] += 1
    return dict(sorted(counts.items()))

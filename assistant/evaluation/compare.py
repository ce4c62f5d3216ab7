"""Comparing two runs: metric deltas, questions that got worse or better, regression check."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import InvalidInputError
from assistant.evaluation.failures import KINDS
from assistant.evaluation.report import lookup

# (summary path, Chinese label, higher is better, headline for --fail-on-regression)
METRICS: tuple[tuple[str, str, bool, bool], ...] = (
    ("retrieval.hit@1", "首条命中率 hit@1", True, True),
    ("retrieval.hit@5", "前5条命中率 hit@5", True, True),
    ("retrieval.recall@5", "前5条召回率 recall@5", True, True),
    ("retrieval.recall@10", "前10条召回率 recall@10", True, True),
    ("retrieval.mrr@10", "平均倒数名次 MRR@10", True, True),
    ("retrieval.ndcg@10", "排序质量 nDCG@10", True, True),
    ("answer.citation_precision", "引用准确率", True, True),
    ("answer.must_include", "必含要点覆盖率", True, True),
    ("answer.refusal_accuracy", "拒答准确率", True, True),
    ("templates.accuracy", "文书推荐准确率", True, True),
    ("answer.invented_citations", "编造或失效引用（条）", False, False),
    ("answer.in_scope_refused", "范围内被误拒（题）", False, False),
    ("latency_ms.p50", "检索耗时 p50（毫秒）", False, False),
    ("latency_ms.p95", "检索耗时 p95（毫秒）", False, False),
)
_SCORE_KEYS = ("hit@5", "mrr@10", "recall@10", "ndcg@10")


@dataclass(frozen=True, slots=True)
class MetricDelta:
    """One metric in both runs."""

    key: str
    label: str
    a: float | None
    b: float | None
    higher_is_better: bool
    headline: bool

    @property
    def delta(self) -> float | None:
        """b − a, or None when either run lacks the metric."""
        return None if self.a is None or self.b is None else round(self.b - self.a, 4)

    @property
    def worse(self) -> bool:
        """True when run B is worse than run A on this metric."""
        d = self.delta
        return d is not None and (d < 0 if self.higher_is_better else d > 0)


@dataclass(frozen=True, slots=True)
class QuestionChange:
    """How one question's result changed between the runs."""

    id: str
    question: str
    category: str
    changes: tuple[str, ...]
    score: float

    def to_json(self) -> dict[str, Any]:
        """The change as plain JSON."""
        return {"id": self.id, "question": self.question, "category": self.category,
                "changes": list(self.changes), "score": self.score}


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything `assistant eval compare` reports."""

    run_a: str
    run_b: str
    metrics: tuple[MetricDelta, ...]
    worse: tuple[QuestionChange, ...]
    better: tuple[QuestionChange, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]

    def regressions(self, threshold: float) -> list[MetricDelta]:
        """Headline metrics that dropped by more than `threshold` (absolute, e.g. 0.02 = 2 points)."""
        return [m for m in self.metrics if m.headline and m.delta is not None and m.worse and -m.delta > threshold]

    def to_json(self, threshold: float | None = None) -> dict[str, Any]:
        """The comparison as plain JSON (for --json)."""
        out: dict[str, Any] = {
            "run_a": self.run_a, "run_b": self.run_b,
            "metrics": [{"key": m.key, "label": m.label, "a": m.a, "b": m.b, "delta": m.delta, "worse": m.worse,
                         "headline": m.headline} for m in self.metrics],
            "worse": [q.to_json() for q in self.worse],
            "better": [q.to_json() for q in self.better],
            "only_in_a": list(self.only_a), "only_in_b": list(self.only_b),
        }
        if threshold is not None:
            out["threshold"] = threshold
            out["regressions"] = [m.key for m in self.regressions(threshold)]
        return out


def load_run(run_dir: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """summary.json and results.jsonl (by question id) of one run folder."""
    summary_path, results_path = run_dir / "summary.json", run_dir / "results.jsonl"
    if not summary_path.is_file() or not results_path.is_file():
        raise InvalidInputError(f"{run_dir} 不是评测结果目录（缺少 summary.json 或 results.jsonl）")
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    results = {}
    for line in results_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            results[str(row["id"])] = row
    return summary, results


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _kinds(row: dict[str, Any]) -> set[str]:
    return {f["kind"] for f in row.get("failures") or []}


def question_change(a: dict[str, Any], b: dict[str, Any]) -> tuple[list[str], list[str], float]:
    """(what got worse, what got better, score change) for one question present in both runs."""
    worse: list[str] = []
    better: list[str] = []
    ma, mb = a.get("metrics") or {}, b.get("metrics") or {}
    for key in _SCORE_KEYS:
        va, vb = ma.get(key), mb.get(key)
        if va is None or vb is None or va == vb:
            continue
        text = f"{key} {va:.2f} → {vb:.2f}"
        (worse if vb < va else better).append(text)
    ka, kb = _kinds(a), _kinds(b)
    worse += [f"新出现：{KINDS.get(k, k)}" for k in sorted(kb - ka)]
    better += [f"已解决：{KINDS.get(k, k)}" for k in sorted(ka - kb)]
    lost = set(a.get("retrieved_articles") or [])
    expected = set(b.get("expected") or [])
    missing_now = [x for x in b.get("missing") or [] if x in lost and x in expected]
    if missing_now:
        worse.append("前10条不再检索到：" + "、".join(missing_now))
    score = sum(float(mb.get(k, 0.0)) - float(ma.get(k, 0.0)) for k in _SCORE_KEYS) + len(ka) - len(kb)
    return worse, better, round(score, 4)


def compare_runs(run_a: Path, run_b: Path) -> Comparison:
    """Compare run B (new) against run A (baseline)."""
    sa, ra = load_run(run_a)
    sb, rb = load_run(run_b)
    metrics = tuple(
        MetricDelta(key, label, _number(lookup(sa, key)), _number(lookup(sb, key)), hib, head)
        for key, label, hib, head in METRICS
        if lookup(sa, key) is not None or lookup(sb, key) is not None
    )
    worse: list[QuestionChange] = []
    better: list[QuestionChange] = []
    for qid in ra.keys() & rb.keys():
        w, b, score = question_change(ra[qid], rb[qid])
        row = rb[qid]
        if w:
            worse.append(QuestionChange(qid, row["question"], row.get("category") or "", tuple(w + b), score))
        elif b:
            better.append(QuestionChange(qid, row["question"], row.get("category") or "", tuple(b), score))
    worse.sort(key=lambda q: (q.score, q.id))
    better.sort(key=lambda q: (-q.score, q.id))
    return Comparison(str(run_a), str(run_b), metrics, tuple(worse), tuple(better),
                      tuple(sorted(ra.keys() - rb.keys())), tuple(sorted(rb.keys() - ra.keys())))

"""Comparing two runs: metric deltas, questions that got worse or better, her own edits, verdict changes.

A row whose question or expectations changed between the runs (its row hash differs) is listed under
题目或标准已修改 and never as better or worse: the assistant is not blamed for her edits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import InvalidInputError
from assistant.evaluation.failures import KINDS, article_label
from assistant.evaluation.labels import METRICS, lookup

# Per-question figures compared, with their Chinese names.
_SCORE_KEYS = {"hit@5": "前5条法条命中", "mrr@10": "首个正确法条排位得分", "recall@10": "前10条法条召回率",
               "ndcg@10": "前10条排序得分"}
# Fields of a row that make up its standard, with the Chinese column names.
_STANDARD = (("question", "问题"), ("in_scope", "是否在范围内"), ("expected", "应引用法条"),
             ("expected_labels", "应引用法条的款项"), ("must_include", "必含要点"), ("must_not_include", "不应出现"),
             ("expected_conclusion", "预期结论"), ("expected_templates", "应推荐文书"))


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
    """How one question's result (or its standard, or its verdict) changed between the runs."""

    id: str
    question: str
    category: str
    changes: tuple[str, ...]
    score: float = 0.0

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
    edited: tuple[QuestionChange, ...]
    added: tuple[QuestionChange, ...]
    removed: tuple[QuestionChange, ...]
    verdicts: tuple[QuestionChange, ...]

    @property
    def only_a(self) -> tuple[str, ...]:
        """Ids of the questions removed in B."""
        return tuple(q.id for q in self.removed)

    @property
    def only_b(self) -> tuple[str, ...]:
        """Ids of the questions added in B."""
        return tuple(q.id for q in self.added)

    def regressions(self, threshold: float) -> list[MetricDelta]:
        """Headline metrics that dropped by more than `threshold` (absolute, e.g. 0.02 = 2 points)."""
        return [m for m in self.metrics if m.headline and m.delta is not None and m.worse and -m.delta > threshold]

    def to_json(self, threshold: float | None = None) -> dict[str, Any]:
        """The comparison as plain JSON (for --json)."""
        out: dict[str, Any] = {
            "run_a": self.run_a, "run_b": self.run_b,
            "metrics": [{"key": m.key, "label": m.label, "a": m.a, "b": m.b, "delta": m.delta, "worse": m.worse,
                         "headline": m.headline} for m in self.metrics],
            "worse": [q.to_json() for q in self.worse], "better": [q.to_json() for q in self.better],
            "edited": [q.to_json() for q in self.edited], "added": [q.to_json() for q in self.added],
            "removed": [q.to_json() for q in self.removed], "verdict_changes": [q.to_json() for q in self.verdicts],
        }
        if threshold is not None:
            out["threshold"] = threshold
            out["regressions"] = [m.key for m in self.regressions(threshold)]
        return out


def load_run(run_dir: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """summary.json and results.jsonl (by question id) of one run folder."""
    summary_path, results_path = run_dir / "summary.json", run_dir / "results.jsonl"
    if not summary_path.is_file() or not results_path.is_file():
        raise InvalidInputError(f"“{run_dir.name}”不是评测结果目录（缺少 summary.json 或 results.jsonl）")
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


def standard_changes(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """What she changed in a row between the runs (question or expectations); empty when nothing did."""
    if a.get("row_hash") and a.get("row_hash") == b.get("row_hash"):
        return []
    out = []
    for key, label in _STANDARD:
        va, vb = a.get(key), b.get(key)
        if key not in a and key not in b:
            continue
        if (va or None) != (vb or None):
            out.append(f"{label}已修改")
    return out


def _yes(v: float) -> str:
    return "是" if v else "否"


def question_change(a: dict[str, Any], b: dict[str, Any]) -> tuple[list[str], list[str], float]:
    """(what got worse, what got better, score change) for one question whose standard is unchanged."""
    worse: list[str] = []
    better: list[str] = []
    ma, mb = a.get("metrics") or {}, b.get("metrics") or {}
    for key, label in _SCORE_KEYS.items():
        va, vb = ma.get(key), mb.get(key)
        if va is None or vb is None or va == vb:
            continue
        text = f"{label} {_yes(va)} → {_yes(vb)}" if key == "hit@5" else f"{label} {va:.2f} → {vb:.2f}"
        (worse if vb < va else better).append(text)
    ka, kb = _kinds(a), _kinds(b)
    worse += [f"新出现：{KINDS.get(k, k)}" for k in sorted(kb - ka)]
    better += [f"已解决：{KINDS.get(k, k)}" for k in sorted(ka - kb)]
    lost = set((a.get("articles_shown") or a.get("retrieved_articles") or [])[:10])
    now = set((b.get("articles_shown") or b.get("retrieved_articles") or [])[:10])
    gone = [x for x in b.get("expected") or [] if x in lost and x not in now]
    if gone:
        worse.append("前10条法条中不再有：" + "、".join(article_label(x) for x in gone))
    score = sum(float(mb.get(k, 0.0)) - float(ma.get(k, 0.0)) for k in _SCORE_KEYS) + len(ka) - len(kb)
    return worse, better, round(score, 4)


def _verdict_text(review: dict[str, Any] | None) -> str:
    if not review:
        return "未复核"
    if review.get("status") == "reviewed":
        return str(review.get("verdict"))
    return str(review.get("label") or "未复核")


def _change(row: dict[str, Any], changes: list[str], score: float = 0.0) -> QuestionChange:
    return QuestionChange(str(row["id"]), row["question"], row.get("category") or "", tuple(changes), score)


def compare_runs(run_a: Path, run_b: Path) -> Comparison:
    """Compare run B (new) against run A (baseline)."""
    sa, ra = load_run(run_a)
    sb, rb = load_run(run_b)
    metrics = tuple(
        MetricDelta(m.path, m.label, _number(lookup(sa, m.path)), _number(lookup(sb, m.path)),
                    m.higher_is_better, m.headline)
        for m in METRICS if lookup(sa, m.path) is not None or lookup(sb, m.path) is not None
    )
    worse: list[QuestionChange] = []
    better: list[QuestionChange] = []
    edited: list[QuestionChange] = []
    verdicts: list[QuestionChange] = []
    for qid in sorted(ra.keys() & rb.keys()):
        a, b = ra[qid], rb[qid]
        own = standard_changes(a, b)
        if own:
            edited.append(_change(b, own))
            continue
        w, g, score = question_change(a, b)
        if w:
            worse.append(_change(b, w + g, score))
        elif g:
            better.append(_change(b, g, score))
        va, vb = _verdict_text(a.get("review")), _verdict_text(b.get("review"))
        if (a.get("review") or b.get("review")) and va != vb:
            verdicts.append(_change(b, [f"律师判定 {va} → {vb}"]))
    worse.sort(key=lambda q: (q.score, q.id))
    better.sort(key=lambda q: (-q.score, q.id))
    added = tuple(_change(rb[q], ["新增的题目"]) for q in sorted(rb.keys() - ra.keys()))
    removed = tuple(_change(ra[q], ["已删除的题目"]) for q in sorted(ra.keys() - rb.keys()))
    return Comparison(run_a.name, run_b.name, metrics, tuple(worse), tuple(better), tuple(edited), added, removed,
                      tuple(verdicts))


"""Every figure legal staff read, with its Chinese name, technical name (small print only) and one-line meaning.

Shared by the terminal output, report.html and `eval compare`, so a figure has one name everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["pct", "count", "ms"]


@dataclass(frozen=True, slots=True)
class Metric:
    """One figure of summary.json as shown to legal staff."""

    path: str  # dotted path in summary.json
    label: str  # Chinese name
    tech: str  # technical name, shown at most in small print
    explain: str  # one sentence, including what it cannot see
    kind: Kind = "pct"
    higher_is_better: bool = True
    headline: bool = True  # checked by --fail-on-regression

    @property
    def unit(self) -> str:
        """题 or 条 for counts (invented citations are counted in articles, the rest in questions)."""
        if self.kind != "count":
            return ""
        return " 条" if "invented" in self.path else " 题"


METRICS: tuple[Metric, ...] = (
    Metric("review.approved_rate", "律师判定正确率", "approved_rate",
           "律师复核过、且回答至今没有变化的题目中，判定为“正确”的比例；没复核或回答变了的题不算在内"),
    Metric("review.harmful", "有害回答", "harmful", "律师判定为“有害”、回答至今没有变化的题数，应当为0", "count", False, False),
    Metric("review.stale", "待复核", "stale", "律师复核后回答已经变了、需要重新判定的题数", "count", False, False),
    Metric("answer.conclusion_must_include", "结论要点覆盖率", "conclusion_must_include",
           "“必含要点”出现在简要回答（她最先读到的结论）里的比例；只比对文字，看不出结论对错"),
    Metric("answer.must_not_include_violations", "出现错误说法的题", "must_not_include_violations",
           "回答里出现了“不应出现”中任一说法的题数，应当为0；只能发现题集写到的错误说法", "count", False, False),
    Metric("answer.cited_precision", "引用准确率", "cited_precision",
           "回答引用的法条中，属于应引用法条的比例；引了相关但题目没列的法条也算不准"),
    Metric("answer.cited_recall", "应引法条引用率", "cited_recall", "应引用的法条中，回答实际引用了的比例"),
    Metric("answer.must_include", "全文要点覆盖率", "must_include",
           "“必含要点”出现在回答全文（不含引用的法条原文）里的比例"),
    Metric("retrieval.hit@1", "首条法条命中率", "hit@1", "检索结果依次列出的法条中，第1条就是应引用法条的题目占比"),
    Metric("retrieval.hit@5", "前5条法条命中率", "hit@5", "依次列出的前5条法条中至少有一条应引用法条的题目占比"),
    Metric("retrieval.recall@5", "前5条法条召回率", "recall@5", "应引用的法条中，出现在前5条法条里的平均比例"),
    Metric("retrieval.recall@10", "前10条法条召回率", "recall@10", "应引用的法条中，出现在前10条法条里的平均比例"),
    Metric("retrieval.mrr@10", "首个正确法条排位得分", "MRR@10",
           "第一条应引用法条排第1位得1分、第2位得1/2分……第10位以后得0分，取平均；越接近100%越好"),
    Metric("retrieval.ndcg@10", "前10条排序得分", "nDCG@10", "所有应引用法条是否都排得靠前的综合得分；越接近100%越好"),
    Metric("answer.invented_citations", "编造或失效引用", "invented_citations",
           "回答里法规库中没有、原文不符或已废止的引用条数，应当为0", "count", False, False),
    Metric("answer.refusal_accuracy", "拒答准确率", "refusal_accuracy", "范围外的问题被正确拒答或引导的比例"),
    Metric("answer.in_scope_refused", "范围内被误拒", "in_scope_refused", "本该回答却被当作范围外拒答的题数，应当为0",
           "count", False, False),
    Metric("answer.citation_precision_lenient", "引用相关率（宽松）", "citation_precision_lenient",
           "回答引用的法条中，属于应引用法条、或与之同在一张说明卡片里的比例；比引用准确率宽松", headline=False),
    Metric("templates.accuracy", "文书推荐准确率", "templates.accuracy", "填了“应推荐文书”的题目中，推荐结果包含这些文书的比例"),
    Metric("retrieval_rank_shared.hit@5", "旧口径前5条命中率", "hit@5 (rank-shared)",
           "旧算法：一张说明卡片引用的所有法条都算排在卡片的名次上，会高估；仅供与旧报告对照", headline=False),
    Metric("retrieval_rank_shared.mrr@10", "旧口径首个正确排位得分", "MRR@10 (rank-shared)",
           "旧算法下的排位得分，会高估；仅供与旧报告对照", headline=False),
    Metric("latency_ms.p50", "检索耗时中位数", "p50", "一半的题目检索用时不超过这个时间", "ms", False, False),
    Metric("answer.latency_ms.p95", "回答耗时（95%的题不超过）", "p95", "95%的题目生成回答用时不超过这个时间",
           "ms", False, False),
)
BY_PATH = {m.path: m for m in METRICS}


def lookup(data: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of the summary, or None."""
    cur: Any = data
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def fmt(value: Any, kind: Kind, unit: str = "") -> str:
    """A figure as Chinese text: 93.1%, 3 题, 25 毫秒, — when missing."""
    if value is None:
        return "—"
    if kind == "pct":
        return f"{float(value) * 100:.1f}%"
    if kind == "ms":
        return f"{float(value):.0f} 毫秒"
    return f"{value}{unit}"


def mode_label(mode: str | None) -> str:
    """The retrieval mode in plain Chinese."""
    return "关键词与语义结合" if mode == "hybrid" else "仅关键词（语义模型未启用）"

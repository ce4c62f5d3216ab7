"""results.csv: one row per question with the key fields, UTF-8 with BOM so Excel shows Chinese correctly."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.evaluation.failures import article_label

# (header, value of a results.jsonl row)
COLUMNS: tuple[tuple[str, Callable[[dict[str, Any]], object]], ...] = (
    ("编号", lambda r: r["id"]),
    ("类别", lambda r: r.get("category") or ""),
    ("问题", lambda r: r["question"]),
    ("是否在范围内", lambda r: "是" if r["in_scope"] else "否"),
    ("应引用法条", lambda r: "；".join(r.get("expected_citations") or r.get("expected") or [])),
    ("前5条命中", lambda r: _yes(r["metrics"].get("hit@5")) if r["metrics"] else ""),
    ("首个命中名次", lambda r: _first_rank(r)),
    ("前10条召回率", lambda r: r["metrics"].get("recall@10", "") if r["metrics"] else ""),
    ("检索前5条法条", lambda r: "；".join(map(article_label, _top_articles(r, 5)))),
    ("回答引用", lambda r: "；".join(map(article_label, (r.get("answer") or {}).get("cited") or []))),
    ("编造或失效引用", lambda r: "；".join(map(article_label, (r.get("answer") or {}).get("invented") or []))),
    ("是否拒答", lambda r: _yes((r.get("answer") or {}).get("refused")) if r.get("answer") else ""),
    ("必含要点覆盖", lambda r: _opt((r.get("answer") or {}).get("must_include"))),
    ("缺少的必含要点", lambda r: "；".join((r.get("answer") or {}).get("must_include_missing") or [])),
    ("推荐文书", lambda r: "；".join((r.get("answer") or {}).get("documents") or
                                 (r.get("templates") or {}).get("suggested") or [])),
    ("问题数", lambda r: len(r.get("failures") or [])),
    ("问题说明", lambda r: "；".join(f"{f['label']}：{f['detail']}" for f in r.get("failures") or [])),
    ("检索耗时(ms)", lambda r: r["latency_ms"]),
    ("回答耗时(ms)", lambda r: (r.get("answer") or {}).get("latency_ms", "")),
)


def _yes(value: object) -> str:
    if value is None:
        return ""
    return "是" if value else "否"


def _opt(value: object) -> object:
    return "" if value is None else value


def _first_rank(r: dict[str, Any]) -> object:
    expected = set(r.get("expected") or [])
    ranks = [rank for aid, rank in zip(r.get("retrieved_articles") or [], r.get("retrieved_ranks") or [], strict=False)
             if aid in expected]
    return min(ranks) if ranks else ""


def _top_articles(r: dict[str, Any], k: int) -> list[str]:
    ranks = r.get("retrieved_ranks")
    arts = r.get("retrieved_articles") or []
    if ranks is None:
        return list(arts[:k])
    return [a for a, rank in zip(arts, ranks, strict=False) if rank <= k]


def write_results_csv(results: list[dict[str, Any]], path: Path) -> None:
    """Write results.csv (UTF-8 with BOM)."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([h for h, _ in COLUMNS])
        for r in results:
            writer.writerow([fn(r) for _, fn in COLUMNS])

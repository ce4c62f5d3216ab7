"""Retrieval figures over the article list a reader sees, recomputed independently from results.jsonl."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.evaluation.datasets import load_dataset
from assistant.evaluation.inputs import write_rows
from assistant.evaluation.runner import run_eval
from assistant.runtime import open_runtime

ROWS: list[dict[str, object]] = [
    # The card pregnancy-pay (rank 1) cites 示例劳动保护法#3 then 示例仲裁规则#1: the reader sees #1 second.
    {"id": "card-2nd", "question": "怀上了老板给我降工资", "expected_citations": ["《示例仲裁规则》第一条"]},
    # Two cards come first; the expected article is the 7th article shown although its hit has rank 9.
    {"id": "late", "question": "申请仲裁有时间限制吗", "expected_citations": ["示例仲裁规则#3"]},
    {"id": "direct", "question": "示例劳动保护法第四条", "expected_citations": ["示例劳动保护法第4条"]},
    {"id": "oos", "question": "今天天气怎么样", "in_scope": False},
]


def _independent_flat(retrieved: list[dict[str, Any]]) -> list[str]:
    """The reader's article list rebuilt from the raw hits: articles as they are, cards and cases by their cites."""
    out: list[str] = []
    for hit in retrieved:
        for aid in ([hit["id"]] if hit["kind"] == "article" else hit["cites"]):
            if aid not in out:
                out.append(aid)
    return out


def _hit5_mrr10(shown: list[str], expected: list[str]) -> tuple[float, float]:
    hit = 1.0 if set(shown[:5]) & set(expected) else 0.0
    mrr = 0.0
    for i, aid in enumerate(shown[:10]):
        if aid in expected:
            mrr = 1.0 / (i + 1)
            break
    return hit, mrr


def test_flat_figures_match_an_independent_recomputation(tmp_path: Path, fixture_settings: Settings) -> None:
    rt = open_runtime(fixture_settings)
    data = tmp_path / "set.jsonl"
    write_rows(ROWS, data)
    rows = load_dataset(data, rt.corpus)
    summary = run_eval(rows, rt.retriever, tmp_path / "run", progress=False, report=False)
    results = [json.loads(x) for x in (tmp_path / "run" / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in results}
    # Exact positions on the fixture corpus (BM25 only).
    assert by_id["card-2nd"]["articles_shown"][:2] == ["示例劳动保护法#3", "示例仲裁规则#1"]
    assert by_id["card-2nd"]["metrics"]["hit@1"] == 0.0 and by_id["card-2nd"]["metrics"]["mrr@10"] == 0.5
    assert by_id["card-2nd"]["metrics_rank_shared"]["hit@1"] == 1.0  # the old view put it at the card's rank 1
    assert by_id["late"]["articles_shown"].index("示例仲裁规则#3") == 6
    assert by_id["late"]["metrics"]["mrr@10"] == 1 / 7
    assert by_id["direct"]["metrics"]["hit@1"] == 1.0
    scoped = [r for r in results if r["in_scope"]]
    hits, mrrs = [], []
    for r in scoped:
        shown = _independent_flat(r["retrieved"])
        assert shown == r["articles_shown"]
        h, m = _hit5_mrr10(r["articles_shown"], r["expected"])
        hits.append(h)
        mrrs.append(m)
    assert abs(summary["retrieval"]["hit@5"] - sum(hits) / len(hits)) < 0.005
    assert abs(summary["retrieval"]["mrr@10"] - sum(mrrs) / len(mrrs)) < 0.005
    assert summary["retrieval"]["mrr@10"] == round((0.5 + 1 / 7 + 1.0) / 3, 4)
    assert summary["retrieval_rank_shared"]["hit@1"] > summary["retrieval"]["hit@1"]

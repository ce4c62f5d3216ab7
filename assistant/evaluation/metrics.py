"""Retrieval metrics over article ids (cards and cases count through the articles they cite)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def first_rank(ranked: Sequence[tuple[str, int]], expected: set[str]) -> int | None:
    """Rank of the first hit that reaches an expected article, or None."""
    ranks = [rank for aid, rank in ranked if aid in expected]
    return min(ranks) if ranks else None


def recall_at(ranked: Sequence[tuple[str, int]], expected: set[str], k: int) -> float:
    """Share of expected articles reached by the top-k hits."""
    if not expected:
        return 0.0
    return len({aid for aid, rank in ranked if aid in expected and rank <= k}) / len(expected)


def ndcg_at(ranked: Sequence[tuple[str, int]], expected: set[str], k: int) -> float:
    """nDCG@k with binary relevance; an article counts once, at the rank of the hit that reached it."""
    if not expected:
        return 0.0
    gains: dict[int, int] = {}
    seen: set[str] = set()
    for aid, rank in ranked:
        if aid in expected and aid not in seen and rank <= k:
            seen.add(aid)
            gains[rank] = gains.get(rank, 0) + 1
    dcg = sum(g / math.log2(r + 1) for r, g in gains.items())
    ideal = sum(1 / math.log2(r + 1) for r in range(1, min(len(expected), k) + 1))
    # A card at one rank can reach several expected articles at once, so DCG may pass the ideal.
    return min(1.0, dcg / ideal) if ideal else 0.0


def retrieval_metrics(ranked: Sequence[tuple[str, int]], expected: set[str]) -> dict[str, float]:
    """hit@1, hit@5, recall@5, recall@10, mrr@10 and ndcg@10 for one question."""
    first = first_rank(ranked, expected)
    return {
        "hit@1": float(first == 1),
        "hit@5": float(first is not None and first <= 5),
        "recall@5": recall_at(ranked, expected, 5),
        "recall@10": recall_at(ranked, expected, 10),
        "mrr@10": (1.0 / first) if first is not None and first <= 10 else 0.0,
        "ndcg@10": ndcg_at(ranked, expected, 10),
    }


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean rounded to 4 places (0 for no values)."""
    return round(sum(values) / len(values), 4) if values else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by nearest rank."""
    if not values:
        return 0.0
    s = sorted(values)
    idx = max(0, min(len(s) - 1, math.ceil(q / 100 * len(s)) - 1))
    return round(s[idx], 2)

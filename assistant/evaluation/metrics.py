"""Retrieval metrics over the article ranking a reader sees, plus the old rank-sharing figures under their own name.

The article ranking: walk the hits in the order shown; an article hit contributes itself, a card or
case contributes the articles it cites in citation order; keep the first occurrence of each article.
Every metric is computed on that flat list cut at k entries, so one card citing ten articles takes ten
places, as it does on the screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from assistant.records import Article, Hit

RETRIEVAL_KEYS = ("hit@1", "hit@5", "recall@5", "recall@10", "mrr@10", "ndcg@10")


def articles_shown(hits: Iterable[Hit]) -> list[str]:
    """The flat, de-duplicated article ids in the order shown (cards and cases expand in citation order)."""
    out: list[str] = []
    seen: set[str] = set()
    for h in hits:
        rec = h.record
        ids = (rec.id,) if isinstance(rec, Article) else tuple(getattr(rec, "cites", ()))
        for aid in ids:
            if aid not in seen:
                seen.add(aid)
                out.append(aid)
    return out


def flat_metrics(shown: Sequence[str], expected: set[str]) -> dict[str, float]:
    """hit@1, hit@5, recall@5, recall@10, MRR@10 and nDCG@10 on the flat article list cut at k entries."""
    if not expected:
        return dict.fromkeys(RETRIEVAL_KEYS, 0.0)
    first = next((i for i, aid in enumerate(shown, start=1) if aid in expected), None)
    dcg = sum(1 / math.log2(i + 1) for i, aid in enumerate(shown[:10], start=1) if aid in expected)
    ideal = sum(1 / math.log2(i + 1) for i in range(1, min(len(expected), 10) + 1))
    return {
        "hit@1": float(first == 1),
        "hit@5": float(first is not None and first <= 5),
        "recall@5": len(expected & set(shown[:5])) / len(expected),
        "recall@10": len(expected & set(shown[:10])) / len(expected),
        "mrr@10": 1.0 / first if first is not None and first <= 10 else 0.0,
        "ndcg@10": dcg / ideal,
    }


def rank_shared_metrics(ranked: Sequence[tuple[str, int]], expected: set[str]) -> dict[str, float]:
    """The old figures: every article a card or case cites counts at the card's own rank (flatters cards).

    `ranked` is `assistant.retrieval.retriever.article_ids(hits, corpus)`.
    """
    if not expected:
        return dict.fromkeys(RETRIEVAL_KEYS, 0.0)
    ranks = [rank for aid, rank in ranked if aid in expected]
    first = min(ranks) if ranks else None
    gains: dict[int, int] = {}
    for aid, rank in ranked:
        if aid in expected and rank <= 10:
            gains[rank] = gains.get(rank, 0) + 1
    dcg = sum(g / math.log2(r + 1) for r, g in gains.items())
    ideal = sum(1 / math.log2(r + 1) for r in range(1, min(len(expected), 10) + 1))
    return {
        "hit@1": float(first == 1),
        "hit@5": float(first is not None and first <= 5),
        "recall@5": len({a for a, r in ranked if a in expected and r <= 5}) / len(expected),
        "recall@10": len({a for a, r in ranked if a in expected and r <= 10}) / len(expected),
        "mrr@10": (1.0 / first) if first is not None and first <= 10 else 0.0,
        "ndcg@10": min(1.0, dcg / ideal),
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

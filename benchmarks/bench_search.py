"""Search latency (p50/p95 per stage) and full index build time; results to benchmarks/results/search.json."""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from assistant.config import Settings
from assistant.corpus import load_corpus
from assistant.evaluation.metrics import percentile
from assistant.index import build_index
from assistant.runtime import open_embedder, open_runtime

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Time index build and every question of the dev set (after a warm-up pass)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dataset", type=Path, default=ROOT / "eval" / "datasets" / "women_workers.jsonl")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "search.json")
    ap.add_argument("--cached", action="store_true", help="keep the query-embedding cache on (repeat rounds hit it)")
    args = ap.parse_args()
    settings = Settings()
    if not args.cached:
        # Rounds repeat the same questions: with the LRU on, only the first round would embed anything.
        settings = settings.model_copy(update={"query_cache_size": 0})
    result: dict[str, object] = {"model": settings.embedding_model, "query_cache": args.cached}
    if not args.skip_build:
        t = time.perf_counter()
        corpus = load_corpus(settings)
        embedder, _ = open_embedder(settings)
        build_index(settings.index_dir, corpus, embedder, progress=True)
        result["index_build_s"] = round(time.perf_counter() - t, 1)
    rt = open_runtime(settings)
    questions = [json.loads(line)["question"] for line in args.dataset.read_text(encoding="utf-8").splitlines() if line]
    for q in questions[:10]:
        rt.retriever.search(q)
    totals: list[float] = []
    stages: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for q in questions:
            t = time.perf_counter()
            res = rt.retriever.search(q, k=10)
            totals.append((time.perf_counter() - t) * 1000)
            for stage, ms in res.timings_ms.items():
                stages.setdefault(stage, []).append(ms)
    result.update(
        mode=rt.mode,
        queries=len(totals),
        search_ms={"p50": percentile(totals, 50), "p95": percentile(totals, 95), "mean": round(statistics.mean(totals), 2)},
        by_stage_ms={s: {"p50": percentile(v, 50), "p95": percentile(v, 95)} for s, v in stages.items()},
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

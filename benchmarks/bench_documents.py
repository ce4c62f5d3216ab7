"""Render every document template N times with its example data and report p50/p95 milliseconds.

    python benchmarks/bench_documents.py [-n 30] [--json]

Target: p95 ≤ 200 ms per document. Times include validation, quoting articles from the (preloaded)
corpus, docxtpl rendering and serialising the .docx to bytes; loading the corpus is measured separately.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import Settings
from assistant.corpus import load_corpus
from assistant.documents import list_templates, render

TARGET_MS = 200.0


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def main() -> int:
    """Run the benchmark and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="renders per template (default 30)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    settings = cast(Callable[[], Settings], Settings)()
    t0 = time.perf_counter()
    corpus = load_corpus(settings)
    corpus_ms = (time.perf_counter() - t0) * 1000
    rows = []
    everything: list[float] = []
    for schema in list_templates(settings):
        data = schema.example_data()
        render(settings, corpus, schema.id, data)  # warm the template cache
        times = []
        for _ in range(args.n):
            start = time.perf_counter()
            doc = render(settings, corpus, schema.id, data)
            times.append((time.perf_counter() - start) * 1000)
        everything.extend(times)
        rows.append(
            {
                "template": schema.id,
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(percentile(times, 95), 1),
                "max_ms": round(max(times), 1),
                "bytes": len(doc.content),
            }
        )
    summary = {
        "runs_per_template": args.n,
        "corpus_load_ms": round(corpus_ms, 1),
        "p50_ms": round(statistics.median(everything), 1),
        "p95_ms": round(percentile(everything, 95), 1),
        "target_ms": TARGET_MS,
        "within_target": percentile(everything, 95) <= TARGET_MS,
    }
    if args.json:
        print(json.dumps({"templates": rows, "summary": summary}, ensure_ascii=False, indent=2))
        return 0
    print(f"{'template':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'bytes':>8}")
    for row in rows:
        line = f"{row['template']:34} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} {row['max_ms']:8.1f}"
        print(f"{line} {row['bytes']:8d}")
    print(
        f"\nall templates: p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms "
        f"(target ≤ {TARGET_MS:.0f} ms: {'met' if summary['within_target'] else 'NOT met'}); "
        f"corpus load {summary['corpus_load_ms']} ms, {args.n} runs per template"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

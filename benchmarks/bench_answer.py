"""Answer latency in default (compose) mode: every dev-set question, after start-up, p50/p95 in ms.

Run with the dense model loaded:
    ASSISTANT_EMBEDDING_MODEL=models/multilingual-e5-small python benchmarks/bench_answer.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from assistant.answering import AnswerService
from assistant.config import PROJECT_ROOT, Settings
from assistant.evaluation.metrics import percentile
from assistant.runtime import open_runtime


def main() -> None:
    """Time AnswerService.ask over the dev set and print p50/p95."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dataset", type=Path, default=PROJECT_ROOT / "eval" / "datasets" / "women_workers.jsonl")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    settings = Settings().model_copy(update={"llm_base_url": None})
    started = time.perf_counter()
    rt = open_runtime(settings)
    service = AnswerService(rt, settings)
    questions = [json.loads(line)["question"] for line in args.dataset.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    service.ask(questions[0])  # warm-up: first call loads lazy parts of the model and templates
    startup = (time.perf_counter() - started) * 1000
    times: list[float] = []
    for _ in range(args.rounds):
        for q in questions:
            t = time.perf_counter()
            service.ask(q)
            times.append((time.perf_counter() - t) * 1000)
    print(f"mode={rt.mode} questions={len(questions)} rounds={args.rounds} startup_ms={startup:.0f}")
    print(f"p50_ms={percentile(times, 50)} p95_ms={percentile(times, 95)} max_ms={max(times):.1f}")


if __name__ == "__main__":
    main()

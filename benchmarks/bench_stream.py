"""/v1/ask/stream on a real server: when the first citation, the summary and `done` reach the client.

Questions from the dev set, one at a time against `assistant serve`'s app on loopback (uvicorn, the same
middleware, pool and SSE framing as production), after a warm-up. Compose mode by default; `--llm-delay S`
answers with a stand-in chat model that waits S seconds before its first words, to show that the sources
arrive before the model has said anything.

    ASSISTANT_EMBEDDING_MODEL=models/multilingual-e5-small python benchmarks/bench_stream.py [--n 60] [--llm-delay 1.5]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from langchain_core.language_models import FakeListChatModel
from langchain_core.outputs import ChatGenerationChunk

from assistant.answering import AnswerService
from assistant.config import PROJECT_ROOT, Settings
from assistant.evaluation.metrics import percentile
from assistant.runtime import open_runtime

sys.path.insert(0, str(PROJECT_ROOT / "tests"))
from browser_support import live_server


class SlowModel(FakeListChatModel):
    """A chat model that thinks `delay` seconds before streaming its reply (no LLM on this machine)."""

    delay: float = 1.0

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        time.sleep(self.delay)
        yield from super()._stream(*args, **kwargs)


def timed_stream(client: httpx.Client, question: str) -> dict[str, float]:
    """Milliseconds from sending the request to the first sources, summary, token and done events."""
    seen: dict[str, float] = {}
    t0 = time.perf_counter()
    with client.stream("POST", "/v1/ask/stream", json={"question": question}) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
                seen.setdefault(name, (time.perf_counter() - t0) * 1000)
    return seen


def main() -> None:
    """Print p50/p95 of the time to first citation, summary and done (and first token in LLM mode)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dataset", type=Path, default=PROJECT_ROOT / "eval" / "datasets" / "women_workers.jsonl")
    parser.add_argument("--n", type=int, default=60, help="questions timed (after one warm-up)")
    parser.add_argument("--llm-delay", type=float, default=None, help="stand-in model: seconds before it speaks")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "benchmarks" / "results" / "stream.json")
    args = parser.parse_args()
    settings = Settings().model_copy(update={
        "llm_base_url": None, "api_auth": False, "rate_limits": False, "data_dir": Path(tempfile.mkdtemp())})
    rt = open_runtime(settings)
    model = None
    if args.llm_delay is not None:
        model = SlowModel(responses=["单位不得因女职工怀孕降低其工资。"], delay=args.llm_delay)
    service = AnswerService(rt, settings, chat_model=model)
    rows = [json.loads(line) for line in args.dataset.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [r["question"] for r in rows if r.get("in_scope", True)]
    timings: list[dict[str, float]] = []
    with live_server(settings, rt, service) as url, httpx.Client(base_url=url, timeout=60) as client:
        timed_stream(client, questions[0])  # warm-up
        for i in range(args.n):
            timings.append(timed_stream(client, questions[i % len(questions)]))
    report: dict[str, Any] = {"mode": rt.mode, "answers": "llm (stand-in)" if model else "compose", "n": args.n,
                              "llm_delay_s": args.llm_delay,
                              # A shared 2-core machine: the figures mean little without its load.
                              "load_average_1m": round(os.getloadavg()[0], 2)}
    for name in ("sources", "summary", "token", "done"):
        values = [t[name] for t in timings if name in t]
        if values:
            report[name] = {"p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95), "count": len(values)}
    order_ok = all(t["sources"] <= t["summary"] <= t["done"] for t in timings if "sources" in t)
    report["sources_first"] = order_ok
    print(json.dumps(report, ensure_ascii=False, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    results = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    results[report["answers"]] = report
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

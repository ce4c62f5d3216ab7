"""Load test: N concurrent clients on /v1/ask and/or /v1/ask/stream, against one or several replicas.

Starts `assistant serve` processes (auth and rate limits off, so the servers' own speed is measured),
spreads the clients over them round-robin, then reports throughput, p50/p95/p99 latency per route,
errors and the servers' peak RSS as JSON. A stream is timed to its last byte (the whole answer).

    python benchmarks/bench_load.py --clients 50 --duration 60                       # /v1/ask, one replica
    python benchmarks/bench_load.py --route mixed --clients 50 --duration 60         # half ask, half stream
    python benchmarks/bench_load.py --replicas 2 --services --clients 50 --duration 60
        # two replicas on a temporary PostgreSQL and Redis (Debian packages; see scripts/ensure-services.sh)
    python benchmarks/bench_load.py --url http://10.0.0.5:8000,http://10.0.0.6:8000  # running replicas
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil

QUESTIONS = (
    "怀孕了公司要给我降薪合法吗",
    "产假有多少天",
    "哺乳期每天有哺乳时间吗",
    "公司不给交社保怎么办",
    "试用期怀孕被辞退合法吗",
    "上海产假可以休多久",
    "领导对我性骚扰我该怎么办",
    "加班费怎么计算",
    "公司拖欠工资三个月",
    "孕期产检算不算病假",
    "劳动合同到期怀孕了公司不续签",
    "生育津贴怎么领",
)


SERVER_LOG = Path(tempfile.gettempdir()) / "assistant-bench-load-server.log"


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, extra_env: dict[str, str] | None = None, log: Path = SERVER_LOG) -> subprocess.Popen[bytes]:
    """`assistant serve` with auth and limits off."""
    env = {**os.environ, "ASSISTANT_API_AUTH": "false", "ASSISTANT_RATE_LIMITS": "false", **(extra_env or {})}
    cmd = [
        sys.executable,
        "-c",
        "from assistant.cli import main; main()",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    # The server's log goes to a file: an unread pipe fills up under load and then blocks the server.
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))


@contextlib.contextmanager
def temporary_services() -> Iterator[dict[str, str]]:
    """A temporary PostgreSQL and Redis on loopback (the test suite's own helpers), as settings."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from services import create_database, postgres_server, redis_server

    with postgres_server() as admin, redis_server() as redis_url:
        yield {"ASSISTANT_DATABASE_URL": create_database(admin, "bench"), "ASSISTANT_REDIS_URL": redis_url}


async def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 600, log: Path = SERVER_LOG) -> None:
    """Poll /readyz until it answers."""
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as c:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"server exited: {log.read_text(encoding='utf-8', errors='replace')[-2000:]}")
            try:
                if (await c.get(base + "/readyz")).status_code in (200, 503):
                    r = await c.get(base + "/readyz")
                    if r.json().get("records"):
                        return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.5)
    raise SystemExit("server did not become ready")


def _summary(latencies: list[float]) -> dict[str, float]:
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    return {"requests": len(latencies), "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1),
            "p99_ms": round(q[98] * 1000, 1)}


async def _ask(c: httpx.AsyncClient, base: str, question: str) -> int:
    r = await c.post(base + "/v1/ask", json={"question": question})
    return r.status_code


async def _stream(c: httpx.AsyncClient, base: str, question: str) -> int:
    async with c.stream("POST", base + "/v1/ask/stream", json={"question": question}) as r:
        body = b"".join([chunk async for chunk in r.aiter_bytes()])
    if r.status_code == 200 and b"event: done" not in body:
        return 599  # the stream ended without its answer
    return r.status_code


async def run(bases: list[str], clients: int, duration: float, pids: list[int], route: str) -> dict[str, object]:
    """Drive the load over the replicas and sample the servers' RSS."""
    latencies: dict[str, list[float]] = {"ask": [], "stream": []}
    errors: dict[str, int] = {}
    peak_rss = 0
    stop = time.monotonic() + duration
    questions = itertools.cycle(QUESTIONS)
    procs = [psutil.Process(pid) for pid in pids]

    async def sampler() -> None:
        nonlocal peak_rss
        while time.monotonic() < stop:
            peak_rss = max(peak_rss, sum(p.memory_info().rss for p in procs))
            await asyncio.sleep(0.25)

    async def worker(c: httpx.AsyncClient, n: int) -> None:
        base = bases[n % len(bases)]
        kind = route if route != "mixed" else ("ask", "stream")[n % 2]
        call = _ask if kind == "ask" else _stream
        while time.monotonic() < stop:
            t = time.perf_counter()
            try:
                status = await call(c, base, next(questions))
                if status != 200:
                    errors[str(status)] = errors.get(str(status), 0) + 1
                    continue
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                continue
            latencies[kind].append(time.perf_counter() - t)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as c:
        started = time.monotonic()
        await asyncio.gather(sampler(), *(worker(c, n) for n in range(clients)))
        elapsed = time.monotonic() - started
    total = sum(len(v) for v in latencies.values())
    result: dict[str, object] = {
        "replicas": len(bases),
        "clients": clients,
        "route": route,
        "duration_s": round(elapsed, 1),
        "requests": total,
        "throughput_rps": round(total / elapsed, 1),
        **_summary(latencies["ask"] + latencies["stream"]),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "peak_rss_mb": round(peak_rss / 2**20, 1),
    }
    for kind, values in latencies.items():
        if values:
            result[kind] = _summary(values)
    if latencies["ask"] and latencies["stream"]:
        ask_p99 = _summary(latencies["ask"])["p99_ms"]
        result["stream_p99_over_ask_p99"] = round(_summary(latencies["stream"])["p99_ms"] / max(ask_p99, 1e-9), 2)
    return result


def main() -> int:
    """Parse arguments, start the servers, run, print JSON (and write it with --out)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--route", choices=("ask", "stream", "mixed"), default="ask",
                    help="mixed: half the clients on /v1/ask, half on /v1/ask/stream, in the same run")
    ap.add_argument("--replicas", type=int, default=1, help="servers to start (clients are spread round-robin)")
    ap.add_argument("--services", action="store_true",
                    help="start a temporary PostgreSQL and Redis that the replicas share")
    ap.add_argument("--warmup", type=int, default=20, help="sequential requests per replica before measuring")
    ap.add_argument("--url", help="measure running servers instead (comma-separated; RSS is then not reported)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    with contextlib.ExitStack() as stack:
        procs: list[subprocess.Popen[bytes]] = []
        if args.url:
            bases, pids = [u.strip().rstrip("/") for u in args.url.split(",") if u.strip()], [os.getpid()]
        else:
            extra = stack.enter_context(temporary_services()) if args.services else {}
            if args.replicas > 1 and not args.services:
                # Replicas of one machine share the SQLite file of one data folder.
                extra["ASSISTANT_DATA_DIR"] = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-data-"))
            bases, logs = [], []
            for i in range(args.replicas):
                port = free_port()
                log = SERVER_LOG.with_name(f"{SERVER_LOG.stem}-{i}.log")
                procs.append(start_server(port, extra, log))
                bases.append(f"http://127.0.0.1:{port}")
                logs.append(log)
            stack.callback(_stop, procs)
            for base, proc, log in zip(bases, procs, logs, strict=True):
                asyncio.run(wait_ready(base, proc, log=log))
            pids = [p.pid for p in procs]
        with httpx.Client(timeout=60) as c:
            for base in bases:
                for q in itertools.islice(itertools.cycle(QUESTIONS), args.warmup):
                    c.post(base + "/v1/ask", json={"question": q})
        result = asyncio.run(run(bases, args.clients, args.duration, pids, args.route))
        if procs:
            ready = httpx.get(bases[0] + "/readyz", timeout=60).json()
            result["index_mode"] = ready.get("mode")
            result["storage"] = ready.get("storage")
            result["limits"] = ready.get("limits")
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if result["errors"] == 0 else 1


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


if __name__ == "__main__":
    sys.exit(main())

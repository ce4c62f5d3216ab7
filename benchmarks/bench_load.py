"""Load test: N concurrent clients POST /v1/ask on loopback for a bounded time.

Starts `assistant serve` in a subprocess (auth and rate limits off, so the server's own speed is measured),
then reports throughput, p50/p95/p99 latency, errors and the server's peak RSS as JSON.

    python benchmarks/bench_load.py --clients 50 --duration 60
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
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


def start_server(port: int) -> subprocess.Popen[bytes]:
    """`assistant serve` with auth and limits off."""
    env = {**os.environ, "ASSISTANT_API_AUTH": "false", "ASSISTANT_RATE_LIMITS": "false"}
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
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=SERVER_LOG.open("wb"))


async def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 600) -> None:
    """Poll /readyz until it answers."""
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as c:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(
                    f"server exited: {SERVER_LOG.read_text(encoding='utf-8', errors='replace')[-2000:]}"
                )
            try:
                if (await c.get(base + "/readyz")).status_code in (200, 503):
                    r = await c.get(base + "/readyz")
                    if r.json().get("records"):
                        return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.5)
    raise SystemExit("server did not become ready")


async def run(base: str, clients: int, duration: float, pid: int) -> dict[str, object]:
    """Drive the load and sample the server's RSS."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    peak_rss = 0
    stop = time.monotonic() + duration
    questions = itertools.cycle(QUESTIONS)
    proc = psutil.Process(pid)

    async def sampler() -> None:
        nonlocal peak_rss
        while time.monotonic() < stop:
            peak_rss = max(peak_rss, proc.memory_info().rss)
            await asyncio.sleep(0.25)

    async def worker(c: httpx.AsyncClient) -> None:
        while time.monotonic() < stop:
            t = time.perf_counter()
            try:
                r = await c.post(base + "/v1/ask", json={"question": next(questions)})
                if r.status_code != 200:
                    errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
                    continue
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                continue
            latencies.append(time.perf_counter() - t)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as c:
        started = time.monotonic()
        await asyncio.gather(sampler(), *(worker(c) for _ in range(clients)))
        elapsed = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    return {
        "clients": clients,
        "duration_s": round(elapsed, 1),
        "requests": len(latencies),
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "peak_rss_mb": round(peak_rss / 2**20, 1),
    }


def main() -> int:
    """Parse arguments, start the server, run, print JSON (and write it with --out)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--warmup", type=int, default=20, help="sequential requests before measuring")
    ap.add_argument("--url", help="measure an already running server instead (RSS is then not reported)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    proc = None
    if args.url:
        base, pid = args.url.rstrip("/"), os.getpid()
    else:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(port)
        pid = proc.pid
    try:
        if proc is not None:
            asyncio.run(wait_ready(base, proc))
        with httpx.Client(timeout=60) as c:
            for q in itertools.islice(itertools.cycle(QUESTIONS), args.warmup):
                c.post(base + "/v1/ask", json={"question": q})
        result = asyncio.run(run(base, args.clients, args.duration, pid))
        if proc is not None:
            mode = httpx.get(base + "/readyz", timeout=60).json()
            result["index_mode"] = mode.get("mode")
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

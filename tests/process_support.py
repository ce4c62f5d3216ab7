"""`assistant serve` as a real process (what operators run), for end-to-end, replica and load tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
from api_support import make_settings, shared_runtime
from services import free_port


def base_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for a server on the session's BM25-only index, mounted as it is (never rebuilt)."""
    settings = make_settings(data_dir)
    shared_runtime()  # the index exists before any replica starts
    env = {
        **os.environ,
        "ASSISTANT_EMBEDDING_MODEL": "none",
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_INDEX_AUTO_BUILD": "false",
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
    }
    env.pop("ASSISTANT_DATABASE_URL", None)
    env.pop("ASSISTANT_REDIS_URL", None)
    env.update(extra)
    return env


@contextmanager
def serve(env: dict[str, str], log: Path, *, timeout: float = 120) -> Iterator[str]:
    """Start `assistant serve` on a free port with `env`, its log (stderr) in `log`; yields the base URL."""
    port = free_port()
    cmd = [sys.executable, "-c", "from assistant.cli import main; main()", "serve", "--host", "127.0.0.1",
           "--port", str(port)]
    out = log.open("ab")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited {proc.returncode}: {log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(url + "/readyz", timeout=2).json().get("records"):
                    break
            except (httpx.HTTPError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not become ready")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        out.close()


@contextmanager
def replicas(env: dict[str, str], log_dir: Path, n: int = 2) -> Iterator[list[str]]:
    """`n` servers with the same environment (one database, one Redis); yields their base URLs."""
    with ExitStack() as stack:
        yield [stack.enter_context(serve(env, log_dir / f"replica-{i}.log")) for i in range(n)]

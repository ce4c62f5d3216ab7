"""Query-side wrappers for an embedder: an LRU cache and a micro-batcher for concurrent requests."""

from __future__ import annotations

import queue
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future

import numpy as np

from assistant.index.embedder import Embedder


class CachedEmbedder:
    """Remembers query vectors: workers ask the same few questions (产假多少天) again and again."""

    def __init__(self, inner: Embedder, size: int = 4096) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self._size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Cached vectors for known texts; the rest are embedded in one call."""
        out: dict[int, np.ndarray] = {}
        missing: list[int] = []
        with self._lock:
            for i, t in enumerate(texts):
                vec = self._cache.get(t)
                if vec is None:
                    missing.append(i)
                else:
                    self._cache.move_to_end(t)
                    out[i] = vec
        if missing:
            vecs = self.inner.embed_queries([texts[i] for i in missing])
            with self._lock:
                for i, vec in zip(missing, vecs, strict=True):
                    out[i] = vec
                    self._cache[texts[i]] = vec
                    if len(self._cache) > self._size:
                        self._cache.popitem(last=False)
        return np.stack([out[i] for i in range(len(texts))])

    def embed_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Passages are embedded at build time only; never cached."""
        return self.inner.embed_passages(texts, progress=progress)


class BatchingEmbedder:
    """Funnels concurrent query embeddings through one thread, encoding whatever is waiting as one batch.

    One batched forward pass costs far less than the same queries one by one on two cores, and there
    is no added wait: a lone query is encoded at once, queries that arrive meanwhile form the next batch.
    """

    def __init__(self, inner: Embedder, max_batch: int = 64) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self._max_batch = max_batch
        self._queue: queue.Queue[tuple[str, Future[np.ndarray]]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="embed-batcher", daemon=True)
        self._thread.start()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for `texts`, computed on the batching thread."""
        futures: list[Future[np.ndarray]] = []
        for t in texts:
            fut: Future[np.ndarray] = Future()
            self._queue.put((t, fut))
            futures.append(fut)
        return np.stack([f.result() for f in futures])

    def embed_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Passages go straight to the model (index build is one big batch already)."""
        return self.inner.embed_passages(texts, progress=progress)

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self._max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                vecs = self.inner.embed_queries([t for t, _ in batch])
            except Exception as exc:  # hand the failure to every waiting caller
                for _, fut in batch:
                    fut.set_exception(exc)
                continue
            for (_, fut), vec in zip(batch, vecs, strict=True):
                fut.set_result(vec)

"""The query cache and the micro-batcher return exactly what the model would."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from assistant.index.embed_cache import BatchingEmbedder, CachedEmbedder
from tests.conftest import FakeEmbedder


class CountingEmbedder(FakeEmbedder):
    """Counts model calls and the texts they carried."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        return super().embed_queries(texts)


def test_cache_returns_same_vectors_and_skips_the_model() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, size=2)
    first = cached.embed_queries(["产假多少天", "哺乳时间"])
    again = cached.embed_queries(["哺乳时间", "产假多少天"])
    assert np.allclose(again[0], first[1]) and np.allclose(again[1], first[0])
    assert inner.calls == [2]
    cached.embed_queries(["第三个问题"])  # evicts 哺乳时间, the least recently used entry
    cached.embed_queries(["产假多少天"])
    assert inner.calls == [2, 1]
    cached.embed_queries(["哺乳时间"])
    assert inner.calls == [2, 1, 1]
    assert np.allclose(cached.embed_queries(["第三个问题"])[0], FakeEmbedder().embed_queries(["第三个问题"])[0])


def test_batcher_serves_concurrent_callers_with_their_own_vectors() -> None:
    inner = CountingEmbedder()
    batcher = BatchingEmbedder(inner)
    texts = [f"问题{i}关于产假和工资" for i in range(40)]
    results: dict[int, np.ndarray] = {}

    def ask(i: int) -> None:
        results[i] = batcher.embed_queries([texts[i]])[0]

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = FakeEmbedder().embed_queries(texts)
    for i in range(40):
        assert np.allclose(results[i], expected[i])
    assert sum(inner.calls) == 40


def test_batcher_passes_model_errors_to_the_caller() -> None:
    class Broken(FakeEmbedder):
        def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
            raise RuntimeError("model crashed")

    batcher = BatchingEmbedder(Broken())
    try:
        batcher.embed_queries(["产假"])
    except RuntimeError as exc:
        assert "model crashed" in str(exc)
    else:
        raise AssertionError("the error was swallowed")

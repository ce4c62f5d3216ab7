"""Sentence-transformers embedder (e5 query/passage prompts), loaded from a hub name or local folder."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from assistant.errors import ModelUnavailableError

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """What indexing and retrieval need from an embedding model."""

    name: str
    dimension: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised query vectors, float32, shape (n, dimension)."""
        ...

    def embed_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """L2-normalised passage vectors, float32, shape (n, dimension)."""
        ...


class SentenceTransformerEmbedder:
    """Wraps SentenceTransformer; honours the model's own 'query'/'passage' prompts or e5 prefixes."""

    def __init__(self, name_or_path: str, batch_size: int = 32) -> None:
        try:
            import torch
            from sentence_transformers import SentenceTransformer

            # One intra-op thread per query: the answer pool already embeds `answer_threads` questions at
            # once, and on a shared 2-core machine two spinning OpenMP threads per query made one query
            # embedding take ~1 s instead of ~70 ms (measured at load 8). Batch builds get two (below).
            self._build_threads = max(1, min(2, torch.get_num_threads()))
            torch.set_num_threads(1)
            self._model: Any = SentenceTransformer(name_or_path, device="cpu")
        except Exception as exc:  # any load failure (missing folder, no hub, bad weights) means no dense
            raise ModelUnavailableError(f"无法加载向量模型 {name_or_path!r}：{exc}") from exc
        self.name = name_or_path
        self.batch_size = batch_size
        # Newer sentence-transformers renamed the method; older ones only have the long name.
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        self.dimension = int(dim) if dim else 0
        prompts = dict(getattr(self._model, "prompts", {}) or {})
        self._has_prompts = "query" in prompts and "passage" in prompts
        self._e5 = "e5" in name_or_path.lower()

    def _encode(self, texts: Sequence[str], kind: str, progress: bool) -> np.ndarray:
        kwargs: dict[str, Any] = {}
        items = list(texts)
        if self._has_prompts:
            kwargs["prompt_name"] = kind
        elif self._e5:
            items = [f"{kind}: {t}" for t in items]
        vecs = self._model.encode(
            items, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=progress, **kwargs,
        )
        return np.asarray(vecs, dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised query vectors."""
        return self._encode(texts, "query", False)

    def embed_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """L2-normalised passage vectors (index builds: large batches, so two threads while they run)."""
        import torch

        torch.set_num_threads(self._build_threads)
        try:
            return self._encode(texts, "passage", progress)
        finally:
            torch.set_num_threads(1)


def load_embedder(name_or_path: str, batch_size: int = 32) -> SentenceTransformerEmbedder:
    """Load the configured model; raises ModelUnavailableError with the reason."""
    return SentenceTransformerEmbedder(name_or_path, batch_size)

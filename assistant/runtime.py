"""Everything a command or the API needs, loaded once: corpus, index, embedder and retriever."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from assistant.config import Settings
from assistant.corpus import Corpus, load_corpus
from assistant.errors import IndexMismatchError, IndexMissingError, ModelUnavailableError
from assistant.index import SearchIndex, build_index, load_index
from assistant.index.embed_cache import BatchingEmbedder, CachedEmbedder
from assistant.index.embedder import Embedder, load_embedder
from assistant.retrieval.normalize import load_synonyms
from assistant.retrieval.retriever import Retriever

log = logging.getLogger("assistant")


@dataclass
class Runtime:
    """Loaded state shared by the CLI and the API."""

    settings: Settings
    corpus: Corpus
    index: SearchIndex
    embedder: Embedder | None
    retriever: Retriever
    degraded: str | None = None

    @property
    def mode(self) -> str:
        """'hybrid' or 'bm25-only'."""
        return "hybrid" if self.retriever.dense_enabled else "bm25-only"


def open_embedder(settings: Settings) -> tuple[Embedder | None, str | None]:
    """The embedding model, or None with the reason when it is off or cannot be loaded."""
    if not settings.dense_enabled:
        return None, "向量模型已关闭（ASSISTANT_EMBEDDING_MODEL=none），仅使用 BM25 检索"
    try:
        model = load_embedder(settings.embedding_model, settings.embedding_batch_size)
        return CachedEmbedder(BatchingEmbedder(model), settings.query_cache_size), None
    except ModelUnavailableError as exc:
        reason = f"向量模型不可用，已降级为仅 BM25 检索：{exc.message}"
        # Said once, loudly: answers still work, but retrieval quality drops.
        log.warning("!" * 20 + " %s " + "!" * 20, reason)
        return None, reason


def open_runtime(settings: Settings, *, progress: bool = False, corpus: Corpus | None = None) -> Runtime:
    """Load the corpus, embedder and index (building the index when allowed), and the retriever."""
    corpus = corpus or load_corpus(settings)
    embedder, degraded = open_embedder(settings)
    model = embedder.name if embedder else None
    try:
        index = load_index(settings.index_dir, corpus, model)
    except (IndexMissingError, IndexMismatchError) as exc:
        if not settings.index_auto_build:
            raise
        log.warning("%s —— 正在自动重建索引", exc.message)
        index = build_index(settings.index_dir, corpus, embedder, progress=progress)
    retriever = Retriever(corpus, index, embedder, load_synonyms(settings.synonyms_file),
                          max_question_chars=settings.max_question_chars)
    return Runtime(settings, corpus, index, embedder, retriever, degraded)

"""Shared fixtures: the fixture corpus, the real corpus, a deterministic fake embedder."""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.config import PROJECT_ROOT, Settings
from assistant.corpus import Corpus, load_corpus

DATA = Path(__file__).parent / "data"
REAL_CORPUS = Path(os.environ.get("ASSISTANT_CORPUS_DIR", PROJECT_ROOT.parent / "shared" / "corpus"))
MODEL = os.environ.get("ASSISTANT_EMBEDDING_MODEL", str(PROJECT_ROOT / "models" / "multilingual-e5-small"))


class FakeEmbedder:
    """Bag of hashed character bigrams: deterministic, fast, and similar texts get similar vectors."""

    name = "fake-bigram-64"
    dimension = 64

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dimension, dtype=np.float32)
        for a, b in itertools.pairwise(text):
            h = int(hashlib.md5((a + b).encode()).hexdigest()[:8], 16)
            v[h % self.dimension] += 1.0
        n = float(np.linalg.norm(v))
        return v / n if n else v

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])

    def embed_passages(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])


@pytest.fixture
def fixture_settings(tmp_path: Path) -> Settings:
    """Settings over the small fixture corpus, with a private index folder."""
    return Settings(
        corpus_dir=DATA / "corpus", cards_dir=DATA / "cards", index_dir=tmp_path / "index",
        data_dir=tmp_path, embedding_model="none",
    )


@pytest.fixture
def fixture_corpus(fixture_settings: Settings) -> Corpus:
    """The fixture corpus, parsed."""
    return load_corpus(fixture_settings, strict=True)


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over ../shared/corpus in BM25-only mode, with a private index folder."""
    if not REAL_CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {REAL_CORPUS}")
    tmp = tmp_path_factory.mktemp("real")
    return Settings(corpus_dir=REAL_CORPUS, index_dir=tmp / "index", data_dir=tmp, embedding_model="none")


@pytest.fixture(scope="session")
def real_corpus(real_settings: Settings) -> Corpus:
    """The real corpus with the project's cards, parsed once per session."""
    return load_corpus(real_settings)


@pytest.fixture(scope="session")
def model_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings with the real embedding model (provisioned by make); skipped when it is absent."""
    if not REAL_CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {REAL_CORPUS}")
    if not (Path(MODEL).is_dir() and (Path(MODEL) / ".provisioned").exists()) and not os.environ.get("CI"):
        pytest.skip(f"embedding model not provisioned at {MODEL} (run `make model`)")
    tmp = tmp_path_factory.mktemp("model")
    return Settings(corpus_dir=REAL_CORPUS, index_dir=tmp / "index", data_dir=tmp, embedding_model=MODEL)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[str]:
    """A real PostgreSQL server for the whole session (Debian's package; see scripts/ensure-services.sh)."""
    from services import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real Redis server for the whole session."""
    from services import redis_server

    with redis_server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_admin: str, request: pytest.FixtureRequest) -> str:
    """A fresh empty database for one test."""
    from services import create_database

    name = "t_" + hashlib.md5(request.node.nodeid.encode()).hexdigest()[:16]
    return create_database(postgres_admin, name)

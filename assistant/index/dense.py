"""Dense vector store: a FAISS inner-product index whose rows map to record ids (several rows per card)."""

from __future__ import annotations

import json
from pathlib import Path

import faiss
import numpy as np

from assistant.errors import IndexMismatchError


class DenseStore:
    """FAISS flat inner-product index; exact search is fast at this corpus size (a few thousand rows)."""

    def __init__(self, index: faiss.Index, row_ids: list[str]) -> None:
        if index.ntotal != len(row_ids):
            raise IndexMismatchError(f"向量索引行数 {index.ntotal} 与记录数 {len(row_ids)} 不一致，请重建索引")
        self.index = index
        self.row_ids = row_ids

    @classmethod
    def build(cls, vectors: np.ndarray, row_ids: list[str]) -> DenseStore:
        """Create the store from L2-normalised vectors."""
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index, row_ids)

    @property
    def dimension(self) -> int:
        """Vector dimension."""
        return int(self.index.d)

    def search(self, query: np.ndarray, k: int) -> dict[str, float]:
        """Best cosine score per record id among the top rows."""
        scores, rows = self.index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        best: dict[str, float] = {}
        for s, r in zip(scores[0], rows[0], strict=True):
            if r < 0:
                continue
            rid = self.row_ids[r]
            if s > best.get(rid, -1.0):
                best[rid] = float(s)
        return best

    def save(self, folder: Path) -> None:
        """Write dense.faiss and dense_ids.json."""
        faiss.write_index(self.index, str(folder / "dense.faiss"))
        (folder / "dense_ids.json").write_text(json.dumps(self.row_ids, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> DenseStore:
        """Read a store written by `save`."""
        index = faiss.read_index(str(folder / "dense.faiss"))
        row_ids = json.loads((folder / "dense_ids.json").read_text(encoding="utf-8"))
        return cls(index, row_ids)

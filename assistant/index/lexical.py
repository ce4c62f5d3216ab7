"""Lexical store: BM25 (bm25s) over jieba word tokens."""

from __future__ import annotations

import json
from pathlib import Path

import bm25s
import numpy as np

from assistant.errors import IndexMismatchError
from assistant.index.text import tokenize


class LexicalStore:
    """BM25 over Chinese word tokens; one document per record."""

    def __init__(self, bm25: bm25s.BM25, ids: list[str]) -> None:
        self.bm25 = bm25
        self.ids = ids
        self._vocab = set(getattr(bm25, "vocab_dict", {}) or {})

    @classmethod
    def build(cls, texts: list[str], ids: list[str], *, progress: bool = False) -> LexicalStore:
        """Tokenise and index the texts."""
        if len(texts) != len(ids):
            raise ValueError("texts and ids differ in length")
        # k1/b tuned on the development set: legal articles are short, so length matters less.
        bm25 = bm25s.BM25(k1=1.2, b=0.6)
        bm25.index([tokenize(t) or ["_"] for t in texts], show_progress=progress)
        return cls(bm25, ids)

    def search(self, tokens: list[str], k: int) -> dict[str, float]:
        """Top-k BM25 scores by record id for already tokenised query words."""
        known = [t for t in tokens if t in self._vocab]
        if not known:
            return {}
        scores = np.asarray(self.bm25.get_scores(known))
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        return {self.ids[i]: float(scores[i]) for i in top if scores[i] > 0}

    def save(self, folder: Path) -> None:
        """Write the bm25s folder and the id list."""
        self.bm25.save(str(folder / "bm25"), show_progress=False)
        (folder / "lexical_ids.json").write_text(json.dumps(self.ids, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalStore:
        """Read a store written by `save`."""
        bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
        ids = json.loads((folder / "lexical_ids.json").read_text(encoding="utf-8"))
        store = cls(bm25, ids)
        if len(ids) != store.bm25.scores["num_docs"]:
            raise IndexMismatchError("BM25 索引文档数与记录数不一致，请重建索引")
        return store

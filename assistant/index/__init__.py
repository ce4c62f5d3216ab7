"""The search index: a folder with a dense FAISS store, a BM25 store and a manifest tying them to inputs."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant import __version__
from assistant.corpus import Corpus
from assistant.errors import IndexMismatchError, IndexMissingError
from assistant.index.dense import DenseStore
from assistant.index.embedder import Embedder
from assistant.index.lexical import LexicalStore
from assistant.index.text import extra_passages, lexical_text, passage

__all__ = ["FORMAT_VERSION", "Manifest", "SearchIndex", "build_index", "index_fingerprint", "load_index",
           "manifest_problems"]

log = logging.getLogger(__name__)
FORMAT_VERSION = 2


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an index was built from; compared with the present corpus and model on load."""

    format_version: int
    package_version: str
    model: str | None
    dimension: int
    corpus_fingerprint: str
    records: int
    dense_rows: int
    built_at: str
    build_seconds: float

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """Read manifest.json; IndexMissingError when absent, IndexMismatchError when unreadable."""
        path = folder / "manifest.json"
        if not path.is_file():
            raise IndexMissingError(f"尚未建立索引：{folder}（请运行 `assistant index build`）")
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, TypeError) as exc:
            raise IndexMismatchError(f"索引清单无法读取（{exc}），请重建索引") from exc


@dataclass
class SearchIndex:
    """Loaded stores plus their manifest."""

    manifest: Manifest
    lexical: LexicalStore
    dense: DenseStore | None


def index_fingerprint(corpus: Corpus) -> str:
    """Hash of exactly what the index holds: every record's id and indexed texts, in order.

    An edit that changes no indexed text (a card's conclusions, next steps) leaves the index valid.
    """
    h = hashlib.sha256()
    for r in corpus.records():
        for part in (r.id, lexical_text(r), passage(r), *extra_passages(r)):
            h.update(part.encode())
            h.update(b"\0")
    return h.hexdigest()[:16]


def manifest_problems(manifest: Manifest, corpus: Corpus, model: str | None) -> list[str]:
    """Reasons the index does not fit the present corpus, model and package; empty when it fits."""
    problems = []
    if manifest.format_version != FORMAT_VERSION:
        problems.append(f"索引格式版本 {manifest.format_version}，当前程序需要 {FORMAT_VERSION}")
    if manifest.package_version != __version__:
        problems.append(f"索引由 {manifest.package_version} 版建立，当前为 {__version__}")
    if manifest.corpus_fingerprint != index_fingerprint(corpus):
        problems.append("语料库（法规、案例或知识卡片）已变化")
    if model is not None and manifest.model != model:
        problems.append(f"索引的向量模型为 {manifest.model!r}，当前设置为 {model!r}")
    return problems


def build_index(
    folder: Path, corpus: Corpus, embedder: Embedder | None, *, progress: bool = True
) -> SearchIndex:
    """Embed and tokenise every record, then write the index folder atomically."""
    started = time.perf_counter()
    records = list(corpus.records())
    ids = [r.id for r in records]
    lexical = LexicalStore.build([lexical_text(r) for r in records], ids, progress=progress)
    dense = None
    rows: list[str] = []
    if embedder is not None:
        texts: list[str] = []
        for r in records:
            for t in (passage(r), *extra_passages(r)):
                texts.append(t)
                rows.append(r.id)
        vectors = embedder.embed_passages(texts, progress=progress)
        dense = DenseStore.build(vectors, rows)
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        package_version=__version__,
        model=embedder.name if embedder else None,
        dimension=embedder.dimension if embedder else 0,
        corpus_fingerprint=index_fingerprint(corpus),
        records=len(records),
        dense_rows=len(rows),
        built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        build_seconds=round(time.perf_counter() - started, 2),
    )
    tmp = folder.with_name(folder.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    lexical.save(tmp)
    if dense is not None:
        dense.save(tmp)
    (tmp / "manifest.json").write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=2), encoding="utf-8")
    # Swap in the finished folder only at the end, so a crash never leaves a half-written index.
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return SearchIndex(manifest, lexical, dense)


def load_index(folder: Path, corpus: Corpus, model: str | None) -> SearchIndex:
    """Load the index; IndexMissingError or IndexMismatchError (with every reason) when it does not fit."""
    manifest = Manifest.read(folder)
    problems = manifest_problems(manifest, corpus, model)
    if problems:
        raise IndexMismatchError("索引已过期或不匹配：" + "；".join(problems) + "。请运行 `assistant index build` 重建。",
                                 detail=problems)
    lexical = LexicalStore.load(folder)
    dense = DenseStore.load(folder) if model is not None and (folder / "dense.faiss").is_file() else None
    if dense is not None and dense.dimension != manifest.dimension:
        raise IndexMismatchError(f"向量维度 {dense.dimension} 与清单 {manifest.dimension} 不一致，请重建索引")
    return SearchIndex(manifest, lexical, dense)

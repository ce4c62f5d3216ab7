"""The hybrid retriever exposed as a LangChain BaseRetriever: Documents carry the record id and kind."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.corpus import Corpus
from assistant.records import Article, Card, Case, Hit, Record
from assistant.retrieval.retriever import Filters, Retriever


def document_of(hit: Hit) -> Document:
    """One hit as a LangChain Document; metadata names the record so it can be found again."""
    rec = hit.record
    meta: dict[str, Any] = {"id": rec.id, "kind": rec.kind, "score": hit.score, "rank": hit.rank, "via": hit.via,
                            "dense": hit.dense}
    if isinstance(rec, Article):
        meta.update(law=rec.law, label=rec.label, region=rec.region, level=rec.level, status=rec.status)
        content = f"{rec.title}\n{rec.text}"
    elif isinstance(rec, Card):
        meta.update(title=rec.title, region=rec.region, topic=rec.topic, cites=list(rec.cites))
        content = f"{rec.title}\n{rec.text}"
    else:
        meta.update(title=rec.title, publisher=rec.publisher, date=rec.date, cites=list(rec.cites))
        content = f"{rec.title}\n{rec.text}"
    return Document(page_content=content, metadata=meta)


def hit_of(doc: Document, corpus: Corpus) -> Hit:
    """The Hit a Document came from, with its record looked up in the corpus."""
    meta = doc.metadata
    rec: Record = corpus.get(str(meta["id"]))
    dense = meta.get("dense")
    return Hit(rec, float(meta.get("score", 0.0)), int(meta.get("rank", 0)), str(meta.get("via", "hybrid")),
               dense=float(dense) if dense is not None else None)


class CorpusRetriever(BaseRetriever):
    """LangChain view of assistant.retrieval.Retriever, optionally restricted to one region."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Retriever
    k: int = 12
    region: str | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        res = self.retriever.search(query, k=self.k, filters=Filters(region=self.region))
        return [document_of(h) for h in res.hits]

    def for_region(self, region: str | None) -> CorpusRetriever:
        """A copy that keeps national law plus `region`'s rules."""
        return self if region == self.region else self.model_copy(update={"region": region})


def cites_of(rec: Record) -> tuple[str, ...]:
    """Articles a card or case rests on (an article stands for itself)."""
    return rec.cites if isinstance(rec, Card | Case) else (rec.id,)

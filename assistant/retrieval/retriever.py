"""Hybrid retrieval: exact article lookup first, then BM25 + dense fused, cards leading to their articles."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from assistant.corpus import Corpus
from assistant.corpus.numerals import cn_to_int
from assistant.errors import InvalidInputError
from assistant.index import SearchIndex
from assistant.index.embedder import Embedder
from assistant.index.text import tokenize
from assistant.records import LEVELS, NATIONAL, Article, Card, Case, Hit, Record
from assistant.retrieval.normalize import NormalizedQuery, Synonym, normalize

log = logging.getLogger(__name__)
_BARE_ARTICLE_RE = re.compile(r"第\s*([0-9０-９零〇一二两三四五六七八九十百千]+)\s*条")


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrict results to a law, a level or a region (全国 is always kept with a region)."""

    law: str | None = None
    level: str | None = None
    region: str | None = None


@dataclass(frozen=True, slots=True)
class FusionParams:
    """Weights of the fusion; tuned on eval/datasets with `assistant eval run`."""

    rrf_k: float = 10.0
    lexical_weight: float = 0.7
    dense_weight: float = 1.0
    card_weight: float = 2.0
    case_weight: float = 0.3
    card_cite_decay: float = 0.7
    case_cite_share: float = 0.25
    card_cite_share: float = 0.4
    other_region_penalty: float = 0.35
    region_boost: float = 1.5
    candidates: int = 80
    card_top: int = 2
    # No cap by default: on the development sets any cap lowered recall; kept as a knob for the UI.
    max_cards: int = 10
    dense_expanded: bool = False
    # Cosine a card needs before it vouches for its articles; on multilingual-e5-small's scale.
    card_gate: float = 0.92
    case_top: int = 3
    # A card whose `asked_when` phrases occur in the question is shown no lower than this rank.
    pin_rank: int = 5


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked hits plus what the retriever understood of the question."""

    query: NormalizedQuery
    hits: tuple[Hit, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    dense_used: bool = True


class Retriever:
    """Finds the statute articles, cases and cards for a worker's question."""

    def __init__(
        self,
        corpus: Corpus,
        index: SearchIndex,
        embedder: Embedder | None,
        synonyms: list[Synonym],
        params: FusionParams | None = None,
        max_question_chars: int = 500,
    ) -> None:
        self.corpus = corpus
        self.index = index
        self.embedder = embedder if index.dense is not None else None
        self.synonyms = synonyms
        self.params = params or FusionParams()
        self.max_question_chars = max_question_chars
        self._asked = [c for c in corpus.cards if c.asked_when]

    @property
    def dense_enabled(self) -> bool:
        """True when dense search is in use."""
        return self.embedder is not None

    def search(self, question: str, k: int = 10, filters: Filters | None = None) -> SearchResult:
        """Rank records for `question`; exact article references come first."""
        q = question.strip()
        if not q:
            raise InvalidInputError("问题不能为空")
        if len(q) > self.max_question_chars:
            raise InvalidInputError(f"问题太长（{len(q)} 字），请控制在 {self.max_question_chars} 字以内")
        if k < 1 or k > 100:
            raise InvalidInputError("k 须在 1 到 100 之间")
        filters = filters or Filters()
        self._check_filters(filters)
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        nq = normalize(q, self.synonyms)
        region = filters.region or nq.region
        exact = self._exact(nq.text)
        timings["normalize"] = _ms(t0)

        p = self.params
        t = time.perf_counter()
        lex = self.index.lexical.search(tokenize(nq.expanded), p.candidates)
        timings["lexical"] = _ms(t)
        dense: dict[str, float] = {}
        if self.embedder is not None and self.index.dense is not None:
            t = time.perf_counter()
            vec = self.embedder.embed_queries([nq.expanded if p.dense_expanded else nq.text])[0]
            timings["embedding"] = _ms(t)
            t = time.perf_counter()
            dense = self.index.dense.search(vec, p.candidates * 2)
            timings["faiss"] = _ms(t)

        t = time.perf_counter()
        scores = self._fuse(lex, dense)
        scores = self._propagate(scores, dense)
        bare = _bare_numbers(nq.text) if not exact else set()
        ranked = self._rank(scores, filters, region, bare)
        hits: list[Hit] = []
        seen: set[str] = set()
        for art in exact:
            if self._allowed(art, filters, region):
                hits.append(Hit(art, 1.0 + (len(exact) - len(hits)) * 1e-3, len(hits) + 1, via="exact"))
                seen.add(art.id)
        cards = 0
        for rec, score, via in ranked:
            if len(hits) >= k:
                break
            if rec.id in seen:
                continue
            if isinstance(rec, Card):
                # A few cards explain; the rest of the list is for the statute text itself.
                if cards >= p.max_cards:
                    continue
                cards += 1
            seen.add(rec.id)
            hits.append(Hit(rec, round(score, 6), len(hits) + 1, via=via,
                            dense=round(dense[rec.id], 4) if rec.id in dense else None))
        hits = self._pin(hits, nq.text, filters, region, k)
        timings["fusion"] = _ms(t)
        timings["total"] = _ms(t0)
        return SearchResult(nq, tuple(hits), timings, dense_used=bool(dense))

    def _pin(self, hits: list[Hit], text: str, filters: Filters, region: str | None, k: int) -> list[Hit]:
        """Bring up a card the question asks for in so many words (怎么办 → how to claim one's rights).

        Fusion ranks by topic; "what can I do" is a second need that a topical ranking buries.
        """
        slot = self.params.pin_rank
        for card in self._asked:
            if not any(p in text for p in card.asked_when) or not self._allowed(card, filters, region):
                continue
            pos = next((i for i, h in enumerate(hits) if h.record.id == card.id), None)
            if pos is not None and pos < slot:
                continue
            if pos is not None:
                hits.pop(pos)
            at = min(slot - 1, len(hits))
            score = hits[at].score if at < len(hits) else (hits[-1].score if hits else 0.0)
            hits.insert(at, Hit(card, score, at + 1, via="asked"))
        return [h if h.rank == i else replace(h, rank=i) for i, h in enumerate(hits[:k], start=1)]

    def _check_filters(self, filters: Filters) -> None:
        """An unknown law or level is a mistake to report, not a reason to return nothing."""
        if filters.law and self.corpus.resolve_law(filters.law) is None:
            raise InvalidInputError(f"语料库中没有《{filters.law}》，请检查法规名称")
        if filters.level and filters.level not in LEVELS:
            raise InvalidInputError(f"效力层级须为：{'、'.join(LEVELS)}")

    # -- stages -------------------------------------------------------------------------------
    def _exact(self, text: str) -> list[Article]:
        out: list[Article] = []
        for ref in self.corpus.find_citations(text):
            art = self.corpus.resolve_citation(ref)
            if art is not None and art not in out:
                out.append(art)
        return out

    def _fuse(self, lex: dict[str, float], dense: dict[str, float]) -> dict[str, float]:
        """Reciprocal-rank fusion, weighted per source and per record kind."""
        p = self.params
        scores: dict[str, float] = {}
        for weight, source in ((p.lexical_weight, lex), (p.dense_weight, dense)):
            for rank, rid in enumerate(sorted(source, key=source.__getitem__, reverse=True), start=1):
                scores[rid] = scores.get(rid, 0.0) + weight / (p.rrf_k + rank)
        for rid in scores:
            if rid.startswith("card:"):
                scores[rid] *= p.card_weight
            elif rid.startswith("case:"):
                scores[rid] *= p.case_weight
        return scores

    def _propagate(self, scores: dict[str, float], dense: dict[str, float]) -> dict[str, float]:
        """The best few cards and cases lend part of their score to the articles they cite.

        An article takes the single largest loan, not the sum: summing lets an article that many
        loosely matching cards cite (女职工劳动保护特别规定第五条) crowd out the specific one.
        """
        p = self.params
        lend: dict[str, float] = {}
        for prefix, share, top in (("card:", p.card_cite_share, p.card_top), ("case:", p.case_cite_share, p.case_top)):
            ranked = sorted((rid for rid in scores if rid.startswith(prefix)), key=scores.__getitem__, reverse=True)
            for rid in ranked[:top]:
                # A card only vouches for its articles when it is really about the question.
                if dense and prefix == "card:" and dense.get(rid, 0.0) < p.card_gate:
                    continue
                for i, aid in enumerate(self._cites(rid)):
                    lend[aid] = max(lend.get(aid, 0.0), scores[rid] * share * (p.card_cite_decay ** i))
        out = dict(scores)
        for aid, loan in lend.items():
            out[aid] = out.get(aid, 0.0) + loan
        return out

    def _cites(self, rid: str) -> tuple[str, ...]:
        rec = self.corpus.get(rid)
        return rec.cites if isinstance(rec, Card | Case) else ()

    def _rank(
        self, scores: dict[str, float], filters: Filters, region: str | None, bare: set[int]
    ) -> list[tuple[Record, float, str]]:
        out: list[tuple[Record, float, str]] = []
        for rid, score in scores.items():
            if not self.corpus.has(rid):
                continue
            rec = self.corpus.get(rid)
            if not self._allowed(rec, filters, region):
                continue
            rec_region = _region(rec)
            if region is None and rec_region != NATIONAL:
                # No place named: national law answers; regional rules stay reachable but lower.
                score *= self.params.other_region_penalty
            elif region is not None and rec_region == region:
                # She named the place: its own rules stand next to national law.
                score *= self.params.region_boost
            if bare and isinstance(rec, Article) and rec.number in bare:
                score *= 3.0
            out.append((rec, score, "hybrid"))
        out.sort(key=lambda t: (-t[1], t[0].id))
        return out

    def _allowed(self, rec: Record, filters: Filters, region: str | None) -> bool:
        if filters.law:
            title = self.corpus.resolve_law(filters.law)
            if not isinstance(rec, Article) or rec.law != title:
                return False
        if filters.level and (not isinstance(rec, Article) or rec.level != filters.level):
            return False
        rec_region = _region(rec)
        return region is None or rec_region in {NATIONAL, region}


def _region(rec: Record) -> str:
    # Published cases apply national law wherever they were decided, so they are never region-bound.
    return rec.region if isinstance(rec, Article | Card) else NATIONAL


def _bare_numbers(text: str) -> set[int]:
    out = set()
    for m in _BARE_ARTICLE_RE.finditer(text):
        try:
            out.add(cn_to_int(m.group(1)))
        except ValueError:
            continue
    return out


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)


def article_ids(hits: Iterable[Hit], corpus: Corpus) -> list[tuple[str, int]]:
    """Article ids reached by hits, with the rank of the hit that reached them (cards/cases expand)."""
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for h in hits:
        rec = h.record
        ids = (rec.id,) if isinstance(rec, Article) else rec.cites
        if isinstance(rec, Card) and rec.region == NATIONAL:
            # A national card's answers may name provinces (陪产假 by province); those articles are shown only when
            # its conclusion names them, so the ranking does not reach them through the card.
            ids = tuple(a for a in ids if (art := corpus.articles.get(a)) is None or art.region == NATIONAL)
        for aid in ids:
            if aid not in seen:
                seen.add(aid)
                out.append((aid, h.rank))
    return out

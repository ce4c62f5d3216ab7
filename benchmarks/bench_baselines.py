"""Our retrieval against two baselines on the same questions: plain BM25 and a naive LangChain RAG pipeline.

Measures index build time, per-query latency by stage, answer latency, peak memory (RSS), and quality
(hit@5, recall@10, MRR@10, nDCG@10) on eval/datasets/women_workers.jsonl and, when present,
eval/converted/lawbench_3-8_labour_subset.jsonl. Writes benchmarks/results/baselines.json and prints
a Markdown table. Needs the embedding model (ASSISTANT_EMBEDDING_MODEL) and `pip install -e .[bench]`.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import bm25s
import jieba
import psutil

from assistant.config import Settings
from assistant.corpus import Corpus, load_corpus
from assistant.corpus.numerals import cn_to_int
from assistant.evaluation.datasets import EvalRow, load_dataset
from assistant.evaluation.metrics import flat_metrics, mean, percentile
from assistant.index import build_index
from assistant.index.embedder import Embedder, load_embedder
from assistant.retrieval.normalize import load_synonyms
from assistant.retrieval.retriever import Retriever, article_ids
from assistant.runtime import Runtime

ROOT = Path(__file__).resolve().parent.parent
QUALITY = ("hit@5", "recall@10", "mrr@10", "ndcg@10")
Ranked = list[tuple[str, int]]
_PUNCT = re.compile(r"[\s\W_]+")
_HEADING = re.compile(r"(?m)^[ \t]*(?:\*\*)?第([零〇一二两三四五六七八九十百千0-9]+)条")


def rss_mb() -> float:
    """Current resident memory of this process, MB."""
    return round(float(psutil.Process().memory_info().rss) / 2**20, 1)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, MB (Linux reports KB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def quality(rankings: Sequence[Ranked], rows: Sequence[EvalRow]) -> dict[str, float]:
    """Mean retrieval metrics over the rows (in-scope only), on the flat article list in the order shown."""
    per = [flat_metrics([aid for aid, _ in r], set(row.expected_ids)) for r, row in zip(rankings, rows, strict=True)]
    return {k: mean([m[k] for m in per]) for k in QUALITY}


def timed(fn: Callable[[str], Ranked], questions: Sequence[str]) -> tuple[list[Ranked], list[float]]:
    """Rankings and per-query wall time (ms)."""
    out: list[Ranked] = []
    times: list[float] = []
    for q in questions:
        t = time.perf_counter()
        out.append(fn(q))
        times.append((time.perf_counter() - t) * 1000)
    return out, times


class PlainBM25:
    """Baseline (a): bm25s over plain jieba tokens of the article text; no cards, synonyms or fusion."""

    def __init__(self, corpus: Corpus) -> None:
        self.tok = jieba.Tokenizer()  # a fresh dictionary, without the project's legal terms
        self.tok.initialize()
        self.ids = list(corpus.articles)
        texts = [f"《{a.law}》{a.label} {a.text}" for a in corpus.articles.values()]
        self.bm25 = bm25s.BM25()
        self.bm25.index([self.tokens(t) or ["_"] for t in texts], show_progress=False)

    def tokens(self, text: str) -> list[str]:
        """jieba words without whitespace and punctuation."""
        return [w for w in self.tok.lcut(text) if not _PUNCT.fullmatch(w)]

    def search(self, question: str, k: int = 10) -> Ranked:
        """Top-k article ids with their ranks."""
        docs, _ = self.bm25.retrieve([self.tokens(question) or ["_"]], k=k, show_progress=False)
        return [(self.ids[int(i)], rank) for rank, i in enumerate(docs[0], start=1)]


class NaiveLangChain:
    """Baseline (b): RecursiveCharacterTextSplitter(500, 50) over the raw statute files, same model, FAISS."""

    def __init__(self, corpus: Corpus, corpus_dir: Path, embedder: Embedder) -> None:
        from langchain_community.vectorstores import FAISS
        from langchain_core.embeddings import Embeddings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        class Adapter(Embeddings):
            """LangChain Embeddings over the project's sentence-transformers embedder (same model, e5 prompts)."""

            def embed_documents(self, texts: list[str]) -> list[list[float]]:
                return [list(map(float, v)) for v in embedder.embed_passages(texts)]

            def embed_query(self, text: str) -> list[float]:
                return list(map(float, embedder.embed_queries([text])[0]))

        by_source: dict[tuple[str, int], str] = {(a.source, a.number): a.id for a in corpus.articles.values()}
        splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50, add_start_index=True)
        docs = []
        self.heads: dict[str, list[tuple[int, str]]] = {}
        for path in sorted((corpus_dir / "statutes").rglob("*.md")):
            rel = path.relative_to(corpus_dir).as_posix()
            text = path.read_text(encoding="utf-8")
            heads = []
            for m in _HEADING.finditer(text):
                try:
                    aid = by_source.get((rel, cn_to_int(m.group(1))))
                except ValueError:
                    continue
                if aid:
                    heads.append((m.start(), aid))
            self.heads[rel] = heads
            docs += splitter.create_documents([text], metadatas=[{"source": rel}])
        self.n_chunks = len(docs)
        self.store = FAISS.from_documents(docs, Adapter())

    def articles_of(self, source: str, start: int, length: int) -> list[str]:
        """Articles a chunk falls inside or whose 第X条 headings it contains."""
        heads = self.heads.get(source, [])
        before = [aid for pos, aid in heads if pos <= start]
        inside = [aid for pos, aid in heads if start < pos < start + length]
        return ([before[-1]] if before else []) + inside

    def search(self, question: str, k: int = 10) -> Ranked:
        """Top-k chunks, each counted through the articles it maps to, at its rank."""
        out: Ranked = []
        seen: set[str] = set()
        for rank, doc in enumerate(self.store.similarity_search(question, k=k), start=1):
            for aid in self.articles_of(doc.metadata["source"], doc.metadata["start_index"], len(doc.page_content)):
                if aid not in seen:
                    seen.add(aid)
                    out.append((aid, rank))
        return out


def stage_table(timings: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """p50/p95 per stage."""
    stages: dict[str, list[float]] = {}
    for t in timings:
        for s, ms in t.items():
            stages.setdefault(s, []).append(ms)
    return {s: {"p50": percentile(v, 50), "p95": percentile(v, 95)} for s, v in stages.items()}


def main() -> int:
    """Run everything and write benchmarks/results/baselines.json."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "baselines.json")
    ap.add_argument("--skip-build", action="store_true", help="use the existing index instead of timing a fresh build")
    args = ap.parse_args()
    settings = Settings()
    if not settings.dense_enabled:
        print("需要向量模型：请设置 ASSISTANT_EMBEDDING_MODEL", file=sys.stderr)
        return 2
    corpus = load_corpus(settings)
    embedder = load_embedder(settings.embedding_model, settings.embedding_batch_size)
    result: dict[str, Any] = {"model": Path(settings.embedding_model).name, "machine": platform.machine(),
                              "cpus": psutil.cpu_count(), "records": len(list(corpus.records()))}
    tmp = tempfile.TemporaryDirectory(prefix="bench-index-")
    folder = settings.index_dir if args.skip_build else Path(tmp.name)
    t = time.perf_counter()
    if args.skip_build:
        from assistant.index import load_index

        index = load_index(folder, corpus, embedder.name)
    else:
        index = build_index(folder, corpus, embedder, progress=True)
    result["index_build_s" if not args.skip_build else "index_load_s"] = round(time.perf_counter() - t, 1)
    retriever = Retriever(corpus, index, embedder, load_synonyms(settings.synonyms_file),
                          max_question_chars=settings.max_question_chars)
    for q in ("产假多少天", "怀孕被辞退", "加班费怎么算"):  # warm-up: model, jieba, FAISS
        retriever.search(q)

    datasets = {"women_workers": ROOT / "eval" / "datasets" / "women_workers.jsonl"}
    lawbench = ROOT / "eval" / "converted" / "lawbench_3-8_labour_subset.jsonl"
    if lawbench.is_file():
        datasets["lawbench_3-8"] = lawbench
    sets = {name: [r for r in load_dataset(p, corpus) if r.in_scope] for name, p in datasets.items()}

    timings: list[dict[str, float]] = []

    def ours(q: str) -> Ranked:
        res = retriever.search(q, k=10)
        timings.append(res.timings_ms)
        return article_ids(res.hits, corpus)

    systems: dict[str, Callable[[str], Ranked]] = {"ours": ours}
    quality_out: dict[str, dict[str, dict[str, float]]] = {}
    latency: dict[str, list[float]] = {}
    for name, rows in sets.items():
        ranked, times = timed(ours, [r.question for r in rows])
        quality_out.setdefault(name, {})["ours"] = quality(ranked, rows)
        latency.setdefault("ours", []).extend(times)
    result["ours_stages_ms"] = stage_table(timings)

    from assistant.answering import AnswerService

    runtime = Runtime(settings, corpus, index, embedder, retriever)
    service = AnswerService(runtime)
    def ask(q: str) -> Ranked:
        service.ask(q)
        return []

    _, answer_ms = timed(ask, [r.question for r in sets["women_workers"]])
    result["answer_ms"] = {"p50": percentile(answer_ms, 50), "p95": percentile(answer_ms, 95)}
    result["peak_rss_mb_ours"] = peak_rss_mb()
    result["rss_mb_ours"] = rss_mb()

    t = time.perf_counter()
    bm25 = PlainBM25(corpus)
    builds = {"bm25": round(time.perf_counter() - t, 2)}
    t = time.perf_counter()
    lc = NaiveLangChain(corpus, settings.corpus_dir, embedder)
    builds["langchain"] = round(time.perf_counter() - t, 1)
    result["baseline_build_s"] = builds
    result["langchain_chunks"] = lc.n_chunks
    systems.update(bm25=bm25.search, langchain=lc.search)
    for sys_name in ("bm25", "langchain"):
        systems[sys_name]("产假多少天")  # warm-up
        for name, rows in sets.items():
            ranked, times = timed(systems[sys_name], [r.question for r in rows])
            quality_out[name][sys_name] = quality(ranked, rows)
            latency.setdefault(sys_name, []).extend(times)
    result["peak_rss_mb_all"] = peak_rss_mb()
    result["questions"] = {name: len(rows) for name, rows in sets.items()}
    result["quality"] = quality_out
    result["latency_ms"] = {s: {"p50": percentile(v, 50), "p95": percentile(v, 95)} for s, v in latency.items()}
    result["ratios"] = ratios(result)
    tmp.cleanup()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(markdown(result))
    print(f"\nwritten to {args.out}")
    return 0


def ratios(result: dict[str, Any]) -> dict[str, Any]:
    """ours / baseline for every quality metric and for p50/p95 latency."""
    out: dict[str, Any] = {}
    for base in ("bm25", "langchain"):
        q = {name: {k: round(v["ours"][k] / v[base][k], 3) if v[base][k] else None for k in QUALITY}
             for name, v in result["quality"].items()}
        lat = result["latency_ms"]
        out[base] = {"quality": q, "latency_p50": round(lat["ours"]["p50"] / lat[base]["p50"], 2),
                     "latency_p95": round(lat["ours"]["p95"] / lat[base]["p95"], 2)}
    return out


def markdown(result: dict[str, Any]) -> str:
    """The quality and latency table, with ratios ours/baseline."""
    names = {"ours": "ours (hybrid + cards)", "bm25": "(a) plain BM25, articles", "langchain": "(b) naive LangChain RAG"}
    lines = ["| set | system | " + " | ".join(QUALITY) + " | p50 ms | p95 ms |", "|---" * (len(QUALITY) + 4) + "|"]
    lat = result["latency_ms"]
    for name, per in result["quality"].items():
        for sys_name, q in per.items():
            lines.append(f"| {name} | {names[sys_name]} | " + " | ".join(f"{q[k]:.3f}" for k in QUALITY)
                         + f" | {lat[sys_name]['p50']} | {lat[sys_name]['p95']} |")
        for base in ("bm25", "langchain"):
            r = result["ratios"][base]
            lines.append(f"| {name} | ratio ours/{base} | " + " | ".join(
                f"{r['quality'][name][k]:.2f}×" if r["quality"][name][k] else "—" for k in QUALITY)
                + f" | {r['latency_p50']}× | {r['latency_p95']}× |")
    stages = ", ".join(f"{s} {v['p50']}/{v['p95']}" for s, v in result["ours_stages_ms"].items())
    build = result.get("index_build_s", result.get("index_load_s"))
    lines += ["", f"index build {build} s; our stages p50/p95 ms: {stages}; answer p50 {result['answer_ms']['p50']} ms, "
              f"p95 {result['answer_ms']['p95']} ms; peak RSS {result['peak_rss_mb_ours']} MB (ours), "
              f"{result['peak_rss_mb_all']} MB with both baselines; baseline builds {result['baseline_build_s']} s "
              f"({result['langchain_chunks']} LangChain chunks)"]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

"""Corpus loading: statutes, cases and cards from their folders into one `Corpus`."""

from __future__ import annotations

import logging
from pathlib import Path

import yaml

from assistant.config import Settings
from assistant.corpus.cards import parse_card_file
from assistant.corpus.cases import parse_case_file
from assistant.corpus.statutes import LawMeta, parse_statute_file
from assistant.corpus.store import Corpus, RepealedLaw, SupersededText, fingerprint_files
from assistant.errors import CorpusError, CorpusParseError
from assistant.records import Article, Law

__all__ = ["Corpus", "SupersededText", "load_corpus"]

log = logging.getLogger(__name__)
# Practical guides sit among the cases but are not cases; they are listed as skipped.
_NOT_CASES = ("攻略",)


def load_corpus(settings: Settings, *, strict: bool = False) -> Corpus:
    """Parse every file; a malformed file is recorded in `problems` (or raised when strict)."""
    root = settings.corpus_dir
    if not root.is_dir():
        raise CorpusError(f"找不到语料库目录：{root}（请设置 ASSISTANT_CORPUS_DIR）")
    meta, article_notes, repealed, superseded = _load_metadata(settings.laws_file)
    corpus = Corpus(repealed_laws=repealed, superseded=superseded)
    statute_files = sorted((root / "statutes").rglob("*.md")) if (root / "statutes").is_dir() else []
    if not statute_files:
        raise CorpusError(f"语料库目录中没有法规文件：{root / 'statutes'}")
    for path in statute_files:
        rel = str(path.relative_to(root))
        try:
            instruments = parse_statute_file(path, meta, rel)
        except CorpusParseError as exc:
            _problem(corpus, exc, strict)
            continue
        for law, articles in instruments:
            law, articles = _mark_superseded(law, articles, superseded.get(law.title))
            corpus.add_law(law, [_apply_note(a, article_notes) for a in articles])
    for path in sorted((root / "cases").rglob("*.md")) if (root / "cases").is_dir() else []:
        rel = str(path.relative_to(root))
        if any(word in path.name for word in _NOT_CASES):
            corpus.skipped.append(f"{rel}: practical guide, not a case")
            continue
        try:
            for case in parse_case_file(path, rel, corpus.cited_ids):
                corpus.add_case(case)
        except CorpusParseError as exc:
            _problem(corpus, exc, strict)
    card_files = sorted(settings.cards_dir.glob("*.md")) if settings.cards_dir.is_dir() else []
    for path in card_files:
        try:
            corpus.add_card(parse_card_file(path, f"cards/{path.name}", corpus.resolve_written))
        except CorpusParseError as exc:
            _problem(corpus, exc, strict)
    inputs = [*statute_files, *sorted((root / "cases").rglob("*.md")), *card_files]
    if settings.laws_file.is_file():
        inputs.append(settings.laws_file)
    corpus.fingerprint = fingerprint_files(inputs)
    return corpus


def _problem(corpus: Corpus, exc: CorpusParseError, strict: bool) -> None:
    if strict:
        raise exc
    log.error("skipping malformed corpus file %s", exc)
    corpus.problems.append(exc)


def _apply_note(article: Article, notes: dict[str, tuple[str, str]]) -> Article:
    if article.id not in notes:
        return article
    from dataclasses import replace

    status, note = notes[article.id]
    return replace(article, status=status, note=note)


def _mark_superseded(
    law: Law, articles: list[Article], superseded: SupersededText | None
) -> tuple[Law, list[Article]]:
    # Never presented as current: every article of a superseded text says so, and what changed.
    if superseded is None:
        return law, articles
    from dataclasses import replace

    marked = [replace(a, status=superseded.status, note=superseded.statement(a.number or None)) for a in articles]
    return replace(law, status=superseded.status, note=superseded.statement()), marked


Metadata = tuple[
    dict[str, LawMeta], dict[str, tuple[str, str]], dict[str, RepealedLaw], dict[str, SupersededText]
]


def _load_metadata(path: Path) -> Metadata:
    if not path.is_file():
        return {}, {}, {}, {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"法规元数据文件格式错误：{path}: {exc}") from exc
    meta = {
        title: LawMeta(
            level=v.get("level"), aliases=tuple(v.get("aliases") or ()), note=v.get("note", ""),
            version=_opt_str(v.get("version")), effective=_opt_str(v.get("effective")),
            version_reason=str(v.get("version_reason") or "").strip(),
        )
        for title, v in (data.get("laws") or {}).items()
    }
    for title, m in meta.items():
        if (m.version or m.effective) and not m.version_reason:
            raise CorpusError(f"法规元数据 {path.name}：《{title}》指定了 version/effective，但没有写 version_reason")
    superseded = {
        title: SupersededText(
            law=title, stored=str(v.get("stored") or ""), amended_on=_opt_str(v.get("amended_on")) or "",
            source=str(v.get("source") or ""), evidence=str(v.get("evidence") or "").strip(),
            changes=tuple(str(c) for c in v.get("changes") or ()),
            articles=tuple(int(n) for n in v.get("articles") or ()), status=str(v.get("status") or "已被修改"),
        )
        for title, v in (data.get("superseded_texts") or {}).items()
    }
    notes = {k: (v.get("status", "部分失效"), v.get("note", "")) for k, v in (data.get("repealed_articles") or {}).items()}
    repealed = {
        name: RepealedLaw(name, v.get("replaced_by", ""), str(v.get("since", "")), v.get("note", ""))
        for name, v in (data.get("repealed_laws") or {}).items()
    }
    return meta, notes, repealed, superseded


def _opt_str(value: object) -> str | None:
    # YAML reads 2008-09-18 as a date; the corpus keeps ISO strings.
    return None if value is None or value == "" else str(value)


def law_label(law: Law) -> str:
    """One-line description of a law: level, region and version."""
    return f"{law.level}·{law.region}·{law.version}"

"""Citation verification: every 《…》第N条 in an answer is checked against the corpus and the retrieved sources."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from assistant.corpus import Corpus
from assistant.corpus.citations import canonical_title
from assistant.records import Article, Citation

Status = Literal["ok", "not_found", "not_retrieved", "repealed_law", "not_current", "unknown_law"]
_BOOK_RE = re.compile(r"《([^《》\n]{2,80})》")
_ARTICLE_PART = re.compile(r"第?\s*[0-9０-９零〇一二两三四五六七八九十百千]+\s*条")
REMOVED = "〔此处一条引用经核对在资料库中不存在，已删除〕"


@dataclass(frozen=True, slots=True)
class CitationCheck:
    """The verdict on one article reference found in answer text."""

    raw: str
    law: str
    number: int
    status: Status
    article_id: str | None = None
    message: str = ""


@dataclass(frozen=True, slots=True)
class Verified:
    """Answer text after verification, with every check made and the article ids that passed."""

    text: str
    checks: tuple[CitationCheck, ...]

    @property
    def valid_ids(self) -> tuple[str, ...]:
        """Ids of articles cited correctly, in order of first mention."""
        return tuple(dict.fromkeys(c.article_id for c in self.checks if c.status == "ok" and c.article_id))

    @property
    def problems(self) -> tuple[CitationCheck, ...]:
        """Checks that did not pass."""
        return tuple(c for c in self.checks if c.status != "ok")


def citation_of(article: Article) -> Citation:
    """A Citation built from the corpus record itself, so quoted text is always verbatim."""
    return Citation(
        id=article.id, law=article.law, article=article.number, label=article.label, text=article.text,
        level=article.level, region=article.region, version=article.version, effective=article.effective,
        status=article.status, note=article.note,
    )


def repeal_note(corpus: Corpus, name: str) -> str | None:
    """A warning for a repealed law, naming what replaced it; None when the law is not repealed."""
    rep = corpus.repealed(name)
    if rep is None:
        return None
    return f"〔注意：《{rep.name}》已于{rep.since}废止，不再有效，现行规定见《{rep.replaced_by}》〕"


def check_citations(text: str, corpus: Corpus, allowed: Iterable[str]) -> list[CitationCheck]:
    """Check every article reference in `text`: exists, retrieved, in force, not from a repealed law."""
    allowed_set = set(allowed)
    out: list[CitationCheck] = []
    for ref in corpus.find_citations(text):
        law = ref.law or ""
        rep = corpus.repealed(law)
        if rep is not None:
            out.append(CitationCheck(ref.raw, law, ref.number, "repealed_law",
                                     message=f"《{rep.name}》已废止，现行规定见《{rep.replaced_by}》"))
            continue
        title = corpus.resolve_law(law)
        if title is None:
            out.append(CitationCheck(ref.raw, law, ref.number, "unknown_law", message=f"资料库未收录《{law}》"))
            continue
        art = corpus.resolve_citation(ref)
        if art is None:
            out.append(CitationCheck(ref.raw, title, ref.number, "not_found", message=f"《{title}》没有第{ref.number}条"))
        elif art.id not in allowed_set:
            out.append(CitationCheck(ref.raw, title, ref.number, "not_retrieved", art.id, "不在本次检索到的资料中"))
        elif not art.current:
            out.append(CitationCheck(ref.raw, title, ref.number, "not_current", art.id,
                                     f"该条{art.status}{('：' + art.note) if art.note else ''}"))
        else:
            out.append(CitationCheck(ref.raw, title, ref.number, "ok", art.id))
    return out


def verify_text(text: str, corpus: Corpus, allowed: Iterable[str]) -> Verified:
    """Remove citations of articles that do not exist and flag unverified, repealed or superseded ones."""
    allowed_set = set(allowed)
    refs = corpus.find_citations(text)
    checks = check_citations(text, corpus, allowed_set)
    edits: list[tuple[int, int, str]] = []
    for i, (ref, check) in enumerate(zip(refs, checks, strict=True)):
        head = not (ref.raw[:1] == "第" or ref.raw[:1].isdigit())
        followed = i + 1 < len(refs) and refs[i + 1].raw[:1] in "第0123456789" and refs[i + 1].start - ref.end <= 3
        if check.status == "not_found":
            if head and followed:
                # Keep the law name for the articles listed after this one; drop only the bad number.
                m = _ARTICLE_PART.search(text, ref.start + len(ref.raw) - len(ref.raw.lstrip()), ref.end)
                start = m.start() if m else ref.start
                edits.append((start, ref.end, REMOVED))
            else:
                edits.append((ref.start, ref.end, REMOVED))
        elif check.status in {"not_retrieved", "unknown_law"}:
            edits.append((ref.end, ref.end, "〔未经核对：此条不在本次检索到的资料中，仅供参考〕"))
        elif check.status == "not_current":
            edits.append((ref.end, ref.end, f"〔注意：{check.message}〕"))
        elif check.status == "repealed_law" and head:
            edits.append((ref.end, ref.end, repeal_note(corpus, check.law) or ""))
    cited_spans = [(r.start, r.end) for r in refs]
    # A repealed law named without an article ("按照《合同法》规定") is flagged too.
    for m in _BOOK_RE.finditer(text):
        if any(s <= m.start() < e for s, e in cited_spans):
            continue
        note = repeal_note(corpus, canonical_title(m.group(1)))
        if note:
            edits.append((m.end(), m.end(), note))
    for start, end, repl in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + repl + text[end:]
    return Verified(text, tuple(checks))


def verify_citations(citations: Iterable[Citation], corpus: Corpus) -> tuple[tuple[Citation, ...], list[str]]:
    """Keep only citations whose article exists with the same text; notices for any dropped or not in force."""
    kept: list[Citation] = []
    notices: list[str] = []
    for c in citations:
        art = corpus.articles.get(c.id)
        if art is None or art.text != c.text or corpus.repealed(c.law):
            notices.append(f"已删除一条无法核对的引用：《{c.law}》{c.label}")
            continue
        if not art.current:
            notices.append(f"《{art.law}》{art.label}{art.status}{('：' + art.note) if art.note else ''}")
        kept.append(c)
    return tuple(kept), notices

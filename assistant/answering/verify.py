"""Citation verification: every 《…》第N条 in an answer is checked against the corpus and the retrieved sources.

Model text goes through `AnswerVerifier` once, sentence by sentence as it streams: a sentence whose citation
cannot be verified, or whose number no source states, is dropped whole; one resting on a repealed law is
kept and marked once. `verify_text` annotates our own composed texts in place.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from assistant.answering.numbers import Grounding, find_numbers
from assistant.corpus import Corpus
from assistant.corpus.citations import RawCitation, canonical_title
from assistant.records import Article, Citation, Verification

log = logging.getLogger(__name__)

Status = Literal["ok", "not_found", "not_retrieved", "repealed_law", "not_current", "unknown_law"]
_BOOK_RE = re.compile(r"《([^《》\n]{2,80})》")
_ARTICLE_PART = re.compile(r"第?\s*[0-9０-９零〇一二两三四五六七八九十百千]+\s*条")
REMOVED = "〔此处一条引用经核对在资料库中不存在，已删除〕"
# Statuses that make the claim itself unverifiable: the sentence goes, not just the citation.
DROP: frozenset[Status] = frozenset({"not_found", "not_retrieved", "unknown_law"})
_ENDS = "。！？；!?;"
_OPEN = "“‘「『（(【"
_CLOSE = "”’」』）)】"


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
    return check_refs(corpus.find_citations(text), corpus, allowed)


def check_refs(refs: Sequence[RawCitation], corpus: Corpus, allowed: Iterable[str]) -> list[CitationCheck]:
    """Check article references already found in a text."""
    allowed_set = set(allowed)
    out: list[CitationCheck] = []
    for ref in refs:
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


def sentence_end(text: str, start: int = 0, *, final: bool = True) -> int | None:
    """End of the sentence starting at `start` (after its closing quotes and spaces); None if not complete yet.

    Sentences end at 。！？； or a newline; a terminator inside “quotes” or （brackets） does not end one.
    Unless `final`, a sentence is complete only once the character after it has arrived (it may be a ”).
    """
    depth, i, n = 0, start, len(text)
    while i < n:
        ch = text[i]
        # A quotation ending in its own full stop (“……。”) ends the sentence too.
        closes = ch in _CLOSE and depth == 1 and i > start and text[i - 1] in _ENDS
        if ch == "\n" or (ch in _ENDS and depth == 0) or closes:
            j = i + 1
            while j < n and (text[j] in _CLOSE or text[j] in _ENDS):
                j += 1
            while j < n and text[j] in " \t\r\n":
                j += 1
            return j if j < n or final else None
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        i += 1
    return n if final and n > start else None


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each with its trailing spaces; joined they give `text` back."""
    out: list[str] = []
    pos = 0
    while (end := sentence_end(text, pos)) is not None:
        out.append(text[pos:end])
        pos = end
    return out


def dropped_note(n: int) -> str:
    """The one plain note saying how many claims were removed."""
    return f"〔有{'一' if n == 1 else n}处说法无法在资料库中核实，已删去〕"


def verification_notice(v: Verification) -> str | None:
    """One notice counting every problem by kind; None when nothing had to be corrected."""
    parts = []
    if v.dropped:
        why = [f"{k}{n}处" for k, n in (("引用无法核实", v.dropped_citations), ("数字无法核实", v.dropped_numbers)) if n]
        parts.append(f"删去{v.dropped}处无法核实的说法（{'、'.join(why)}）")
    if v.repealed:
        parts.append(f"标注{v.repealed}处已废止的法律")
    if v.flagged:
        parts.append(f"标注{v.flagged}处效力有变化的条文")
    return f"已核对模型回答：{'，'.join(parts)}。" if parts else None


def verification_counts(v: Verification | None) -> dict[str, int] | None:
    """One answer's counts for results.jsonl (None when no model wrote it)."""
    if v is None:
        return None
    return {"sentences": v.sentences, "dropped": v.dropped, "dropped_citations": v.dropped_citations,
            "dropped_numbers": v.dropped_numbers, "repealed": v.repealed, "flagged": v.flagged}


def summarize_verification(rows: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """Totals over the answers a model wrote, for summary.json; None when the run used no model."""
    counts = [r["verification"] for r in rows if r.get("verification")]
    if not counts:
        return None
    out: dict[str, Any] = {"answers": len(counts)}
    for key in ("sentences", "dropped", "dropped_citations", "dropped_numbers", "repealed", "flagged"):
        out[key] = sum(c[key] for c in counts)
    corrected = sum(1 for c in counts if c["dropped"] or c["repealed"] or c["flagged"])
    out["answers_corrected"] = corrected
    out["corrected_share"] = round(corrected / len(counts), 4)
    return out


@dataclass(frozen=True, slots=True)
class Checked:
    """Model text after verification: what the reader sees, the articles it cites correctly, and the counts."""

    text: str
    valid_ids: tuple[str, ...]
    verification: Verification
    kept: int


class AnswerVerifier:
    """Verifies model text exactly once, a sentence at a time, as the pieces stream in.

    `feed` returns the verified text of the sentences a piece completes; `close` returns the rest and the
    note on dropped claims. With `grounding` None, numbers are not checked.
    """

    def __init__(self, corpus: Corpus, allowed: Iterable[str], grounding: Grounding | None) -> None:
        self.corpus = corpus
        self.allowed = frozenset(allowed)
        self.grounding = grounding
        self._raw = ""
        self._pos = 0
        self._shown: list[str] = []
        self._ids: list[str] = []
        self._marked: set[str] = set()
        self._counts: Counter[str] = Counter()

    def feed(self, piece: str) -> str:
        """Add model text; the verified text of every sentence now complete."""
        self._raw += piece
        return self._drain(final=False)

    def close(self) -> str:
        """The verified rest of the text, then one note if any claim was removed (only when some text is left)."""
        out = self._drain(final=True)
        dropped = self._counts["dropped_citations"] + self._counts["dropped_numbers"]
        if dropped and self._counts["kept"]:
            shown = "".join(self._shown)
            sep = "" if shown.endswith("\n\n") else "\n" if shown.endswith("\n") else "\n\n"
            note = sep + dropped_note(dropped)
            self._shown.append(note)
            out += note
        return out

    def result(self) -> Checked:
        """Everything shown so far, with the article ids cited correctly and the counts by kind."""
        c = self._counts
        verification = Verification(c["sentences"], c["dropped_citations"], c["dropped_numbers"], c["repealed"],
                                    c["flagged"])
        return Checked("".join(self._shown).strip(), tuple(dict.fromkeys(self._ids)), verification, c["kept"])

    def _drain(self, *, final: bool) -> str:
        parts = []
        while (end := sentence_end(self._raw, self._pos, final=final)) is not None:
            parts.append(self._sentence(self._pos, end))
            self._pos = end
        out = "".join(parts)
        self._shown.append(out)
        return out

    def _sentence(self, start: int, end: int) -> str:
        sent = self._raw[start:end]
        body = sent.rstrip()
        tail = sent[len(body):]
        if not body.strip():
            return sent
        self._counts["sentences"] += 1
        # Found in the whole text so far, so that 本法第N条 knows which law was named before.
        refs = [r for r in self.corpus.find_citations(self._raw[:start + len(body)]) if r.start >= start]
        checks = check_refs(refs, self.corpus, self.allowed)
        if any(c.status in DROP for c in checks):
            self._counts["dropped_citations"] += 1
            return tail
        spans = [(r.start - start, r.end - start) for r in refs]
        spans += [(m.start(), m.end()) for m in _BOOK_RE.finditer(body)]
        if self.grounding is not None:
            bad = [m.raw for m in find_numbers(body, spans) if not self.grounding.states(m)]
            if bad:
                log.info("dropped a model sentence with %d ungrounded number(s)", len(bad))
                self._counts["dropped_numbers"] += 1
                return tail
        self._counts["kept"] += 1
        self._ids += [c.article_id for c in checks if c.status == "ok" and c.article_id]
        return self._mark(body, start, refs, checks) + tail

    def _mark(self, body: str, start: int, refs: Sequence[RawCitation], checks: Sequence[CitationCheck]) -> str:
        """Mark repealed laws and articles not in force, each once per answer; never inside another mark."""
        edits: list[tuple[int, str]] = []
        cited = [(r.start - start, r.end - start) for r in refs]
        for ref, check in zip(refs, checks, strict=True):
            if check.status == "repealed_law" and not (ref.raw[:1] == "第" or ref.raw[:1].isdigit()):
                self._repeal(check.law, ref.end - start, edits)
            elif check.status == "not_current" and check.article_id not in self._marked:
                self._marked.add(check.article_id or "")
                self._counts["flagged"] += 1
                edits.append((ref.end - start, f"〔注意：{check.message}〕"))
        for m in _BOOK_RE.finditer(body):
            if not any(s <= m.start() < e for s, e in cited):
                self._repeal(canonical_title(m.group(1)), m.end(), edits)
        for pos, note in sorted(edits, reverse=True):
            body = body[:pos] + note + body[pos:]
        return body

    def _repeal(self, law: str, pos: int, edits: list[tuple[int, str]]) -> None:
        rep = self.corpus.repealed(law)
        if rep is None or rep.name in self._marked:
            return
        self._marked.add(rep.name)
        self._counts["repealed"] += 1
        edits.append((pos, repeal_note(self.corpus, law) or ""))


def verify_model_text(text: str, corpus: Corpus, allowed: Iterable[str], grounding: Grounding | None) -> Checked:
    """Verify a whole model reply at once (the same single pass the stream gets)."""
    verifier = AnswerVerifier(corpus, allowed, grounding)
    verifier.feed(text)
    verifier.close()
    return verifier.result()

"""Frozen, typed records passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["article", "case", "card"]

LEVELS = ("法律", "行政法规", "司法解释", "部门规章", "地方性法规")
NATIONAL = "全国"


@dataclass(frozen=True, slots=True)
class Law:
    """One statute or regulation: canonical title, aliases and where it applies."""

    title: str
    aliases: tuple[str, ...]
    level: str
    region: str
    version: str
    effective: str | None
    status: str = "现行有效"
    source: str = ""
    note: str = ""

    @property
    def current(self) -> bool:
        """True when the law as a whole is in force."""
        return self.status != "已废止"


@dataclass(frozen=True, slots=True)
class Article:
    """One article of a law (or one appendix section), with its 款 and 项 in `text`."""

    id: str
    law: str
    number: int
    label: str
    text: str
    level: str
    region: str
    version: str
    effective: str | None
    chapter: str = ""
    status: str = "现行有效"
    note: str = ""
    source: str = ""
    line: int = 0

    @property
    def kind(self) -> Kind:
        """Record kind, shared with Case and Card."""
        return "article"

    @property
    def title(self) -> str:
        """Human-readable heading, e.g. 《劳动合同法》第四十二条."""
        return f"《{self.law}》{self.label}"

    @property
    def current(self) -> bool:
        """False when this article (or part of it) has been repealed."""
        return self.status == "现行有效"


@dataclass(frozen=True, slots=True)
class Case:
    """A published typical case, with the articles its text cites."""

    id: str
    title: str
    publisher: str
    date: str
    region: str
    facts: str
    result: str
    analysis: str
    cites: tuple[str, ...] = ()
    source: str = ""

    @property
    def kind(self) -> Kind:
        """Record kind, shared with Article and Card."""
        return "case"

    @property
    def text(self) -> str:
        """Full text of the case for indexing and display."""
        return "\n".join(p for p in (self.facts, self.result, self.analysis) if p)


@dataclass(frozen=True, slots=True)
class AnswerUnit:
    """One conclusion a card gives, for the question forms it answers (`asks`), in one or two sentences.

    `conclusion` states the direct answer first (合法/不合法, 可以/不能, the number) and the article it rests
    on; `{calc}` marks where the result for her own numbers goes when `calc` names a calculator.
    """

    conclusion: str
    asks: tuple[str, ...] = ()
    calc: str = ""
    cites: tuple[str, ...] = ()
    # Conditions on her facts, e.g. (("pregnancy_months", "<", 7.0),): the unit answers only when all hold;
    # ("region", "is", "云南") compares her province as text.
    when: tuple[tuple[str, str, float | str], ...] = ()


@dataclass(frozen=True, slots=True)
class Card:
    """A plain-language explainer written by the project, pointing at the articles it rests on."""

    id: str
    title: str
    text: str
    questions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    region: str = NATIONAL
    topic: str = ""
    source: str = ""
    # Phrases that call for this card whatever the topic (怎么办 → how to claim one's rights).
    asked_when: tuple[str, ...] = ()
    # Conclusions for the questions the card answers; the first is the default.
    answers: tuple[AnswerUnit, ...] = ()
    # Situations the card is about (怀孕, 哺乳 …; see answering/situation.py); empty = any situation.
    applies_to: tuple[str, ...] = ()
    # Id of the next-step set in corpus/next_steps.yaml ("" = the default set).
    steps: str = ""
    # Id of a known corpus gap (corpus/gaps.yaml) the card's topic runs into.
    gap: str = ""
    # Facts that must hold for the card to answer first (no_written_contract for the double wage): without
    # them it answers only when no other card fits.
    needs: tuple[str, ...] = ()

    @property
    def kind(self) -> Kind:
        """Record kind, shared with Article and Case."""
        return "card"


Record = Article | Case | Card


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked search result."""

    record: Record
    score: float
    rank: int
    via: str = "hybrid"
    reasons: tuple[str, ...] = field(default=())
    # Cosine of the question with the record in dense search (best of its rows); None without dense search.
    dense: float | None = None

    @property
    def kind(self) -> Kind:
        """Kind of the underlying record."""
        return self.record.kind

    @property
    def id(self) -> str:
        """Id of the underlying record."""
        return self.record.id


@dataclass(frozen=True, slots=True)
class CitationRef:
    """A reference to an article parsed from free text, e.g. 《劳动合同法》第四十二条."""

    law: str
    number: int
    raw: str
    start: int = 0
    end: int = 0

    @property
    def id(self) -> str:
        """Article id in the corpus form 劳动合同法#42."""
        return f"{self.law}#{self.number}"


@dataclass(frozen=True, slots=True)
class Citation:
    """An article quoted in an answer, verbatim from the corpus, with where it applies and its version."""

    id: str
    law: str
    article: int
    label: str
    text: str
    level: str
    region: str
    version: str
    effective: str | None
    status: str = "现行有效"
    note: str = ""


@dataclass(frozen=True, slots=True)
class CaseRef:
    """A typical case shown with an answer, with a one-line holding."""

    id: str
    title: str
    publisher: str
    date: str
    holding: str


@dataclass(frozen=True, slots=True)
class NextStep:
    """One thing she can do next, in order."""

    title: str
    detail: str


@dataclass(frozen=True, slots=True)
class DocumentSuggestion:
    """A rights-claim document template suggested for the question, with fields already known."""

    template_id: str
    title: str
    reason: str
    prefilled: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Verification:
    """What verification corrected in one model-written answer, by kind (counted in `eval run`)."""

    sentences: int = 0  # sentences checked
    dropped_citations: int = 0  # removed: citation invented, of a law not in the corpus, or not among the sources
    dropped_numbers: int = 0  # removed: a number that no source, calculation or her question states
    repealed: int = 0  # kept and marked: rests on a repealed law (the law now in force is named)
    flagged: int = 0  # kept and marked: an article that is not (wholly) in force

    @property
    def dropped(self) -> int:
        """Sentences removed, whatever the reason."""
        return self.dropped_citations + self.dropped_numbers


@dataclass(frozen=True, slots=True)
class Answer:
    """What the assistant says to one question."""

    question: str
    summary: str
    citations: tuple[Citation, ...]
    cases: tuple[CaseRef, ...]
    next_steps: tuple[NextStep, ...]
    documents: tuple[DocumentSuggestion, ...]
    disclaimer: str
    grounding: Literal["high", "low"]
    in_scope: bool
    mode: Literal["compose", "llm", "fallback"] = "compose"
    region: str | None = None
    conversation_id: str | None = None
    notices: tuple[str, ...] = ()
    safety: str | None = None
    body: str = ""
    sources: tuple[str, ...] = ()  # ids of the records retrieved for this answer (for evaluation)
    topic: str = ""
    calculations: tuple[Any, ...] = ()  # assistant.calculators.Calculation: her numbers, computed
    follow_up: str | None = None  # one short question for a fact the answer still needs
    gap: str | None = None  # id of the known corpus gap the answer states
    verification: Verification | None = None  # LLM mode only: what verification removed or marked

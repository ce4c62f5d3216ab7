"""The demand report's records: frozen, typed, rendered alike by the HTML page, the workbook and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Window:
    """The period reported (China calendar days, both ends included) and the one before it, for trends."""

    since: date
    until: date
    previous_since: date
    previous_until: date
    region: str | None
    kept_from: date | None  # the first day whose conversations the retention purge still keeps (None: all)
    generated_at: datetime

    @property
    def days(self) -> int:
        """Days in the period."""
        return (self.until - self.since).days + 1


@dataclass(frozen=True, slots=True)
class Privacy:
    """The rules the report was built under, stated in every rendering."""

    k: int
    retention_days: int
    conversation_retention_days: int


@dataclass(frozen=True, slots=True)
class Totals:
    """Questions (turns) and consultations (distinct conversations) in the period."""

    questions: int
    conversations: int
    in_scope: int
    out_of_scope: int


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One Monday–Sunday week, clipped to the period (`partial` when clipped)."""

    start: date
    end: date
    questions: int
    conversations: int
    partial: bool


@dataclass(frozen=True, slots=True)
class TopicRow:
    """A topic asked in at least k conversations, with the previous period for its trend."""

    topic: str
    questions: int
    conversations: int
    previous_conversations: int | None  # None: 1 to k-1 in the previous period (held back like a group)
    change: float | None  # relative change in conversations; None when the previous count is 0 or held back
    high_grounding: float | None  # share of its answers with high grounding


@dataclass(frozen=True, slots=True)
class CountRow:
    """A region (or any label) with its questions and conversations."""

    label: str
    questions: int
    conversations: int


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """A question group shown: redacted display text, how often, by how many conversations."""

    text: str
    questions: int
    conversations: int


@dataclass(frozen=True, slots=True)
class Hidden:
    """Groups held back because fewer than k conversations asked them (their text is never shown)."""

    groups: int = 0
    questions: int = 0


@dataclass(frozen=True, slots=True)
class QuestionList:
    """The most frequent questions of one kind: shown rows, groups beyond the list, groups under k."""

    rows: tuple[QuestionRow, ...]
    more: int
    hidden: Hidden


@dataclass(frozen=True, slots=True)
class Grounding:
    """How the in-scope questions were answered: high (grounded in a card and its articles) or low."""

    answered: int
    high: int
    low: int
    share_high: float | None


@dataclass(frozen=True, slots=True)
class FeedbackTotals:
    """Feedback left in the period."""

    total: int
    helpful: int
    unhelpful: int
    rated: int
    mean_rating: float | None


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """Documents generated from one template in the period."""

    template_id: str
    title: str
    count: int


@dataclass(frozen=True, slots=True)
class Referrals:
    """Answers that sent her to a hotline: safety notices, out-of-scope redirects, low grounding (12351)."""

    safety: int
    safety_conversations: int
    out_of_scope: int
    out_of_scope_conversations: int
    low_grounding: int
    low_grounding_conversations: int


@dataclass(frozen=True, slots=True)
class DemandReport:
    """Everything the demand report shows."""

    window: Window
    privacy: Privacy
    totals: Totals
    weeks: tuple[WeekRow, ...]
    topics: tuple[TopicRow, ...]
    topics_hidden: Hidden
    unclassified: int  # in-scope questions without a topic (answered with low grounding)
    previous_complete: bool  # False when part of the previous period is past retention
    regions: tuple[CountRow, ...]
    regions_hidden: Hidden
    grounding: Grounding
    low_grounding: QuestionList
    feedback: FeedbackTotals
    unhelpful: QuestionList
    documents: tuple[DocumentRow, ...]
    referrals: Referrals

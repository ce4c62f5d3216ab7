"""The union's demand report: every figure, from the stored consultations, as frozen records.

One module computes; the HTML page, the Excel workbook, `--json` and `GET /v1/admin/stats` only render
`DemandReport`. Queries are SQLAlchemy Core on `assistant.storage` (SQLite and PostgreSQL alike).

Privacy by construction: only stored (redacted) text is read and it is redacted again before it is
shown; a topic, region or question is named only when at least `k` distinct conversations asked it,
the rest are counted as hidden (never their text); rows past the retention windows are left out
exactly as the purge would delete them, whether or not it has run yet.

Days are China's calendar days (UTC+8); a week runs Monday to Sunday.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, or_, select, true

from assistant.calculators.base import CHINA_TZ
from assistant.config import Settings
from assistant.errors import InvalidInputError
from assistant.privacy import redact
from assistant.reporting.groups import Group, group_questions
from assistant.reporting.records import (
    CountRow,
    DemandReport,
    DocumentRow,
    FeedbackTotals,
    Grounding,
    Hidden,
    Privacy,
    QuestionList,
    QuestionRow,
    Referrals,
    TopicRow,
    Totals,
    WeekRow,
    Window,
)
from assistant.retrieval.normalize import detect_region
from assistant.storage import Storage, schema, utcnow

MAX_DAYS = 731
NO_REGION = "未识别地区"
_T, _C, _F, _D = schema.turns, schema.conversations, schema.feedback, schema.documents


def _start(day: date) -> datetime:
    """00:00 China time on `day`, in UTC (what the database stores)."""
    return datetime.combine(day, datetime.min.time(), CHINA_TZ).astimezone(UTC)


def china_day(moment: datetime) -> date:
    """The China calendar day of a stored time."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(CHINA_TZ).date()


def canonical_region(value: str | None) -> str | None:
    """The province a filter names (昆明 → 云南, 云南省 → 云南); InvalidInputError for none."""
    if value is None or not value.strip():
        return None
    found = detect_region(value.strip())
    if found is None:
        raise InvalidInputError(f"无法识别地区“{value.strip()[:20]}”，请写省份或城市，如 云南、上海、昆明")
    return found


def make_window(settings: Settings, since: date | None, until: date | None, region: str | None,
                now: datetime | None = None) -> Window:
    """The period to report: until defaults to today (China), since to 30 days before; checked and bounded."""
    now = now or utcnow()
    today = china_day(now)
    until = until or today
    since = since or until - timedelta(days=29)
    if since > until:
        raise InvalidInputError(f"起始日期 {since:%Y年%m月%d日} 晚于结束日期 {until:%Y年%m月%d日}")
    if (until - since).days + 1 > MAX_DAYS:
        raise InvalidInputError(f"时间范围最长 {MAX_DAYS} 天，请缩短起止日期之间的间隔")
    length = until - since + timedelta(days=1)
    days = settings.conversation_retention_days
    kept = china_day(now - timedelta(days=days)) if days > 0 else None
    return Window(since, until, since - length, since - timedelta(days=1), canonical_region(region), kept, now)


def _kept(now: datetime, days: int, column: Any) -> ColumnElement[bool]:
    # Exactly the purge's rule (storage.purge): older than `days` is gone; 0 or less keeps everything.
    return column >= now - timedelta(days=days) if days > 0 else true()


def _region_filter(column: Any, region: str | None) -> ColumnElement[bool]:
    # Regions sent by the app may carry 省/市/自治区 (上海市); no province name is a prefix of another.
    return or_(column == region, column.like(region + "%")) if region else true()


class _Query:
    """The shared filters of one report: period, region and retention."""

    def __init__(self, window: Window, settings: Settings) -> None:
        self.w, self.s = window, settings

    def turns(self, first: date, last: date) -> ColumnElement[bool]:
        return and_(_T.c.created_at >= _start(first), _T.c.created_at < _start(last + timedelta(days=1)),
                    _kept(self.w.generated_at, self.s.conversation_retention_days, _C.c.updated_at),
                    _region_filter(_T.c.region, self.w.region))

    def conversation_kept(self) -> ColumnElement[bool]:
        """The feedback's conversation still exists after the purge (the purge sets a purged one to NULL)."""
        return and_(_C.c.id.is_not(None), _kept(self.w.generated_at, self.s.conversation_retention_days,
                                                _C.c.updated_at))

    def feedback(self) -> ColumnElement[bool]:
        w = self.w
        return and_(_F.c.created_at >= _start(w.since), _F.c.created_at < _start(w.until + timedelta(days=1)),
                    _kept(w.generated_at, self.s.retention_days, _F.c.created_at),
                    and_(self.conversation_kept(), _region_filter(_C.c.region, w.region)) if w.region else true())

    def select_turns(self, *columns: Any, first: date | None = None, last: date | None = None) -> Select[Any]:
        return (select(*columns).select_from(_T.join(_C, _T.c.conversation_id == _C.c.id))
                .where(self.turns(first or self.w.since, last or self.w.until)))


def _week_starts(window: Window) -> list[date]:
    first = window.since - timedelta(days=window.since.weekday())
    return [first + timedelta(weeks=i) for i in range((window.until - first).days // 7 + 1)]


def _weeks(conn: Any, q: _Query) -> tuple[WeekRow, ...]:
    w = q.w
    starts = _week_starts(w)
    # The week index of each turn, in SQL: the first week whose end is later than the turn. Grouped in an
    # outer query, because PostgreSQL cannot match a CASE with bound parameters between SELECT and GROUP BY.
    index = case(*((_T.c.created_at < _start(s + timedelta(days=7)), i) for i, s in enumerate(starts)), else_=-1)
    inner = q.select_turns(index.label("week"), _T.c.conversation_id.label("cid")).subquery()
    rows = conn.execute(select(inner.c.week, func.count(), func.count(distinct(inner.c.cid)))
                        .group_by(inner.c.week)).all()
    found = {int(r[0]): (int(r[1]), int(r[2])) for r in rows}
    out = []
    for i, s in enumerate(starts):
        start, end = max(s, w.since), min(s + timedelta(days=6), w.until)
        n, c = found.get(i, (0, 0))
        out.append(WeekRow(start, end, n, c, (end - start).days < 6))
    return tuple(out)


def _topic_counts(conn: Any, q: _Query, first: date, last: date) -> dict[str, tuple[int, int, int]]:
    """topic → (questions, conversations, high-grounding answers) for in-scope turns with a topic."""
    high = func.sum(case((_T.c.grounding == "high", 1), else_=0))
    rows = conn.execute(q.select_turns(_T.c.topic, func.count(), func.count(distinct(_T.c.conversation_id)), high,
                                       first=first, last=last)
                        .where(_T.c.topic.is_not(None), _T.c.topic != "", _T.c.in_scope.is_not(False))
                        .group_by(_T.c.topic)).all()
    return {redact(str(r[0])): (int(r[1]), int(r[2]), int(r[3] or 0)) for r in rows}


def _topics(conn: Any, q: _Query) -> tuple[tuple[TopicRow, ...], Hidden]:
    k, w = q.s.report_k, q.w
    now = _topic_counts(conn, q, w.since, w.until)
    before = _topic_counts(conn, q, w.previous_since, w.previous_until)
    shown, hidden = [], Hidden()
    for topic, (n, c, high) in now.items():
        if c < k:
            hidden = Hidden(hidden.groups + 1, hidden.questions + n)
            continue
        prev = before.get(topic, (0, 0, 0))[1]
        # A count of 1..k-1 is held back like a group; none at all is safe to say (the topic is new).
        prev_shown = prev if prev >= k or prev == 0 else None
        change = (c - prev) / prev if prev_shown else None
        shown.append(TopicRow(topic, n, c, prev_shown, change, high / n if n else None))
    shown.sort(key=lambda r: (-r.conversations, -r.questions, r.topic))
    return tuple(shown), hidden


def _regions(conn: Any, q: _Query) -> tuple[tuple[CountRow, ...], Hidden]:
    rows = conn.execute(q.select_turns(_T.c.region, _T.c.conversation_id, func.count())
                        .group_by(_T.c.region, _T.c.conversation_id)).all()
    questions: dict[str, int] = {}
    people: dict[str, set[str]] = {}
    for region, conversation, n in rows:
        label = (detect_region(region) or redact(region)) if region else NO_REGION
        questions[label] = questions.get(label, 0) + int(n)
        people.setdefault(label, set()).add(conversation)
    shown, hidden = [], Hidden()
    for label, n in questions.items():
        c = len(people[label])
        if c >= q.s.report_k:
            shown.append(CountRow(label, n, c))
        else:
            hidden = Hidden(hidden.groups + 1, hidden.questions + n)
    shown.sort(key=lambda r: (-r.conversations, -r.questions, r.label))
    return tuple(shown), hidden


def _question_list(groups: Sequence[Group], k: int, top: int) -> QuestionList:
    eligible = [g for g in groups if g.conversations >= k]
    under = [g for g in groups if g.conversations < k]
    rows = tuple(QuestionRow(redact(g.text), g.questions, g.conversations) for g in eligible[:top])
    return QuestionList(rows, max(0, len(eligible) - top), Hidden(len(under), sum(g.questions for g in under)))


def _totals(conn: Any, q: _Query) -> tuple[Totals, Grounding, Referrals, int]:
    def count(cond: ColumnElement[bool]) -> Any:
        return func.sum(case((cond, 1), else_=0))

    in_scope = _T.c.in_scope.is_not(False)
    low = and_(in_scope, _T.c.grounding == "low")
    row = conn.execute(q.select_turns(
        func.count(), func.count(distinct(_T.c.conversation_id)), count(in_scope), count(_T.c.in_scope.is_(False)),
        count(and_(in_scope, _T.c.grounding == "high")), count(low), count(_T.c.safety.is_(True)),
        func.count(distinct(case((_T.c.safety.is_(True), _T.c.conversation_id)))),
        func.count(distinct(case((_T.c.in_scope.is_(False), _T.c.conversation_id)))),
        func.count(distinct(case((low, _T.c.conversation_id)))),
        count(and_(in_scope, or_(_T.c.topic.is_(None), _T.c.topic == ""))),
    )).one()
    n, convs, ins, out, high, lows, safety, safety_c, out_c, low_c, unclassified = (int(v or 0) for v in row)
    answered = high + lows
    return (Totals(n, convs, ins, out), Grounding(answered, high, lows, high / answered if answered else None),
            Referrals(safety, safety_c, out, out_c, lows, low_c), unclassified)


def _feedback(conn: Any, q: _Query) -> tuple[FeedbackTotals, list[tuple[str, str | None]]]:
    joined = _F.outerjoin(_C, _F.c.conversation_id == _C.c.id)
    row = conn.execute(select(func.count(), func.sum(case((_F.c.helpful.is_(True), 1), else_=0)),
                              func.count(_F.c.rating), func.avg(_F.c.rating))
                       .select_from(joined).where(q.feedback())).one()
    total, helpful, rated = int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)
    mean = round(float(row[3]), 2) if row[3] is not None else None
    # A conversation past retention counts as gone (as after the purge): it no longer lifts a group over k.
    conversation = case((q.conversation_kept(), _F.c.conversation_id), else_=None)
    unhelpful = conn.execute(select(_F.c.question, conversation).select_from(joined)
                             .where(q.feedback(), _F.c.helpful.is_(False))).all()
    return FeedbackTotals(total, helpful, total - helpful, rated, mean), [(r[0], r[1]) for r in unhelpful]


def _documents(conn: Any, w: Window, titles: dict[str, str]) -> tuple[DocumentRow, ...]:
    rows = conn.execute(select(_D.c.template_id, func.count())
                        .where(_D.c.created_at >= _start(w.since), _D.c.created_at < _start(w.until + timedelta(days=1)))
                        .group_by(_D.c.template_id)).all()
    out = [DocumentRow(str(t), titles.get(str(t), redact(str(t))), int(n)) for t, n in rows]
    return tuple(sorted(out, key=lambda d: (-d.count, d.template_id)))


def template_titles(settings: Settings) -> dict[str, str]:
    """Template id → Chinese title (文书 names the union staff know)."""
    from assistant.documents import list_templates

    return {t.id: t.title for t in list_templates(settings)} if settings.templates_dir.is_dir() else {}


def build_demand_report(storage: Storage, settings: Settings, *, since: date | None = None,
                        until: date | None = None, region: str | None = None, now: datetime | None = None,
                        titles: dict[str, str] | None = None) -> DemandReport:
    """Every figure of the demand report for one period (and region), straight from the database."""
    window = make_window(settings, since, until, region, now)
    q = _Query(window, settings)
    k, top = settings.report_k, settings.report_top
    with storage.engine.connect() as conn:
        totals, grounding, referrals, unclassified = _totals(conn, q)
        weeks = _weeks(conn, q)
        topics, topics_hidden = _topics(conn, q)
        regions, regions_hidden = _regions(conn, q)
        lows = conn.execute(q.select_turns(_T.c.question, _T.c.conversation_id)
                            .where(_T.c.in_scope.is_not(False), _T.c.grounding == "low")).all()
        feedback, unhelpful = _feedback(conn, q)
        documents = _documents(conn, window, titles if titles is not None else template_titles(settings))
    low_list = _question_list(group_questions((r[0], r[1]) for r in lows), k, top)
    unhelpful_list = _question_list(group_questions(unhelpful), k, top)
    previous_complete = window.kept_from is None or window.previous_since >= window.kept_from
    return DemandReport(
        window, Privacy(k, settings.retention_days, settings.conversation_retention_days), totals, weeks, topics,
        topics_hidden, unclassified, previous_complete, regions, regions_hidden, grounding, low_list, feedback,
        unhelpful_list, documents, referrals)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(CHINA_TZ).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def report_json(report: DemandReport) -> dict[str, Any]:
    """The report as JSON-ready data (dates ISO, times in China time): `--json` and the API's shape."""
    data: dict[str, Any] = _plain(dataclasses.asdict(report))
    data["window"]["days"] = report.window.days
    return data

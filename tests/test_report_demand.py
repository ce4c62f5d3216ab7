"""The demand report on a generated month, on SQLite and a real PostgreSQL: every figure equals a direct count of
the generated data, the k threshold holds, purged conversations drop out, and no output holds personal data."""

from __future__ import annotations

import json
import zipfile
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from demand_month import CHINA, Month, china_day, generate
from openpyxl import load_workbook
from pii_samples import PROBES
from sqlalchemy import func, insert, select

from assistant.config import Settings
from assistant.errors import InvalidInputError
from assistant.privacy import redact
from assistant.reporting.demand import build_demand_report, report_json
from assistant.reporting.groups import display_text, group_questions, question_key
from assistant.reporting.html import render_demand_html
from assistant.reporting.records import DemandReport
from assistant.reporting.xlsx import build_workbook, write_demand_xlsx
from assistant.storage import Storage, make_engine, schema

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 on 1 December, China time
NOV = {"since": date(2026, 11, 1), "until": date(2026, 11, 30)}


@pytest.fixture(params=["sqlite", "postgresql"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if request.param == "sqlite":
        return Storage(make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    url = request.getfixturevalue("postgres_url").replace("postgresql://", "postgresql+psycopg://")
    return Storage(make_engine(url))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, embedding_model="none")


@pytest.fixture
def month(storage: Storage) -> Month:
    generate(storage, conversations=300, seed=3, start=date(2026, 10, 2), tag="oct")  # the previous period
    return generate(storage, conversations=600, seed=7)


def _report(storage: Storage, settings: Settings, **kw: object) -> DemandReport:
    args: dict[str, object] = {"now": NOW, **NOV, **kw}
    return build_demand_report(storage, settings, **args)  # type: ignore[arg-type]


def _groups(pairs: list[tuple[str, str | None]]) -> dict[str, tuple[int, int]]:
    """base question → (questions, distinct conversations), counted directly."""
    n: dict[str, int] = defaultdict(int)
    people: dict[str, set[str]] = defaultdict(set)
    for base, cid in pairs:
        n[base] += 1
        if cid:
            people[base].add(cid)
    return {b: (n[b], len(people[b])) for b in n}


def test_every_figure_equals_a_direct_count(storage: Storage, settings: Settings, month: Month) -> None:
    r = _report(storage, settings)
    k, turns = settings.report_k, month.turns
    assert (r.totals.questions, r.totals.conversations) == (len(turns), len(month.conversations()))
    assert r.totals.out_of_scope == sum(t.kind == "out" for t in turns)

    # Weeks: Monday to Sunday in China time, clipped to the period.
    by_week: dict[date, list[object]] = defaultdict(list)
    for t in turns:
        d = china_day(t.at)
        by_week[d - timedelta(days=d.weekday())].append(t)
    assert [w.start for w in r.weeks] == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16),
                                          date(2026, 11, 23), date(2026, 11, 30)]
    assert [w.partial for w in r.weeks] == [True, False, False, False, False, True]
    for w in r.weeks:
        week = [t for t in turns if w.start <= china_day(t.at) <= w.end]
        assert (w.questions, w.conversations) == (len(week), len(month.conversations(week)))
    assert sum(w.questions for w in r.weeks) == len(turns)

    # Topics: only those asked in at least k conversations, with last period's count for the trend.
    topics = {key: v for key, v in month.by("topic").items() if key is not None}
    shown = {t.topic: t for t in r.topics}
    assert set(shown) == {key for key, (_, c) in topics.items() if c >= k}
    assert "竞业限制" not in shown and "服务期" not in shown
    hidden = [(n, c) for key, (n, c) in topics.items() if c < k]
    assert (r.topics_hidden.groups, r.topics_hidden.questions) == (len(hidden), sum(n for n, _ in hidden))
    october = _report(storage, settings, since=date(2026, 10, 2), until=date(2026, 10, 31))
    before = {t.topic: t.conversations for t in october.topics}
    for name, row in shown.items():
        mine = [t for t in turns if t.topic == name]
        assert (row.questions, row.conversations) == (len(mine), len(month.conversations(mine)))
        assert row.high_grounding == pytest.approx(sum(t.grounding == "high" for t in mine) / len(mine))
        assert row.previous_conversations == before[name]
        assert row.change == pytest.approx((row.conversations - before[name]) / before[name])
    assert [t.conversations for t in r.topics] == sorted((t.conversations for t in r.topics), reverse=True)

    # Regions, grounding, referrals.
    regions = {("未识别地区" if key is None else key): v for key, v in month.by("region").items()}
    assert {x.label: (x.questions, x.conversations) for x in r.regions} == {
        key: v for key, v in regions.items() if v[1] >= k}
    assert r.regions_hidden.groups == 1 and "西藏" not in {x.label for x in r.regions}
    in_scope = [t for t in turns if t.kind != "out"]
    high = sum(t.grounding == "high" for t in in_scope)
    assert (r.grounding.answered, r.grounding.high, r.grounding.low) == (len(in_scope), high, len(in_scope) - high)
    safety = [t for t in turns if t.safety]
    out = [t for t in turns if t.kind == "out"]
    assert (r.referrals.safety, r.referrals.safety_conversations) == (len(safety), len(month.conversations(safety)))
    assert (r.referrals.out_of_scope, r.referrals.out_of_scope_conversations) == (len(out), len(month.conversations(out)))
    lows = [t for t in in_scope if t.grounding == "low"]
    assert (r.referrals.low_grounding, r.referrals.low_grounding_conversations) == (
        len(lows), len(month.conversations(lows)))
    assert r.unclassified == sum(t.kind == "low" for t in turns)

    # Documents by template, with their Chinese titles; feedback.
    assert {d.template_id: d.count for d in r.documents} == dict(month.documents)
    assert {d.template_id: d.title for d in r.documents}["pregnancy_transfer_objection"] == "孕期调岗降薪异议书"
    fb = month.feedback
    rated = [x[2] for x in fb if x[2] is not None]
    assert (r.feedback.total, r.feedback.helpful, r.feedback.rated) == (len(fb), sum(x[1] for x in fb), len(rated))
    assert r.feedback.mean_rating == pytest.approx(round(sum(rated) / len(rated), 2))

    # The question lists: variants and personal clauses grouped under the question they share.
    low = _groups([(t.base, t.conversation) for t in in_scope if t.grounding == "low"])
    unhelpful = _groups([(x[3], x[4]) for x in fb if not x[1]])
    for lst, truth in ((r.low_grounding, low), (r.unhelpful, unhelpful)):
        keyed = {question_key(base): v for base, v in truth.items()}
        assert len(lst.rows) == sum(1 for _, c in truth.values() if c >= k) > 3
        for row in lst.rows:
            assert (row.questions, row.conversations) == keyed[question_key(row.text)]
        under = [n for n, c in truth.values() if c < k]
        assert (lst.hidden.groups, lst.hidden.questions) == (len(under), sum(under))


def test_the_k_threshold(storage: Storage, tmp_path: Path) -> None:
    def ask(cid: str, question: str, n: int = 1, topic: str = "产假") -> None:
        with storage.engine.begin() as conn:
            at = datetime(2026, 11, 10, 3, tzinfo=UTC)
            conn.execute(insert(schema.conversations).values(id=cid, owner="local", created_at=at, updated_at=at,
                                                             region="上海"))
            for i in range(n):
                conn.execute(insert(schema.turns).values(conversation_id=cid, idx=i, created_at=at, question=question,
                                                         summary="", topic=topic, grounding="low", region="上海",
                                                         in_scope=True))

    settings = Settings(data_dir=tmp_path, embedding_model="none", report_k=5)
    ask("c_" + "a" * 24, "公司不让我休产假怎么办", n=12, topic="生育假")  # one woman asking twelve times: one conversation
    for i in range(3):
        ask(f"c_{i:024d}", "请问公司不让我休产假怎么办？")
    r = _report(storage, settings)  # four conversations: one short of k
    assert r.low_grounding.rows == () and (r.low_grounding.hidden.groups, r.low_grounding.hidden.questions) == (1, 15)
    assert r.topics == () and r.topics_hidden.groups == 2 and r.regions == ()
    ask(f"c_{3:024d}", "公司不让我休产假怎么办")
    ask(f"c_{4:024d}", "公司不让我休产假怎么办。")
    r = _report(storage, settings)
    assert [(q.text, q.questions, q.conversations) for q in r.low_grounding.rows] == [("公司不让我休产假怎么办", 17, 6)]
    assert [(t.topic, t.conversations) for t in r.topics] == [("产假", 5)] and r.topics_hidden.groups == 1
    assert [(x.label, x.conversations) for x in r.regions] == [("上海", 6)]
    tighter = _report(storage, replace_k(settings, 7))
    assert tighter.low_grounding.rows == () and tighter.regions == () and tighter.privacy.k == 7
    with pytest.raises(ValueError):
        Settings(report_k=1)


def replace_k(settings: Settings, k: int) -> Settings:
    """Settings with another threshold."""
    return settings.model_copy(update={"report_k": k})


def test_region_filter_and_names(storage: Storage, settings: Settings, month: Month) -> None:
    yunnan = [t for t in month.turns if t.region == "云南"]
    for name in ("云南", "云南省", "昆明"):
        r = _report(storage, settings, region=name)
        assert r.window.region == "云南"
        assert (r.totals.questions, r.totals.conversations) == (len(yunnan), len(month.conversations(yunnan)))
        assert [x.label for x in r.regions] == ["云南"]
    with pytest.raises(InvalidInputError, match="无法识别地区"):
        _report(storage, settings, region="火星")
    with pytest.raises(InvalidInputError, match="晚于"):
        _report(storage, settings, since=date(2026, 12, 1), until=date(2026, 11, 1))


def test_purged_conversations_drop_out(storage: Storage, settings: Settings, month: Month) -> None:
    # Feedback kept longer than conversations: some of it outlives the conversation it was about.
    settings = settings.model_copy(update={"conversation_retention_days": 150, "retention_days": 200})
    later = NOW + timedelta(days=135)  # the conversations' window now starts mid-November
    cutoff = later - timedelta(days=settings.conversation_retention_days)
    last = {t.conversation: t.at for t in month.turns}
    kept = [t for t in month.turns if last[t.conversation] >= cutoff]
    assert 0 < len(kept) < len(month.turns)
    before_purge = _report(storage, settings, now=later)
    in_shanghai = _report(storage, settings, now=later, region="上海")
    assert before_purge.totals.questions == len(kept)
    assert before_purge.window.kept_from == cutoff.astimezone(CHINA).date()
    assert before_purge.previous_complete is False
    storage.conversations.purge_older_than(settings.conversation_retention_days, now=later)
    storage.feedback.purge_older_than(settings.retention_days, now=later)
    after = _report(storage, settings, now=later)
    assert report_json(after) == report_json(before_purge)
    assert report_json(_report(storage, settings, now=later, region="上海")) == report_json(in_shanghai)
    # Feedback outlives its purged conversation, but no longer counts as that conversation's.
    with storage.engine.connect() as conn:
        orphans = conn.execute(select(func.count()).select_from(schema.feedback)
                               .where(schema.feedback.c.conversation_id.is_(None))).scalar_one()
    assert orphans > sum(1 for x in month.feedback if x[4] is None)
    assert after.feedback.total == len(month.feedback)  # every November row is within the feedback window
    assert _report(storage, settings).totals.questions == len(kept)  # gone for good, whatever the date asked


def _output_blobs(r: DemandReport, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "需求报告.xlsx"
    write_demand_xlsx(path, r)
    cells = [str(c.value) for ws in load_workbook(path).worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    with zipfile.ZipFile(path) as z:
        raw = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return {"html": render_demand_html(r), "json": json.dumps(report_json(r), ensure_ascii=False),
            "xlsx cells": "\n".join(cells), "xlsx files": raw}


def test_no_personal_data_in_any_output(storage: Storage, settings: Settings, month: Month, tmp_path: Path) -> None:
    # Raw rows as a legacy database could hold them, each probe in k conversations so its question is shown.
    text = "，".join(p for p, _ in PROBES) + "，被公司辞退了能拿多少赔偿"
    at = datetime(2026, 11, 20, 4, tzinfo=UTC)
    with storage.engine.begin() as conn:
        for i in range(settings.report_k):
            cid = f"c_probe{i:019d}"
            conn.execute(insert(schema.conversations).values(id=cid, owner="local", created_at=at, updated_at=at,
                                                             region="上海", topic=text))
            conn.execute(insert(schema.turns).values(conversation_id=cid, idx=0, created_at=at, question=text,
                                                     summary="", topic=text, grounding="low", region="上海",
                                                     in_scope=True))
            conn.execute(insert(schema.feedback).values(created_at=at, helpful=False, comment=text, question=text,
                                                        conversation_id=cid, client="widget"))
    r = _report(storage, settings)
    assert any("被公司辞退了能拿多少赔偿" in q.text for q in r.low_grounding.rows)
    assert any("被公司辞退了能拿多少赔偿" in q.text for q in r.unhelpful.rows)
    values = [v for _, v in PROBES] + month.planted.values
    assert len(month.planted.values) > 100
    for name, blob in _output_blobs(r, tmp_path).items():
        for value in values:
            for form in {value, value.replace("-", ""), value.replace(" ", "")}:
                assert form not in blob, (name, form)


def test_grouping_normal_form() -> None:
    same = ["怀孕了公司能辞退我吗", "请问怀孕了公司能辞退我吗？", "您好，请问怀孕了，公司能辞退我吗?",
            "我叫王小红，怀孕了公司能辞退我吗", "手机13812345678，怀孕了公司能辞退我吗", "懷孕了公司能辭退我嗎"]
    assert len({question_key(q) for q in same}) == 1
    assert question_key("怀孕了公司能给我降薪吗") != question_key(same[0])
    assert display_text("我叫王小红，手机13812345678，怀孕了公司能辞退我吗") == "怀孕了公司能辞退我吗"
    assert display_text("我叫王小红怀孕被辞退") == "我叫[姓名]怀孕被辞退"  # nothing else left: shown redacted
    groups = group_questions([(q, f"c{i}") for i, q in enumerate(same)] + [(same[0], "c0"), (same[1], None)])
    assert [(g.text, g.questions, g.conversations) for g in groups] == [("怀孕了公司能辞退我吗", 8, 6)]
    assert redact(groups[0].text) == groups[0].text


def test_the_workbook_holds_her_words_as_text(storage: Storage, settings: Settings) -> None:
    at = datetime(2026, 11, 20, 4, tzinfo=UTC)
    with storage.engine.begin() as conn:
        for i in range(settings.report_k):
            cid = f"c_formula{i:017d}"
            conn.execute(insert(schema.conversations).values(id=cid, owner="local", created_at=at, updated_at=at))
            conn.execute(insert(schema.turns).values(conversation_id=cid, idx=0, created_at=at, summary="",
                                                     question='=HYPERLINK("http://evil.example","点我")', in_scope=True,
                                                     grounding="low"))
    wb = build_workbook(_report(storage, settings))
    cell = wb["依据不足的问题"]["B2"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"
    assert set(wb.sheetnames) >= {"说明", "每周提问", "主题", "地区", "回答依据", "依据不足的问题", "没帮助的问题", "文书",
                                  "热线转介"}
    assert "至少来自 5 个不同对话" in str(wb["说明"]["B5"].value) and "180 天" in str(wb["说明"]["B6"].value)


def test_report_states_its_rules(storage: Storage, settings: Settings, month: Month) -> None:
    page = render_demand_html(_report(storage, settings))
    assert "至少来自 <b>5</b> 个不同的对话" in page and "最后一次提问 180 天后删除" in page
    assert "2026年11月1日至2026年11月30日" in page and "<svg" in page and "<script" not in page
    assert "另有 2 个主题" in page and "另有 1 个地区" in page
    assert "孕期调岗降薪异议书" in page and "竞业限制" not in page and "西藏" not in page
    assert "文书记录不含地区" in render_demand_html(_report(storage, settings, region="上海"))

"""export-feedback: unhelpful feedback and low-grounding turns become a draft question sheet, still redacted."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import update
from typer.testing import CliRunner

from assistant.answering.compose import LOW_SUMMARY
from assistant.cli import app
from assistant.config import Settings
from assistant.storage import open_storage, schema


def _env(settings: Settings) -> dict[str, str]:
    return {"ASSISTANT_CORPUS_DIR": str(settings.corpus_dir), "ASSISTANT_CARDS_DIR": str(settings.cards_dir),
            "ASSISTANT_INDEX_DIR": str(settings.index_dir), "ASSISTANT_DATA_DIR": str(settings.data_dir),
            "ASSISTANT_EMBEDDING_MODEL": "none"}


def _seed(settings: Settings) -> None:
    storage = open_storage(settings)
    store, feedback = storage.conversations, storage.feedback
    c1, c2 = store.create("local"), store.create("local")
    store.append(c1, "哺乳期每天有多长时间喂奶", LOW_SUMMARY[:300], region=None, topic=None, query="喂奶",
                 grounding="low")
    store.append(c2, "产假多少天", "女职工生育享受产假九十八天。", region=None, topic="产假", query="产假", grounding="high")
    feedback.add(helpful=False, comment="没说到点子上，我电话13812345678", question="怀孕了被降工资怎么办",
                 conversation_id=None, client="test")
    feedback.add(helpful=True, comment="很好", question="产假多少天", conversation_id=c2, client="test")
    # The same question rated unhelpful and answered with low grounding becomes one draft row.
    feedback.add(helpful=False, comment="不对", question="哺乳期每天有多长时间喂奶", conversation_id=c1, client="test")


def test_export_feedback_to_jsonl_and_xlsx(fixture_settings: Settings, tmp_path: Path) -> None:
    _seed(fixture_settings)
    runner = CliRunner()
    out = tmp_path / "draft.jsonl"
    res = runner.invoke(app, ["eval", "export-feedback", "--out", str(out)], env=_env(fixture_settings))
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["question"] for r in rows] == ["怀孕了被降工资怎么办", "哺乳期每天有多长时间喂奶"]
    assert all(r["expected_citations"] == [] for r in rows)
    text = out.read_text(encoding="utf-8")
    assert "13812345678" not in text and ("[电话]" in text or "[手机号]" in text)
    assert "没说到点子上" in rows[0]["notes"] and "当前助手引用" in rows[0]["notes"]
    assert "用户反馈" in rows[1]["notes"] and "回答依据不足" in rows[1]["notes"]
    assert "产假多少天" not in text

    xlsx = tmp_path / "draft.xlsx"
    res = runner.invoke(app, ["eval", "export-feedback", "--out", str(xlsx), "--no-answers"], env=_env(fixture_settings))
    assert res.exit_code == 0, res.output
    sheet = list(load_workbook(xlsx).worksheets[0].iter_rows(values_only=True))
    assert sheet[0][:3] == ("编号（必填）", "问题（必填）", "应引用法条（范围内必填）") and len(sheet) == 3

    # A draft is not a question set until legal staff fill in the citations.
    run = runner.invoke(app, ["eval", "run", "--dataset", str(xlsx), "--out", str(tmp_path / "r")],
                        env=_env(fixture_settings))
    assert run.exit_code != 0 and "应引用法条" in str(run.exception)


def test_export_feedback_since_and_empty_db(fixture_settings: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "none.jsonl"
    res = runner.invoke(app, ["eval", "export-feedback", "--out", str(out)], env=_env(fixture_settings))
    assert res.exit_code == 0 and "导出 0 道" in res.output
    _seed(fixture_settings)
    with open_storage(fixture_settings).engine.begin() as con:
        fb = schema.feedback
        con.execute(update(fb).where(fb.c.question.like("怀孕%")).values(created_at=datetime(2020, 1, 1, tzinfo=UTC)))
    res = runner.invoke(app, ["eval", "export-feedback", "--out", str(out), "--since", "2024年1月1日", "--no-answers"],
                        env=_env(fixture_settings))
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["question"] for r in rows] == ["哺乳期每天有多长时间喂奶"]
    bad = runner.invoke(app, ["eval", "export-feedback", "--out", str(out), "--since", "去年某个时候吧"], env=_env(fixture_settings))
    assert bad.exit_code != 0

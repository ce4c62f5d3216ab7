"""The lawyer review loop end to end: export → fill verdicts → import → rerun → kept verdicts and stale answers."""

from __future__ import annotations

import dataclasses
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

from assistant.answering import AnswerService
from assistant.cli import app
from assistant.config import Settings
from assistant.errors import InvalidInputError
from assistant.evaluation.compare import compare_runs
from assistant.evaluation.datasets import load_dataset
from assistant.evaluation.inputs import write_rows
from assistant.evaluation.review import import_review
from assistant.evaluation.runner import run_eval
from assistant.evaluation.verdicts import VerdictStore
from assistant.records import Answer
from assistant.runtime import open_runtime
from assistant.storage import open_storage, schema

ROWS: list[dict[str, object]] = [
    {"id": "r1", "question": "示例劳动保护法第四条", "expected_citations": ["示例劳动保护法#4"], "category": "产假"},
    {"id": "r2", "question": "哺乳期每天有多长时间喂奶", "expected_citations": ["示例劳动保护法#5"], "category": "哺乳",
     "must_include": ["1小时"], "must_not_include": ["没有喂奶时间"]},
    {"id": "r3", "question": "怀上了老板给我降工资，我的手机13812345678", "expected_citations": ["示例劳动保护法#3"],
     "category": "孕期", "expected_conclusion": "违法；不得因怀孕降低工资"},
    {"id": "r4", "question": "帮我写一首关于春天的诗", "in_scope": False, "category": "范围外"},
]


def _env(settings: Settings) -> dict[str, str]:
    return {"ASSISTANT_CORPUS_DIR": str(settings.corpus_dir), "ASSISTANT_CARDS_DIR": str(settings.cards_dir),
            "ASSISTANT_INDEX_DIR": str(settings.index_dir), "ASSISTANT_DATA_DIR": str(settings.data_dir),
            "ASSISTANT_EMBEDDING_MODEL": "none", "ASSISTANT_EVAL_RUNS_DIR": str(settings.data_dir / "runs")}


def _results(run: Path) -> dict[str, dict[str, Any]]:
    rows = [json.loads(x) for x in (run / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    return {r["id"]: r for r in rows}


def _fill(path: Path, verdicts: dict[str, tuple[str, str]]) -> None:
    """Fill 判定 and 意见 by question id, as a lawyer does in Excel."""
    wb = load_workbook(path)
    ws = wb["复核"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        qid = row[header.index("编号")].value
        if qid in verdicts:
            row[header.index("判定")].value, row[header.index("意见")].value = verdicts[qid]
    wb.save(path)


@pytest.fixture
def loop(tmp_path: Path, fixture_settings: Settings) -> dict[str, Any]:
    rt = open_runtime(fixture_settings)
    data = tmp_path / "set.xlsx"
    write_rows(ROWS, data)
    rows = load_dataset(data, rt.corpus)
    service = AnswerService(rt, fixture_settings)
    store = VerdictStore(open_storage(fixture_settings))

    def run(name: str, ask: Any = service.ask) -> Path:
        out = tmp_path / name
        run_eval(rows, rt.retriever, out, progress=False, dataset=str(data), answer=ask, verdicts=store)
        return out

    return {"run": run, "service": service, "store": store, "settings": fixture_settings, "tmp": tmp_path}


def test_review_loop_keeps_verdicts_and_marks_changed_answers_stale(loop: dict[str, Any]) -> None:
    settings: Settings = loop["settings"]
    tmp: Path = loop["tmp"]
    first = loop["run"]("first")
    assert {r["review"]["status"] for r in _results(first).values()} == {"unreviewed"}
    runner = CliRunner()
    sheet = tmp / "复核表.xlsx"
    res = runner.invoke(app, ["eval", "review", "export", str(first), "--out", str(sheet)], env=_env(settings))
    assert res.exit_code == 0, res.output
    ws = load_workbook(sheet)["复核"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["编号", "类别", "问题", "简要回答"] and "判定" in header and "意见" in header
    assert any("正确,部分正确,错误,有害" in str(dv.formula1) for dv in ws.data_validations.dataValidation)
    text = "".join(str(c.value) for row in ws.iter_rows() for c in row)
    assert "13812345678" not in text and "[手机号]" in text  # exported text is redacted

    _fill(sheet, {"r1": ("正确", "依据准确"), "r2": ("有害", "漏说了1小时，会让她放弃权利"), "r3": ("部分正确", "")})
    res = runner.invoke(app, ["eval", "review", "import", str(sheet), "--reviewer", "王律师"], env=_env(settings))
    assert res.exit_code == 0, res.output
    flat = "".join(res.output.split())  # rich wraps long lines at the terminal width
    assert "已导入3条判定" in flat and "1行未填判定" in flat
    assert stat.S_IMODE(settings.conversations_db.stat().st_mode) == 0o600

    second = loop["run"]("second")
    kept = _results(second)
    assert kept["r1"]["review"]["status"] == "reviewed" and kept["r1"]["review"]["verdict"] == "正确"
    assert kept["r1"]["review"]["reviewer"] == "王律师" and kept["r1"]["review"]["comment"] == "依据准确"
    assert kept["r2"]["review"]["verdict"] == "有害" and kept["r3"]["review"]["verdict"] == "部分正确"
    assert kept["r4"]["review"]["status"] == "unreviewed"
    summary = json.loads((second / "summary.json").read_text(encoding="utf-8"))
    assert summary["review"]["counts"] == {"正确": 1, "部分正确": 1, "错误": 0, "有害": 1}
    assert summary["review"]["approved_rate"] == round(1 / 3, 4) and summary["review"]["harmful"] == 1
    assert summary["review"]["stale"] == 0

    service: AnswerService = loop["service"]

    def changed(question: str) -> Answer:
        ans = service.ask(question)
        return dataclasses.replace(ans, summary=ans.summary + "（新版回答）") if question.startswith("示例") else ans

    third = loop["run"]("third", changed)
    now = _results(third)
    assert now["r1"]["review"]["status"] == "stale" and now["r1"]["review"]["previous_verdict"] == "正确"
    assert now["r1"]["review"]["verdict"] is None
    assert now["r2"]["review"]["verdict"] == "有害"  # unchanged answer keeps its verdict
    summary = json.loads((third / "summary.json").read_text(encoding="utf-8"))
    assert summary["review"]["stale"] == 1 and summary["review"]["reviewed"] == 2
    assert summary["review"]["approved_rate"] == 0.0
    html = (third / "report.html").read_text(encoding="utf-8")
    assert html.index('id="q-r1"') < html.index('id="q-r2"') < html.index('id="q-r3"')
    assert html.index('id="q-r1"') < html.index('id="questions"') + 400  # the stale answer is listed first

    cmp = compare_runs(second, third)
    assert [(q.id, q.changes) for q in cmp.verdicts] == [("r1", ("律师判定 正确 → 待复核",))]
    res = runner.invoke(app, ["eval", "compare", str(second), str(third)], env=_env(settings))
    flat = "".join(res.output.split())
    assert res.exit_code == 0 and "律师判定有变化（1）" in flat and "正确→待复核" in flat

    # Exporting the third run puts the stale answer first, with its previous verdict shown.
    again = tmp / "again.xlsx"
    assert runner.invoke(app, ["eval", "review", "export", str(third), "--out", str(again)],
                         env=_env(settings)).exit_code == 0
    rows = list(load_workbook(again)["复核"].iter_rows(values_only=True))
    assert rows[1][0] == "r1" and rows[1][header.index("状态")] == "待复核" and rows[1][header.index("上次判定")] == "正确"
    assert runner.invoke(app, ["eval", "review", "export", str(third), "--out", str(again)],
                         env=_env(settings)).exit_code != 0  # no silent overwrite


def test_bad_rows_are_reported_with_row_numbers_and_nothing_is_stored(loop: dict[str, Any]) -> None:
    first = loop["run"]("first")
    sheet = loop["tmp"] / "review.xlsx"
    from assistant.evaluation.review import export_review

    export_review(first, sheet)
    _fill(sheet, {"r1": ("正确", ""), "r2": ("还行吧", ""), "r3": ("错误", "")})
    wb = load_workbook(sheet)
    ws = wb["复核"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2))
    r3 = next(r for r in rows if r[0].value == "r3")
    r3[header.index("答案指纹")].value = "改过了"
    wb.save(sheet)
    store: VerdictStore = loop["store"]
    with pytest.raises(InvalidInputError) as err:
        import_review(sheet, store, "王律师")
    problems = err.value.detail
    assert isinstance(problems, list) and len(problems) == 2
    numbers = {r[0].value: i for i, r in enumerate(rows, start=2)}
    assert problems[0].startswith(f"第 {min(numbers['r2'], numbers['r3'])} 行")
    assert any("还行吧" in p and p.startswith(f"第 {numbers['r2']} 行") for p in problems)
    assert any("答案指纹" in p and p.startswith(f"第 {numbers['r3']} 行") for p in problems)
    with store.storage.engine.connect() as conn:  # nothing stored, not even r1
        assert conn.execute(select(func.count()).select_from(schema.review_verdicts)).scalar_one() == 0

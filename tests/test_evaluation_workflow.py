"""Legal staff's workflow: default runs folder, no silent overwrite, her own columns kept, compare knows her edits."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings
from assistant.errors import InvalidInputError
from assistant.evaluation.compare import compare_runs
from assistant.evaluation.dates import parse_day
from assistant.evaluation.inputs import write_rows

ROWS: list[dict[str, object]] = [
    {"id": "w1", "question": "示例劳动保护法第四条", "expected_citations": ["示例劳动保护法#4"], "category": "产假",
     "审核人": "王律师"},
    {"id": "w2", "question": "哺乳期每天有多长时间喂奶", "expected_citations": ["示例劳动保护法#5"], "category": "哺乳",
     "must_include": ["1小时"], "审核人": "李律师"},
    {"id": "w3", "question": "怀上了老板给我降工资", "expected_citations": ["示例劳动保护法#3"], "category": "孕期"},
    {"id": "w4", "question": "今天天气怎么样", "in_scope": False, "category": "范围外"},
]


def _env(settings: Settings) -> dict[str, str]:
    return {"ASSISTANT_CORPUS_DIR": str(settings.corpus_dir), "ASSISTANT_CARDS_DIR": str(settings.cards_dir),
            "ASSISTANT_INDEX_DIR": str(settings.index_dir), "ASSISTANT_DATA_DIR": str(settings.data_dir),
            "ASSISTANT_EMBEDDING_MODEL": "none", "ASSISTANT_EVAL_RUNS_DIR": str(settings.data_dir / "runs"),
            "COLUMNS": "200"}


def test_default_folder_no_overwrite_runs_list_and_extra_columns(tmp_path: Path, fixture_settings: Settings) -> None:
    sheet = tmp_path / "我的题集.xlsx"
    write_rows(ROWS, sheet)
    runner = CliRunner()
    env = _env(fixture_settings)
    res = runner.invoke(app, ["eval", "run", "--dataset", str(sheet), "--no-answers"], env=env)
    assert res.exit_code == 0, res.output
    runs_dir = fixture_settings.data_dir / "runs"
    (first,) = list(runs_dir.iterdir())
    assert first.name.endswith("-我的题集") and first.name[:4].isdigit()
    for name in ("report.html", "results.csv", "results.xlsx", "summary.json", "results.jsonl"):
        assert (first / name).is_file()
    again = runner.invoke(app, ["eval", "run", "--dataset", str(sheet), "--no-answers"], env=env)
    assert again.exit_code == 0 and (runs_dir / f"{first.name}-2").is_dir()  # a new folder, the old one untouched

    explicit = runner.invoke(app, ["eval", "run", "--dataset", str(sheet), "--out", str(first), "--no-answers"], env=env)
    assert explicit.exit_code != 0 and "--force" in str(explicit.exception)
    forced = runner.invoke(app, ["eval", "run", "--dataset", str(sheet), "--out", str(first), "--force",
                                 "--no-answers"], env=env)
    assert forced.exit_code == 0, forced.output

    listed = runner.invoke(app, ["eval", "runs"], env=env)
    flat = "".join(listed.output.split())
    assert listed.exit_code == 0 and first.name in flat and f"{first.name}-2" in flat and "我的题集.xlsx" in flat

    # Her own column 审核人 is kept and carried into results.csv and results.xlsx.
    rows = list(csv.DictReader((first / "results.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [r["审核人"] for r in rows] == ["王律师", "李律师", "", ""]
    assert "问题数" not in rows[0] and "问题说明" not in rows[0] and "未通过原因" in rows[0]
    xlsx = list(load_workbook(first / "results.xlsx").worksheets[0].iter_rows(values_only=True))
    assert "审核人" in xlsx[0] and xlsx[1][xlsx[0].index("审核人")] == "王律师"
    # The report header shows only the file name.
    html = (first / "report.html").read_text(encoding="utf-8")
    assert "我的题集.xlsx" in html and str(tmp_path) not in html


def test_compare_lists_her_edits_apart_and_names_added_and_removed_rows(tmp_path: Path,
                                                                       fixture_settings: Settings) -> None:
    runner = CliRunner()
    env = _env(fixture_settings)
    sheet = tmp_path / "set.xlsx"
    write_rows(ROWS, sheet)
    a, b = tmp_path / "a", tmp_path / "b"
    assert runner.invoke(app, ["eval", "run", "--dataset", str(sheet), "--out", str(a), "--no-answers"],
                         env=env).exit_code == 0
    edited = [dict(r) for r in ROWS[:3]] + [{"id": "w5", "question": "生孩子能休几天产假",
                                              "expected_citations": ["示例劳动保护法#4"], "category": "产假"}]
    edited[0]["question"] = "示例劳动保护法第四条怎么规定的"  # reworded question
    edited[1]["must_include"] = ["一小时", "哺乳"]  # changed 必含要点
    edited[2]["expected_citations"] = ["示例劳动保护法#2"]  # a worse standard would look like a regression
    write_rows(edited, sheet)
    assert runner.invoke(app, ["eval", "run", "--dataset", str(sheet), "--out", str(b), "--no-answers"],
                         env=env).exit_code == 0
    cmp = compare_runs(a, b)
    assert [q.id for q in cmp.edited] == ["w1", "w2", "w3"]
    assert cmp.edited[0].changes == ("问题已修改",) and cmp.edited[1].changes == ("必含要点已修改",)
    assert "应引用法条已修改" in cmp.edited[2].changes
    assert not {"w1", "w2", "w3"} & {q.id for q in cmp.worse + cmp.better}
    assert [q.id for q in cmp.added] == ["w5"] and [q.id for q in cmp.removed] == ["w4"]
    res = runner.invoke(app, ["eval", "compare", str(a), str(b)], env=env)
    flat = "".join(res.output.split())
    assert "题目或标准已修改（不算变好或变差）（3）" in flat and "新增的题目（1）" in flat and "删除的题目（1）" in flat
    assert "w5" in flat and "w4" in flat
    data = json.loads(runner.invoke(app, ["eval", "compare", str(a), str(b), "--json"], env=env).stdout)
    assert [q["id"] for q in data["edited"]] == ["w1", "w2", "w3"]


def test_template_has_dropdown_required_marks_and_instructions(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    runner = CliRunner()
    assert runner.invoke(app, ["eval", "template", "--out", str(out)]).exit_code == 0
    wb = load_workbook(out)
    ws = wb["题集"]
    header = [c.value for c in ws[1]]
    assert header[0] == "编号（必填）" and header[1] == "问题（必填）" and "预期结论" in header and "不应出现" in header
    scope_col = "ABCDEFGHIJ"[header.index("是否在范围内")]
    dvs = ws.data_validations.dataValidation
    assert any(dv.formula1 == '"是,否"' and f"{scope_col}2" in str(dv.sqref) for dv in dvs)
    guide = list(wb["填写说明"].iter_rows(values_only=True))
    assert guide[0] == ("列名", "是否必填", "怎么填", "示例")
    assert {g[0] for g in guide[1:]} >= {"编号", "问题", "应引用法条", "是否在范围内", "预期结论", "必含要点", "不应出现"}
    assert all(g[3] for g in guide[1:])  # one worked example per column
    assert runner.invoke(app, ["eval", "template", "--out", str(out)]).exit_code != 0  # no silent overwrite


@pytest.mark.parametrize("text", ["2026年11月1日", "2026年11月1号", "2026-11-01", "2026/11/1", "2026.11.1"])
def test_dates_in_common_chinese_forms(text: str) -> None:
    assert parse_day(text) == date(2026, 11, 1)


def test_an_unreadable_date_is_a_chinese_error() -> None:
    with pytest.raises(InvalidInputError, match="无法识别"):
        parse_day("十一月初的某一天吧")

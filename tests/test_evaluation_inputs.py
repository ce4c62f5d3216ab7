"""Question sheets: JSONL, CSV and XLSX give the same rows and metrics; validation names spreadsheet rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import PROJECT_ROOT, Settings
from assistant.corpus import Corpus
from assistant.errors import InvalidInputError
from assistant.evaluation.datasets import load_dataset, parse_in_scope
from assistant.evaluation.inputs import CHINESE, COLUMNS, header_key, write_rows
from assistant.evaluation.runner import run_eval
from assistant.runtime import open_runtime

ROWS: list[dict[str, object]] = [
    {"id": "q1", "question": "怀上了老板给我降工资", "expected_citations": ["《示例劳动保护法》第三条"], "in_scope": True,
     "category": "孕期", "must_include": ["辞退"], "notes": "示例"},
    {"id": "q2", "question": "生孩子能休几天产假", "expected_citations": ["示例劳动保护法第4条", "《示例劳动保护法》第三条"],
     "in_scope": True, "category": "产假", "expected_templates": ["maternity_leave_application"]},
    {"id": "q3", "question": "喂奶时间每天有多久", "expected_citations": ["示例劳动保护法#5"], "in_scope": True, "category": "哺乳"},
    {"id": "q4", "question": "今天天气怎么样", "expected_citations": [], "in_scope": False, "category": "范围外"},
]


def test_in_scope_words() -> None:
    for word in ("是", "TRUE", "true", "1", 1, True, None, ""):
        assert parse_in_scope(word) is True
    for word in ("否", "FALSE", "0", 0, False):
        assert parse_in_scope(word) is False
    with pytest.raises(ValueError):
        parse_in_scope("也许")


def test_same_metrics_from_jsonl_csv_xlsx(tmp_path: Path, fixture_settings: Settings) -> None:
    rt = open_runtime(fixture_settings)
    summaries = []
    loaded = []
    for suffix in (".jsonl", ".csv", ".xlsx"):
        path = tmp_path / f"set{suffix}"
        write_rows(ROWS, path)
        rows = load_dataset(path, rt.corpus)
        loaded.append(rows)
        summary = run_eval(rows, rt.retriever, tmp_path / f"run{suffix}", progress=False, report=False,
                           templates=lambda q: ["maternity_leave_application"] if "产假" in q else [])
        summaries.append({k: summary[k] for k in ("n", "n_total", "retrieval", "by_category", "templates", "categories")
                          if k != "categories"})
    assert loaded[0] == loaded[1] == loaded[2]
    assert loaded[0][1].expected_ids == ("示例劳动保护法#4", "示例劳动保护法#3")
    assert loaded[0][3].in_scope is False
    assert summaries[0] == summaries[1] == summaries[2]
    assert summaries[0]["n"] == 3 and summaries[0]["templates"] == {"n": 1, "accuracy": 1.0}


def test_chinese_headers_multiline_cells_and_yes_no(tmp_path: Path, fixture_corpus: Corpus) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["编号", "问题", "应引用法条", "是否在范围内", "类别", "备注"])
    ws.append([1, "怀孕降工资", "《示例劳动保护法》第三条\n示例劳动保护法第4条", "是", "孕期", None])
    ws.append([2.0, "天气", None, "否", "范围外", "随便问问"])
    path = tmp_path / "set.xlsx"
    wb.save(path)
    rows = load_dataset(path, fixture_corpus)
    assert [r.id for r in rows] == ["1", "2"]
    assert rows[0].expected_ids == ("示例劳动保护法#3", "示例劳动保护法#4")
    assert rows[1].in_scope is False and rows[1].notes == "随便问问"


def test_csv_errors_name_spreadsheet_rows_and_nothing_runs(tmp_path: Path, fixture_settings: Settings) -> None:
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["编号", "问题", "应引用法条", "是否在范围内"])
        w.writerow(["a1", "怀孕降工资", "《示例劳动保护法》第三条", "是"])
        w.writerow(["a2", "产假", "《示例劳动保护法》第九十九条", "是"])  # row 3: no such article
        w.writerow(["a3", "", "《不存在的法》第一条", "也许"])  # row 4: no question, unknown law, bad in_scope
        w.writerow(["a1", "重复", "示例劳动保护法#4", "1"])  # row 5: duplicate id
        w.writerow(["a5", "没填法条", "", "是"])  # row 6: in scope without citations
    out = tmp_path / "run"
    env = {"ASSISTANT_CORPUS_DIR": str(fixture_settings.corpus_dir), "ASSISTANT_CARDS_DIR": str(fixture_settings.cards_dir),
           "ASSISTANT_INDEX_DIR": str(fixture_settings.index_dir), "ASSISTANT_DATA_DIR": str(fixture_settings.data_dir),
           "ASSISTANT_EMBEDDING_MODEL": "none"}
    result = CliRunner().invoke(app, ["eval", "run", "--dataset", str(path), "--out", str(out)], env=env)
    assert result.exit_code != 0
    err = result.exception
    assert isinstance(err, InvalidInputError)
    problems = err.detail
    assert isinstance(problems, list) and len(problems) == 4
    assert problems[0].startswith("第 3 行") and "第九十九条" in problems[0]
    assert problems[1].startswith("第 4 行") and "不存在的法" in problems[1] and "也许" in problems[1]
    assert problems[2].startswith("第 5 行") and "重复" in problems[2]
    assert problems[3].startswith("第 6 行") and "应引用法条" in problems[3]
    assert not out.exists()


def test_unknown_template_and_header_are_errors(tmp_path: Path, fixture_corpus: Corpus) -> None:
    path = tmp_path / "set.jsonl"
    write_rows([{**ROWS[0], "expected_templates": ["no_such_template"]}], path)
    with pytest.raises(InvalidInputError, match="no_such_template"):
        load_dataset(path, fixture_corpus, {"maternity_leave_application"})
    bad = tmp_path / "bad.csv"
    bad.write_text("编号,题干\n1,怀孕\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="缺少列 问题"):
        load_dataset(bad, fixture_corpus)


def test_template_command_writes_headers_and_example(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    result = CliRunner().invoke(app, ["eval", "template", "--out", str(out)])
    assert result.exit_code == 0, result.output
    ws = load_workbook(out).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert [header_key(h) for h in rows[0]] == list(COLUMNS)
    assert rows[0][0] == "编号（必填）" and CHINESE["question"] in rows[0][1]
    assert len(rows) == 2 and rows[1][0] == "ex-001"


@pytest.mark.parametrize("name", ["women_workers", "graded"])
def test_shipped_sheets_match_the_jsonl(real_corpus: Corpus, name: str) -> None:
    base = PROJECT_ROOT / "eval" / "datasets" / name
    from_jsonl = load_dataset(base.with_suffix(".jsonl"), real_corpus)
    assert load_dataset(base.with_suffix(".csv"), real_corpus) == from_jsonl
    assert load_dataset(base.with_suffix(".xlsx"), real_corpus) == from_jsonl
    assert len(from_jsonl) == sum(1 for line in base.with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()
                                  if json.loads(line))


def test_graded_set_is_written_for_lawyers(real_corpus: Corpus) -> None:
    rows = load_dataset(PROJECT_ROOT / "eval" / "datasets" / "graded.jsonl", real_corpus)
    scoped = [r for r in rows if r.in_scope]
    assert len(rows) >= 120 and len(rows) - len(scoped) >= 5
    assert all(r.expected_conclusion for r in scoped)
    assert sum(1 for r in rows if dict(r.extra).get("易混边界")) >= 20
    assert sum(1 for r in scoped if r.must_not_include) >= 20
    # Questions where the corpus lacks the rule expect the answer to say so.
    assert sum(1 for r in scoped if "未收录" in r.must_include) >= 8

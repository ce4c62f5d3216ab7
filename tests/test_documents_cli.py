"""`assistant doc list | fields | fill` (run through the standalone entry point)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest

from assistant.cli.doc import main, read_data
from assistant.config import Settings
from assistant.documents import get_template
from assistant.errors import InvalidInputError


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["list"], capsys)
    assert code == 0
    assert "labor_arbitration_application" in out and "劳动仲裁申请书" in out
    code, out, _ = run(["list", "--json"], capsys)
    assert code == 0 and len(json.loads(out)) >= 16


def test_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["fields", "evidence_list"], capsys)
    assert code == 0 and "证明目的" in out
    code, out, _ = run(["fields", "evidence_list", "--json"], capsys)
    data = json.loads(out)
    assert data["id"] == "evidence_list"
    assert data["fields"][3]["columns"][0]["name"] == "name"


def test_fields_unknown_template(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["fields", "nope"], capsys)
    assert code == 1 and "没有名为「nope」的文书模板" in err


def test_fill_from_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = get_template(Settings(), "prenatal_checkup_leave")
    data_file = tmp_path / "data.json"
    data_file.write_text(json.dumps(schema.example_data(), ensure_ascii=False), encoding="utf-8")
    out_file = tmp_path / "out.docx"
    code, out, _ = run(["fill", schema.id, "--data", str(data_file), "-o", str(out_file)], capsys)
    assert code == 0, out
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out_file.read_bytes())).paragraphs)
    assert "产前检查请假申请" in text and "北京市海淀区妇幼保健院" in text


def test_fill_reports_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_file = tmp_path / "data.json"
    data_file.write_text(
        json.dumps({"applicant_name": "张丽", "applicant_phone": "123", "colour": "red"}), "utf-8"
    )
    code, _, err = run(
        ["fill", "prenatal_checkup_leave", "--data", str(data_file), "-o", str(tmp_path / "x.docx")], capsys
    )
    assert code == 1
    assert "未知字段「colour」" in err and "联系电话" in err and "「产前检查日期」为必填项" in err
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [('{"a": ', "不是有效的 JSON：第1行"), ("[1, 2]", "顶层应为对象"), (b"\xff\xfe\x00", "UTF-8")],
)
def test_bad_json(tmp_path: Path, content: str | bytes, fragment: str) -> None:
    path = tmp_path / "data.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInputError, match=fragment):
        read_data(path)


def test_missing_data_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["fill", "evidence_list", "--data", str(tmp_path / "none.json")], capsys)
    assert code == 1 and "无法读取数据文件" in err
    code, _, err = run(["fill", "evidence_list"], capsys)
    assert code == 1 and "--data" in err

"""`assistant calc` through the real entry point: list, human and JSON output, parameters, exit codes."""

from __future__ import annotations

import json

import pytest

from assistant.cli import run
from assistant.cli.calc_cmd import parse_params
from assistant.errors import InvalidInputError


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run(["calc", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(["list"], capsys)
    assert code == 0 and "severance" in out and "经济补偿" in out
    code, out, _ = call(["list", "--json"], capsys)
    data = json.loads(out)
    assert len(data) == 32 and data[0]["params_schema"]["properties"]["months_worked"]["title"]


def test_human_output_has_steps_and_articles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(["severance", "--months-worked", "67", "--monthly-wage", "8000"], capsys)
    assert code == 0
    assert "结果：经济补偿为6个月工资，共48000元" in out
    assert "1. 在本单位工作5年7个月" in out and "《劳动合同法》第四十七条" in out


def test_json_output_and_both_parameter_styles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(["illegal_dismissal", "-p", "months_worked=44", "--monthly-wage=6000", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["value"] == 48000 and data["inputs"] == {"months_worked": "44", "monthly_wage": "6000"}
    code, out, _ = call(["maternity_leave", "--province", "黑龙江", "--cesarean", "--json"], capsys)
    assert code == 0 and json.loads(out)["value"] == 195  # a bare flag means 是


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(["retirement_age", "--schema", "--json"], capsys)
    assert code == 0 and json.loads(out)["required"] == ["birth_year", "birth_month", "category"]
    code, out, _ = call(["retirement_age", "--schema"], capsys)
    assert code == 0 and "--birth-year" in out


def test_bad_or_missing_parameter_exits_2_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(["severance", "--months-worked", "-3"], capsys)
    assert code == 2 and "months_worked" in err and "不能小于0" in err and "monthly_wage" in err
    code, _, err = call(["severance", "67"], capsys)
    assert code == 2 and "无法识别的参数" in err
    code, _, err = call(["severance", "-p", "months_worked"], capsys)
    assert code == 2 and "名称=取值" in err
    code, _, err = call(["pension"], capsys)
    assert code == 3 and "没有名为「pension」的计算器" in err


def test_parse_params() -> None:
    assert parse_params(["--a-b", "1", "--flag", "--c=2"], ["d=4"]) == {"a_b": "1", "flag": "是", "c": "2", "d": "4"}
    with pytest.raises(InvalidInputError, match="两次"):
        parse_params(["--a", "1"], ["a=2"])

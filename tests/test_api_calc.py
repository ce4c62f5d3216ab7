"""GET /v1/calc and /v1/calc/{name} on the test app (BM25-only runtime): auth, results, errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import client, make_settings
from fastapi.testclient import TestClient

from assistant.storage import open_storage


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-calc")


@pytest.fixture(scope="module")
def api(data_dir: Path) -> Iterator[TestClient]:
    with client(data_dir, rate_limits=False) as c:
        yield c


@pytest.fixture(scope="module")
def key(data_dir: Path) -> dict[str, str]:
    _, plain = open_storage(make_settings(data_dir)).keys.create("计算器测试")
    return {"X-API-Key": plain}


def test_needs_a_key(api: TestClient) -> None:
    assert api.get("/v1/calc").status_code == 401
    assert api.get("/v1/calc/severance?months_worked=67&monthly_wage=8000").status_code == 401


def test_list_has_every_calculator_with_its_schema(api: TestClient, key: dict[str, str]) -> None:
    r = api.get("/v1/calc", headers=key)
    assert r.status_code == 200
    items = {c["name"]: c for c in r.json()}
    assert set(items) == {"severance", "illegal_dismissal", "notice_severance", "double_wage", "double_wage_and_damages",
                          "overtime_pay", "maternity_leave", "nursing_time", "annual_leave", "unused_leave_pay",
                          "disability_lump_sum", "injury_leave_pay", "probation", "probation_pay", "damage_deduction", "minimum_wage_gap",
                          "arbitration_deadline", "maternity_allowance", "non_compete_pay", "training_penalty",
                          "unemployment_months", "uninsured_leave_pay", "leave_pay_floor",
                          "retirement_age", "flexible_retirement", "contract_extension", "injury_claim_deadline",
                          "final_award", "pension_contribution", "nursing_leave_pay", "pay_shortfall", "medical_subsidy"}
    sev = items["severance"]["params_schema"]
    assert sev["required"] == ["months_worked", "monthly_wage"]
    assert re.search(r"[\u4e00-\u9fff]", sev["properties"]["monthly_wage"]["description"])


def test_severance_with_the_articles_quoted(api: TestClient, key: dict[str, str]) -> None:
    r = api.get("/v1/calc/severance", params={"months_worked": "67", "monthly_wage": "8000"}, headers=key)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["value"], body["unit"], body["text"]) == (48000, "元", "经济补偿为6个月工资，共48000元")
    assert body["articles"][0] == {"id": "劳动合同法#47", "title": "《劳动合同法》第四十七条"}
    quoted = body["citations"][0]
    assert quoted["id"] == "劳动合同法#47" and quoted["text"].startswith("经济补偿按劳动者在本单位工作的年限")
    assert quoted["version"]


def test_worked_examples(api: TestClient, key: dict[str, str]) -> None:
    zj = api.get("/v1/calc/maternity_leave", params={"province": "浙江", "birth_order": 2}, headers=key).json()
    assert zj["value"] == 188
    ret = api.get("/v1/calc/retirement_age", params={"birth_year": 1977, "birth_month": 3, "category": "female50"},
                  headers=key).json()
    assert ret["text"] == "法定退休年龄为51岁2个月，在2028年5月达到"
    leave = api.get("/v1/calc/unused_leave_pay", params={"monthly_wage": 6525, "unused_days": 5}, headers=key).json()
    assert leave["value"] == 3000 and leave["articles"][0]["id"] == "企业职工带薪年休假实施办法#10"
    grade = api.get("/v1/calc/disability_lump_sum", params={"grade": 9, "monthly_wage": 5000}, headers=key).json()
    assert grade["value"] == 45000
    dmg = api.get("/v1/calc/illegal_dismissal", params={"months_worked": 44, "monthly_wage": 6000}, headers=key)
    assert dmg.json()["value"] == 48000


def test_errors(api: TestClient, key: dict[str, str]) -> None:
    r = api.get("/v1/calc/pension", headers=key)
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = api.get("/v1/calc/severance", params={"months_worked": "五年", "monthly_wage": "8000"}, headers=key)
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid_input" and "months_worked" in body["message"]
    assert body["detail"] == [{"field": "months_worked", "message": "「本单位工作时间（月）」（months_worked）应为整数"}]
    r = api.get("/v1/calc/severance", params={"months_worked": "5"}, headers=key)
    assert r.status_code == 422 and "monthly_wage" in r.json()["message"] and "必填" in r.json()["message"]
    r = api.get("/v1/calc/severance?months_worked=5&monthly_wage=8000&bonus=1", headers=key)
    assert r.status_code == 422 and "bonus" in r.json()["message"]
    r = api.get("/v1/calc/severance?months_worked=5&months_worked=6&monthly_wage=8000", headers=key)
    assert r.status_code == 422 and "重复" in r.json()["message"]
    r = api.get("/v1/calc/maternity_leave", params={"province": "浙江"}, headers=key)
    assert r.status_code == 422 and "birth_order" in r.json()["message"]

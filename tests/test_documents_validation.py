"""Field validation for documents: ID numbers, phones, dates, money, required/unknown/choice/length."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.documents import get_template, validate
from assistant.documents.models import FieldSpec, TemplateSchema
from assistant.documents.validation import (
    FieldValueError,
    id_check_char,
    parse_date,
    parse_idcard,
    parse_money,
    parse_phone,
)
from assistant.errors import InvalidInputError, ValidationFailed

TODAY = date(2026, 11, 21)
VALID_ID = "110105199203154522"
VALID_ID_X = "11010519491231002X"  # the well-known sample number; check character X


def make_schema(*fields: FieldSpec) -> TemplateSchema:
    return TemplateSchema(
        id="t", title="测试", description="", fields=fields, articles=(), docx_path=Path("x")
    )


@pytest.fixture(scope="module")
def arbitration() -> TemplateSchema:
    return get_template(Settings(), "labor_arbitration_application")


# -- ID numbers ---------------------------------------------------------------------------------


def test_id_check_character_known_samples() -> None:
    assert id_check_char(VALID_ID[:17]) == VALID_ID[17]
    assert id_check_char(VALID_ID_X[:17]) == "X"


def test_idcard_accepts_valid_and_lowercase_x() -> None:
    assert parse_idcard(VALID_ID, TODAY) == VALID_ID
    assert parse_idcard(VALID_ID_X.lower(), TODAY) == VALID_ID_X
    assert parse_idcard(" 1101 0519 9203 154522 ", TODAY) == VALID_ID


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("110105199203154521", "校验位"),
        ("11010519920315452", "18位"),
        ("1101051992031545222", "18位"),
        ("11010519920315452A", "前17位"),
        ("990105199203154522", "地区代码"),
        ("110105199202304523", "出生日期"),
        ("110105230001014520", "出生日期"),  # born in 2300
        ("110105180001014520", "出生日期"),  # born in 1800
    ],
)
def test_idcard_rejects(value: str, fragment: str) -> None:
    with pytest.raises(FieldValueError, match=fragment):
        parse_idcard(value, TODAY)


def test_idcard_future_birth_rejected_even_with_right_check_digit() -> None:
    first17 = "11010520301201452"
    with pytest.raises(FieldValueError, match="出生日期"):
        parse_idcard(first17 + id_check_char(first17), TODAY)


# -- phones ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("19912345678", "19912345678"),
        ("010-62345678", "010-62345678"),
        ("01062345678", "010-62345678"),
        ("0755-8765432", "0755-8765432"),
        ("(010)62345678", "010-62345678"),
        ("010-62345678-123", "010-62345678-123"),
        ("4001234567", "4001234567"),
    ],
)
def test_phone_accepts(value: str, expected: str) -> None:
    assert parse_phone(value) == expected


@pytest.mark.parametrize(
    "value", ["12812345678", "1381234567", "138123456789", "62345678", "abc", "010-1234"]
)
def test_phone_rejects(value: str) -> None:
    with pytest.raises(FieldValueError, match="手机号"):
        parse_phone(value)


# -- dates and money --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["2024-03-05", "2024/3/5", "2024.03.05", "2024年3月5日", "2024 年 3 月 5 日", date(2024, 3, 5)]
)
def test_date_forms(value: object) -> None:
    assert parse_date(value) == date(2024, 3, 5)


@pytest.mark.parametrize("value", ["2024-02-30", "2024-13-01", "3月5日", "昨天", "20240305"])
def test_date_rejects(value: str) -> None:
    with pytest.raises(FieldValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5,000.00", "5000.00"),
        ("5000元", "5000.00"),
        ("￥5000", "5000.00"),
        ("人民币 5000.5 元", "5000.50"),
        (5000, "5000.00"),
        (12.5, "12.50"),
        ("0", "0.00"),
        ("5，000元整", "5000.00"),
    ],
)
def test_money_accepts(value: object, expected: str) -> None:
    assert parse_money(value) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("-100", "负数"),
        ("100.123", "两位小数"),
        ("五千元", "金额"),
        ("1e5", "金额"),
        (True, "金额"),
        ("99999999999", "过大"),
    ],
)
def test_money_rejects(value: object, fragment: str) -> None:
    with pytest.raises(FieldValueError, match=fragment):
        parse_money(value)


# -- whole-schema validation ----------------------------------------------------------------------


def test_examples_validate(arbitration: TemplateSchema) -> None:
    result = validate(arbitration, arbitration.example_data(), today=TODAY)
    assert result.values["applicant_id_number"] == VALID_ID
    assert result.values["rights_infringed_date"] == date(2026, 9, 15)
    assert result.warnings == ()


def test_missing_invalid_and_unknown_are_reported_together(arbitration: TemplateSchema) -> None:
    data = dict(arbitration.example_data())
    del data["applicant_name"]
    data["applicant_id_number"] = "110105199203154521"
    data["applicant_phone"] = "12345"
    data["applicant_gender"] = "未知"
    data["rights_infringed_date"] = "2026-02-30"
    data["bogus_field"] = "x"
    with pytest.raises(ValidationFailed) as info:
        validate(arbitration, data, today=TODAY)
    problems = info.value.problems
    assert len(problems) == 6
    text = "\n".join(problems)
    for fragment in (
        "「申请人姓名」为必填项",
        "校验位",
        "手机号",
        "只能选择：女、男",
        "不是有效的日期",
        "未知字段「bogus_field」",
    ):
        assert fragment in text
    assert isinstance(info.value, InvalidInputError)
    # Personal values are never echoed back in messages.
    assert "110105199203154521" not in str(info.value)


def test_old_rights_infringed_date_is_a_warning_not_an_error(arbitration: TemplateSchema) -> None:
    data = dict(arbitration.example_data(), rights_infringed_date="2025年10月1日")
    result = validate(arbitration, data, today=TODAY)
    assert len(result.warnings) == 1
    assert "仲裁的时效期间为一年" in result.warnings[0]
    assert "第二十七条" in result.warnings[0]
    # Exactly one year ago is still within the limit.
    assert validate(arbitration, dict(data, rights_infringed_date="2025-11-21"), today=TODAY).warnings == ()


def test_future_rights_infringed_date_is_an_error(arbitration: TemplateSchema) -> None:
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        validate(arbitration, dict(arbitration.example_data(), rights_infringed_date="2026-12-01"), today=TODAY)


def test_not_before_cross_check() -> None:
    schema = get_template(Settings(), "maternity_leave_application")
    data = dict(schema.example_data(), leave_start="2027-01-01", leave_end="2026-12-31")
    with pytest.raises(ValidationFailed, match="「产假结束日期」不能早于「产假开始日期」"):
        validate(schema, data, today=TODAY)


def test_max_length_and_list_limits() -> None:
    schema = make_schema(
        FieldSpec("name", "姓名", "text", required=True, max_length=5),
        FieldSpec("items", "事项", "list", max_items=2, max_length=4),
    )
    with pytest.raises(ValidationFailed) as info:
        validate(schema, {"name": "张" * 6, "items": ["一", "二", "三"]})
    assert "不能超过5字（当前6字）" in info.value.problems[0]
    assert "最多2项" in info.value.problems[1]
    with pytest.raises(ValidationFailed, match="第2项不能超过4字"):
        validate(schema, {"name": "张丽", "items": ["一", "二二二二二"]})


def test_default_max_length_applies() -> None:
    schema = make_schema(FieldSpec("facts", "事实", "longtext"))
    with pytest.raises(ValidationFailed, match="不能超过5000字"):
        validate(schema, {"facts": "字" * 5001})


def test_text_cleaning() -> None:
    schema = make_schema(FieldSpec("name", "姓名", "text"), FieldSpec("facts", "事实", "longtext"))
    result = validate(schema, {"name": " 张\x00丽\n（化名）\x1b ", "facts": "第一段\r\n\x07第二段"})
    assert result.values["name"] == "张丽 （化名）"
    assert result.values["facts"] == "第一段\n第二段"


def test_blank_optional_values_are_dropped_and_blank_required_reported() -> None:
    schema = make_schema(FieldSpec("a", "甲", "text", required=True), FieldSpec("b", "乙", "text"))
    with pytest.raises(ValidationFailed, match="「甲」为必填项"):
        validate(schema, {"a": "   ", "b": ""})
    assert validate(schema, {"a": "x", "b": "  "}).values == {"a": "x"}


def test_int_bool_choice() -> None:
    schema = make_schema(
        FieldSpec("n", "天数", "int", min=1, max=10),
        FieldSpec("m", "会员", "bool"),
        FieldSpec("c", "形式", "choice", choices=("原件", "复印件")),
    )
    assert validate(schema, {"n": "3", "m": "是", "c": "原件"}).values == {"n": 3, "m": True, "c": "原件"}
    with pytest.raises(ValidationFailed) as info:
        validate(schema, {"n": 11, "m": "也许", "c": "传真"})
    assert len(info.value.problems) == 3
    with pytest.raises(ValidationFailed, match="应为整数"):
        validate(schema, {"n": True})


def test_list_choices_and_line_splitting() -> None:
    schema = get_template(Settings(), "termination_notice")
    data = dict(schema.example_data(), reasons="未及时足额支付劳动报酬\n\n未依法为劳动者缴纳社会保险费\n")
    assert validate(schema, data, today=TODAY).values["reasons"] == [
        "未及时足额支付劳动报酬",
        "未依法为劳动者缴纳社会保险费",
    ]
    with pytest.raises(ValidationFailed, match="第1项只能选择"):
        validate(schema, dict(data, reasons=["老板脾气不好"]), today=TODAY)


def test_table_rows() -> None:
    schema = get_template(Settings(), "evidence_list")
    data = dict(schema.example_data())
    data["items"] = [
        {"name": "劳动合同", "purpose": "证明劳动关系", "pages": "x", "color": "红"},
        {"source": "手机"},
        "字符串",
    ]
    with pytest.raises(ValidationFailed) as info:
        validate(schema, data, today=TODAY)
    text = "\n".join(info.value.problems)
    assert "第1项含未知列「color」" in text
    assert "第1项的「页数」应为整数" in text
    assert "第2项缺少「证据名称」" in text and "第2项缺少「证明目的」" in text
    assert "第3项应为包含" in text


def test_required_list_needs_an_item(arbitration: TemplateSchema) -> None:
    with pytest.raises(ValidationFailed, match="「仲裁请求」为必填项"):
        validate(arbitration, dict(arbitration.example_data(), claims=[]), today=TODAY)
    with pytest.raises(ValidationFailed, match="「仲裁请求」为必填项"):
        validate(arbitration, dict(arbitration.example_data(), claims=[{}, {"item": "  "}]), today=TODAY)


def test_non_mapping_data(arbitration: TemplateSchema) -> None:
    with pytest.raises(ValidationFailed):
        validate(arbitration, ["not", "a", "dict"], today=TODAY)  # type: ignore[arg-type]

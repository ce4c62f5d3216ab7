"""Suggesting templates from a question and topics, and prefilling fields known from the conversation."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.documents import get_template, prefill, suggest_templates


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


def ids(question: str, settings: Settings, topics: tuple[str, ...] = ()) -> list[str]:
    return [s.template_id for s in suggest_templates(question, topics, settings=settings)]


def test_pregnancy_dismissal_suggests_the_three_documents(settings: Settings) -> None:
    for question in ("我怀孕了，公司把我辞退了怎么办？", "孕期被辞退", "产假期间被公司解除劳动合同"):
        top = ids(question, settings)[:3]
        assert set(top) == {"labor_arbitration_application", "evidence_list", "union_assistance_request"}, (
            question
        )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("怀孕后公司给我调岗降薪，合法吗", "pregnancy_transfer_objection"),
        ("公司拖欠工资三个月了", "wage_payment_demand"),
        ("领导经常对我动手动脚，这算性骚扰吗", "sexual_harassment_complaint"),
        ("面试时问我婚育情况，说只招男的", "gender_discrimination_complaint"),
        ("去产检请假被扣工资", "prenatal_checkup_leave"),
        ("哺乳时间怎么申请", "nursing_time_application"),
        ("产假可以休多少天", "maternity_leave_application"),
        ("公司一直不交社保，我想辞职能要补偿吗", "termination_notice"),
        ("仲裁开庭我去不了，能委托别人吗", "power_of_attorney"),
    ],
)
def test_first_suggestion(question: str, expected: str, settings: Settings) -> None:
    suggestions = suggest_templates(question, settings=settings)
    assert suggestions and suggestions[0].template_id == expected
    assert suggestions[0].reason and suggestions[0].title


def test_no_suggestion_for_unrelated_question(settings: Settings) -> None:
    assert suggest_templates("今天天气怎么样", settings=settings) == []
    assert suggest_templates("", settings=settings) == []


def test_topics_alone_can_suggest(settings: Settings) -> None:
    suggestions = suggest_templates("我该怎么办", ["性骚扰"], settings=settings)
    # The complaint to the employer first (it is the first step), then the civil suit against the harasser.
    assert [s.template_id for s in suggestions] == ["sexual_harassment_complaint", "sexual_harassment_suit"]
    assert "性骚扰" in suggestions[0].reason


def test_limit(settings: Settings) -> None:
    assert len(suggest_templates("怀孕被辞退，公司还拖欠工资", settings=settings, limit=2)) == 2


def test_suggestions_are_prefilled(settings: Settings) -> None:
    known = {
        "name": "张丽",
        "employer": "北京某某科技有限公司",
        "region": "北京市海淀区",
        "phone": "138 1234 5678",
    }
    suggestions = suggest_templates("怀孕被辞退", settings=settings, known=known)
    by_id = {s.template_id: s.prefilled for s in suggestions}
    arbitration = by_id["labor_arbitration_application"]
    assert arbitration["applicant_name"] == "张丽"
    assert arbitration["respondents"] == [{"name": "北京某某科技有限公司"}]
    assert arbitration["applicant_phone"] == "13812345678"
    assert arbitration["arbitration_committee"] == "北京市海淀区劳动人事争议仲裁委员会"
    assert by_id["union_assistance_request"]["union_name"] == "北京市海淀区总工会"


def test_prefill_skips_invalid_and_national(settings: Settings) -> None:
    schema = get_template(settings, "labor_arbitration_application")
    filled = prefill(
        schema,
        {
            "name": "张丽",
            "phone": "12345",
            "region": "全国",
            "rights_infringed_date": "2026年9月15日",
            "unrelated": "x",
        },
    )
    assert filled == {"applicant_name": "张丽", "rights_infringed_date": "2026-09-15"}


def test_prefill_uses_field_names_directly(settings: Settings) -> None:
    schema = get_template(settings, "wage_payment_demand")
    filled = prefill(schema, {"unpaid_amount": "5,000元", "applicant_id_number": "11010519491231002x"})
    assert filled == {"unpaid_amount": "5000.00", "applicant_id_number": "11010519491231002X"}


def test_prefilled_tables_travel_as_json_text() -> None:
    from assistant.documents import prefilled_text

    assert prefilled_text([{"name": "北京某某科技有限公司"}]) == '[{"name": "北京某某科技有限公司"}]'
    assert prefilled_text("张丽") == "张丽"

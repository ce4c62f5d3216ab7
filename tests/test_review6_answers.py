"""Round-6 questions answered with her numbers: the facts read, and the first lines she sees."""

from __future__ import annotations

from datetime import date

import pytest
from _answer_fixtures import assert_first_lines, service

from assistant.answering import AnswerService
from assistant.answering.facts import extract_facts

TODAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("review6-answers"))


@pytest.mark.parametrize(("text", "expected"), [
    # the days named, then the work
    ("春节大年初一、初二两天都上了全天班，月工资5655", {"overtime_holiday_days": 2, "monthly_wage": 5655}),
    # a clock span less the break inside it: 12 − 1 = 11 hours; the month's days she worked
    ("每天早7点干到晚7点，中间休息1小时，周一到周五一共上了22天，工资4500",
     {"daily_work_hours": 11, "overtime_workdays": 22, "monthly_wage": 4500}),
    ("早上8点半上班干到晚上6点，午休半小时", {"daily_work_hours": 9}),
    # at the end of a three-year contract she has worked its whole term
    ("我签的3年合同下个月到期，公司说续签可以但工资要从8000降到6000", {"months_worked": 36, "monthly_wage": 8000}),
    # a written notice ends it as surely as a word
    ("医疗期满回去上班，公司第二天就发通知解除合同", {"dismissed": True}),
    # the travel with receipts counts as training cost (实施条例第十六条)
    ("培训费2万4加差旅费一共3万，都有发票，约定服务期5年", {"training_cost": 30000, "service_period_months": 60}),
])
def test_facts_read(text: str, expected: dict[str, object]) -> None:
    facts = extract_facts(text, today=TODAY)
    assert {k: getattr(facts, k) for k in expected} == expected


def test_a_contract_not_yet_expiring_is_no_time_worked() -> None:
    assert extract_facts("我签的3年合同，公司要降我工资", today=TODAY).months_worked is None


@pytest.mark.parametrize(("question", "words", "absent"), [
    # 第三十八条: no thirty days' notice, and N with the half-year rule (4年2个月 → 4.5 × 6000)
    ("公司已经拖欠我3个月工资了，我想辞职，需要提前30天通知吗？能要补偿吗？我在这干了4年2个月，月薪6000",
     ["不用提前", "27000元", "第三十八条"], []),
    # 劳动法第四十四条: 5655 ÷ 21.75 = 260 a day, two holiday days at 300%
    ("春节大年初一、初二两天都上了全天班，月工资5655，公司说给补休就不给钱了，加班费怎么算",
     ["300%", "1560元", "不能用补休代替"], []),
    # 第四十六条第五项: lower terms refused, so N = 3 × 8000
    ("我签的3年合同下个月到期，公司说续签可以但工资要从8000降到6000，我不同意就不续了，能拿补偿吗",
     ["有。", "24000元"], ["才没有。"]),
    # 第四十条第一项 needs the original post or another one first: 2N = 2 × 5 × 7000
    ("我生病请了3个月病假，医疗期满回去上班，公司没给我安排岗位，第二天就发通知解除合同，我干了5年，月工资7000，合法吗",
     ["违法解除", "第四十条", "70000元"], []),
    # 第二十二条 with 实施条例第十六条: 30000 × 3/5
    ("公司送我去外地培训，培训费2万4加差旅费一共3万，都有发票，约定服务期5年，我干了2年想走，要赔多少",
     ["18000元"], ["14400元"]),
])
def test_first_lines(svc: AnswerService, question: str, words: list[str], absent: list[str]) -> None:
    assert_first_lines(svc.ask(question).summary, words, absent)

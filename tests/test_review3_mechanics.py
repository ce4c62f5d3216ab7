"""Regressions from the third lawyer review (fresh general questions): dates, overtime, time limits, scope."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answering.facts import extract_facts
from assistant.answering.parts import names_something, question_parts
from assistant.answering.protect import TIME_LIMIT_CARD, protect
from assistant.answering.scope import classify
from assistant.answering.situation import situations_of
from assistant.answering.topic import Topic
from assistant.calculators import Calculation, calculate_from_facts
from assistant.records import AnswerUnit, Card

TODAY = date(2026, 12, 1)


def _card(cid: str) -> Card:
    return Card(id=cid, title=cid, text="说明。", questions=(), keywords=(), region="全国", topic=cid,
                answers=(AnswerUnit("结论。"),))


def _calc(name: str, question: str) -> Calculation:
    result = calculate_from_facts(name, extract_facts(question, today=TODAY))
    assert isinstance(result, Calculation), result
    return result


def test_her_last_working_day_counts_as_worked() -> None:
    q = "我2025年3月1号入职，月薪6000，一直没签合同，我干到10月31号走人了，能要多少二倍工资"
    assert extract_facts(q, today=TODAY).months_worked == 8
    # 4月1日 to 10月31日: seven months of the extra wage (实施条例第六条), not six.
    assert _calc("double_wage", q).value == 42000


def test_rest_days_with_hours_each_are_counted() -> None:
    q = "我月薪5220，这个月工作日晚上加班一共20个小时，两个周六各加了8小时也没调休，国庆还上了一天班，加班费多少"
    facts = extract_facts(q, today=TODAY)
    assert facts.overtime_rest_days == 2
    # 30元/小时: 20h×150% + 16h×200% + 8h×300% = 900 + 960 + 720.
    assert _calc("overtime_pay", q).value == 2580


@pytest.mark.parametrize(("question", "deadline_passed"), [
    ("我2025年3月被公司辞退，现在都2026年11月了，还能去仲裁告他违法辞退吗", True),
    ("怀孕被辞退半年了还能仲裁吗", False),
    ("离职两年了还能告公司欠我的工资吗", True),
])
def test_the_time_since_the_event_decides_the_deadline(question: str, deadline_passed: bool) -> None:
    calc = _calc("arbitration_deadline", question)
    assert ("已过" in calc.text or "届满" in calc.text) is deadline_passed, calc.text


def test_asking_whether_she_is_still_in_time_gets_the_time_limit() -> None:
    dismissal, limit = _card("card:illegal-dismissal-compensation"), _card(TIME_LIMIT_CARD)
    for q in ("我2025年3月被公司辞退，现在还能去仲裁告他违法辞退吗", "加班费的仲裁时效是多久"):
        topic = Topic(dismissal, dismissal.answers[0], True, situations_of(q))
        assert protect(topic, q, [dismissal, limit], extract_facts(q, today=TODAY)).card is limit
    q = "打卡记录都在公司的钉钉里，我离职后看不到了，这还能告吗"  # evidence, not time
    topic = Topic(dismissal, dismissal.answers[0], True, situations_of(q))
    assert protect(topic, q, [dismissal, limit], extract_facts(q, today=TODAY)).card is not limit
    q = "被公司无故辞退能赔多少"  # no time-limit question: the dismissal card stays
    assert protect(Topic(dismissal, dismissal.answers[0], True, situations_of(q)), q, [dismissal, limit]).card \
        is not limit


@pytest.mark.parametrize(("question", "verdict"), [
    ("我在网上买了件衣服，商家一直不给退款，怎么投诉啊", "out_of_scope"),
    ("公司拖欠我工资，我想去投诉", "in_scope"),
    ("我在商场上班，老板扣我工资说顾客退货了", "in_scope"),
])
def test_a_purchase_dispute_is_out_of_scope(question: str, verdict: str) -> None:
    assert classify(question).verdict == verdict


@pytest.mark.parametrize(("question", "verdict"), [
    ("我跟老公准备离婚，孩子才两岁，抚养权一般会判给谁？我收入比他低会不会吃亏", "out_of_scope"),
    ("公司知道我在闹离婚就把我辞退了，合法吗", "in_scope"),
])
def test_custody_is_family_law_even_with_her_income_in_it(question: str, verdict: str) -> None:
    assert classify(question).verdict == verdict


def test_pushed_to_sign_her_own_resignation_in_pregnancy_gets_the_pressure_card() -> None:
    from assistant.answering.protect import PRESSED_CARD

    general, pressed = _card("card:negotiated-termination"), _card(PRESSED_CARD)
    pressed = Card(id=pressed.id, title=pressed.title, text="说明。", questions=(), keywords=(), region="全国",
                   topic="三期保护", applies_to=("怀孕", "产假", "哺乳"), answers=pressed.answers)
    q = "刚怀孕HR就让我签一份“因个人原因自愿离职”的申请，说签了多发一个月工资，我要不要签"
    topic = Topic(general, general.answers[0], True, situations_of(q))
    assert protect(topic, q, [general, pressed]).card is pressed


def test_a_pay_cut_written_with_both_amounts_in_pregnancy_gets_the_pregnancy_rule() -> None:
    general, own = _card("card:unilateral-pay-cut"), _card("card:pregnancy-transfer-pay-cut")
    q = "怀孕以后把我从销售调去前台，工资从8000直接降到4000，我没同意也没签字，这样合理吗"
    topic = Topic(general, general.answers[0], True, situations_of(q))
    assert protect(topic, q, [general, own]).card is own


def test_back_from_maternity_leave_to_a_lower_post_gets_the_maternity_rule() -> None:
    general, own = _card("card:unilateral-pay-cut-change"), _card("card:back-from-maternity-leave")
    q = "休完产假回公司，发现我原来的主管岗位已经被别人顶了，让我去做普通文员，工资少了3000，这合法吗"
    topic = Topic(general, general.answers[0], True, situations_of(q))
    assert protect(topic, q, [general, own]).card is own


def test_unused_leave_on_leaving_is_prorated_from_the_days_she_names() -> None:
    # 企业职工带薪年休假实施办法第十二条: left on 10-31 with 5 days untouched → 304/365×5 = 4.16 → 4 days → 3200元
    f = extract_facts("我工作4年了，今年10月31号离职，月薪8700，今年5天年假一天都没休", today=date(2026, 12, 1))
    result = calculate_from_facts("unused_leave_pay", f)
    assert isinstance(result, Calculation) and result.value == 3200 and "折算" in result.text


def test_a_part_that_names_nothing_keeps_asking_about_the_part_before() -> None:
    assert question_parts("产假多少天？那陪产假呢") == ["产假多少天", "陪产假呢"]
    assert [names_something(p) for p in question_parts("生育津贴能领多少天？大概多少钱？我该怎么办")] == [True, False, False]
    assert names_something("要赔多少钱") and names_something("陪产假呢")

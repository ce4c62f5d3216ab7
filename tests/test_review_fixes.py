"""Regressions from the lawyer review of fresh questions: each case is one answer a union lawyer marked wrong."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answering.compose import regional_fits
from assistant.answering.conclusion import for_her_question, with_result
from assistant.answering.facts import extract_facts
from assistant.answering.parts import part_topic, question_parts
from assistant.answering.protect import EXPIRY_CARD, SHIELD_CARD, shield
from assistant.answering.situation import situations_of, unmentioned
from assistant.answering.topic import Topic
from assistant.calculators import Calculation, Missing, calculate_from_facts
from assistant.records import AnswerUnit, Card, Hit

TODAY = date(2026, 12, 1)


def _card(cid: str, applies: tuple[str, ...] = (), cites: tuple[str, ...] = ()) -> Card:
    return Card(id=cid, title=cid, text="说明。", questions=(), keywords=(), region="全国", topic=cid,
                applies_to=applies, cites=cites, answers=(AnswerUnit("结论。"),))


GENERAL = _card("card:economic-compensation-calculation")
SHIELDED = _card(SHIELD_CARD, ("怀孕", "产假", "哺乳"), ("劳动合同法#42",))


def _topic(question: str, card: Card = GENERAL) -> Topic:
    return Topic(card, card.answers[0], True, situations_of(question))


@pytest.mark.parametrize("question", [
    "我在休产假，公司发微信说我被辞退了，给N+1让我签字，这个N+1够吗",
    "怀孕6个月了，公司说业务调整我岗位没了把我辞了，能赔多少",
    "哺乳期被公司开除了",
])
def test_a_dismissed_worker_in_the_three_periods_gets_the_protection(question: str) -> None:
    facts = extract_facts(question, today=TODAY)
    assert shield(_topic(question), question, [GENERAL, SHIELDED], facts).card is SHIELDED


@pytest.mark.parametrize("question", [
    "怀孕了公司说我严重违纪要开除我",  # her own fault: its own rule
    "老板说公司要关门注销了，我怀孕4个月",  # closure ends the contract
    "被公司辞退了能拿多少补偿",  # not in the three periods
])
def test_the_protection_stays_out_of_other_cases(question: str) -> None:
    facts = extract_facts(question, today=TODAY)
    assert shield(_topic(question), question, [GENERAL, SHIELDED], facts).card is GENERAL


def test_a_pregnancy_card_waits_when_she_names_no_pregnancy() -> None:
    card = _card("card:probation-period-pregnancy", ("怀孕",))
    assert unmentioned(card, situations_of("试用期说我不符合录用条件把我辞了"))
    assert not unmentioned(card, situations_of("试用期怀孕被辞退"))


@pytest.mark.parametrize(("question", "summary", "expected"), [
    ("怀孕7个半月了还让我加班，能拒绝吗", "不能。怀孕满7个月后，单位不得……", "可以拒绝。怀孕满7个月后，单位不得……"),
    ("孩子10个月还排夜班，合法吗", "不能。孩子不满1周岁……", "违法。孩子不满1周岁……"),
    ("产假多少天", "不能。……", "不能。……"),
])
def test_the_first_word_answers_her_question(question: str, summary: str, expected: str) -> None:
    assert for_her_question(summary, question) == expected


def test_a_date_without_a_year_follows_the_year_before_it() -> None:
    facts = extract_facts("2025年3月1日入职一直没签合同，月薪5000，9月1日被辞退了，能要多少二倍工资？", today=TODAY)
    assert facts.months_worked == 6
    result = calculate_from_facts("double_wage", facts)
    assert isinstance(result, Calculation) and "25000" in result.text


@pytest.mark.parametrize(("question", "text"), [
    ("月薪4350，周六周日被叫去加班两天，也没给调休，加班费多少", "800元"),
    ("五一那天被叫回去上了一天班，月薪5220", "720元"),
    ("工作日天天加班2个钟头，一个月22天班，月薪6525", "2475元"),
])
def test_overtime_she_describes_is_counted(question: str, text: str) -> None:
    result = calculate_from_facts("overtime_pay", extract_facts(question, today=TODAY))
    assert isinstance(result, Calculation) and text in result.text


def test_years_before_a_job_change_count_for_annual_leave_and_the_first_year_is_prorated() -> None:
    facts = extract_facts(f"我之前工作了6年，{TODAY.year}年7月1日跳槽到新公司，今年还能休几天年假", today=TODAY)
    assert facts.total_years_worked == 6
    result = calculate_from_facts("annual_leave", facts)
    assert isinstance(result, Calculation) and result.value == 2  # 184/365×5, whole days only


def test_months_of_pay_are_said_before_asking_for_her_wage() -> None:
    result = calculate_from_facts("severance", extract_facts("合同到期公司不续签了，干了3年", today=TODAY))
    assert isinstance(result, Missing) and result.known == "工作3年，经济补偿是3个月工资"
    damages = calculate_from_facts("illegal_dismissal", extract_facts("被违法辞退了，干了3年", today=TODAY))
    assert isinstance(damages, Missing) and "6个月工资" in damages.known
    text = with_result("单位应当支付经济补偿。{calc}", None, result.question, result.known)
    assert text.startswith("单位应当支付经济补偿。按您说的情况，工作3年，经济补偿是3个月工资。想算得更准确")


def test_a_claim_she_kept_pressing_is_not_declared_out_of_time() -> None:
    q = "我2025年3月离职的，公司还欠我两个月工资。我一直在微信上催，老板去年10月还回复说过段时间给，还能申请仲裁吗"
    result = calculate_from_facts("arbitration_deadline", extract_facts(q, today=TODAY))
    assert isinstance(result, Missing) and "中断" in result.known


@pytest.mark.parametrize(("question", "parts"), [
    ("三胞胎哺乳时间怎么算，产假又怎么算", ["三胞胎哺乳时间怎么算", "产假又怎么算"]),
    ("怀孕了公司要给我降薪合法吗？产假能休多少天？", ["怀孕了公司要给我降薪合法吗", "产假能休多少天"]),
    ("怀孕了，公司能辞退我吗", ["怀孕了，公司能辞退我吗"]),  # one question, a comma inside it
    ("公司不给交社保，我想辞职，能要补偿吗", ["公司不给交社保，我想辞职，能要补偿吗"]),
])
def test_her_message_splits_into_the_questions_it_asks(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts


def test_a_later_part_is_answered_from_its_own_search() -> None:
    double = Card(id="card:no-written-contract-double-pay", title="没签劳动合同能要二倍工资吗", text="说明。",
                  questions=("没签合同能要双倍工资吗",), keywords=("二倍工资", "双倍工资"), region="全国", topic="未签合同",
                  answers=(AnswerUnit("能。未订立书面劳动合同的，每月支付二倍的工资。"),))
    first = _topic("知道我怀孕了就叫我别来了，这样合法吗", SHIELDED)
    hits = (Hit(double, 1.0, 1, dense=0.95),)
    found = part_topic("没签合同能要双倍工资吗", hits, first, common=frozenset())
    assert found is not None and found[0] is double
    # …but never a card that only repeats the first conclusion.
    same = Card(id="card:other", title="怀孕被辞退", text="说明。", questions=("怀孕被辞退合法吗",), keywords=(),
                region="全国", topic="x", answers=(AnswerUnit("结论。"),))
    assert part_topic("怀孕被辞退合法吗", (Hit(same, 1.0, 1, dense=0.95),), first, common=frozenset()) is None


def test_a_contract_expiry_card_does_not_answer_a_dismissal_without_expiry() -> None:
    expiry = _card(EXPIRY_CARD, ("怀孕", "产假", "哺乳"), ("劳动合同法#42",))
    q = "入职3个月没签合同，知道我怀孕了就叫我别来了，这样合法吗"
    assert shield(_topic(q, expiry), q, [expiry, SHIELDED], extract_facts(q, today=TODAY)).card is SHIELDED
    q2 = "合同下个月到期，我怀孕6个月，公司说不续签了"
    assert shield(_topic(q2, expiry), q2, [expiry, SHIELDED], extract_facts(q2, today=TODAY)).card is expiry


def test_her_province_block_only_joins_an_answer_it_speaks_to() -> None:
    gd = Card(id="card:guangdong-maternity-leave", title="广东生孩子能休多少天？奖励假、陪产假", text="说明。",
              questions=("广东产假多少天",), keywords=("广东产假", "奖励假"), region="广东", topic="生育假",
              applies_to=("怀孕", "产假"), answers=(AnswerUnit("广东另有80日奖励假。"),))
    period = "广东的，来例假痛经能请假吗"
    leave = "广东的，生孩子产假能休多少天"
    assert not regional_fits(gd, period, situations_of(period), frozenset())
    assert regional_fits(gd, leave, situations_of(leave), frozenset())


def test_the_metric_takes_the_same_claim_in_other_words() -> None:
    from assistant.evaluation.answer_metrics import found

    assert found(["违法", "2N"], "不合法，您可以要求经济补偿二倍的赔偿金") == ["违法", "2N"]
    assert found(["不合法"], "违法。单位不得……") == ["不合法"]
    assert found(["违法"], "合法，单位可以这样做") == []


@pytest.mark.parametrize(("question", "first"), [
    ("我1973年6月出生，社保交了12年，到时候够不够领养老金", "还不够按月领"),
    ("养老保险缴费16年了，退休能领养老金吗", "到法定退休年龄时累计缴费满15年的"),
])
def test_her_years_of_contributions_decide_the_pension_answer(question: str, first: str) -> None:
    from assistant.answering.topic import pick_unit
    from assistant.config import PROJECT_ROOT
    from assistant.corpus.cards import parse_card_file

    path = PROJECT_ROOT / "corpus" / "cards" / "pension-15-years.md"
    card = parse_card_file(path, "cards/pension-15-years.md", lambda raw: ("x#1",))
    unit = pick_unit(card, question, extract_facts(question, today=TODAY))
    assert unit is not None and unit.conclusion.startswith(first)


def test_a_dismissal_without_any_reason_is_answered_as_unlawful() -> None:
    from assistant.answering.protect import ILLEGAL_CARD

    illegal = _card(ILLEGAL_CARD)
    q = "上礼拜主管在微信上跟我说明天不用来了，啥理由都没给，能赔多少"
    assert shield(_topic(q), q, [GENERAL, illegal], extract_facts(q, today=TODAY)).card is illegal
    q2 = "公司说我严重违纪把我开除了，能赔多少"
    assert shield(_topic(q2), q2, [GENERAL, illegal], extract_facts(q2, today=TODAY)).card is GENERAL


@pytest.mark.parametrize(("text", "expected"), [
    ("做人流算不算产假，公司说是我自己的事", {"流产"}),
    ("刚领证结婚，主管就说怕我要生娃，让我下个月别来了", set()),
    ("生完孩子三个月又流产了，产假怎么算", {"流产", "产假", "哺乳"}),
])
def test_situations_her_words_put_her_in(text: str, expected: set[str]) -> None:
    assert situations_of(text) == expected


@pytest.mark.parametrize(("question", "card_id"), [
    ("孩子9个月了，公司让我每天加班2小时，一个月最多能加班多少小时", "card:breastfeeding-no-overtime-night"),
    ("我在住院请病假，公司说裁员把我也裁了", "card:sick-leave-medical-period"),
    ("工伤还在治疗，合同下个月到期，公司说不续了", "card:work-injury-leaving-job"),
    ("哺乳期公司把我每月1500的补贴取消了", "card:pregnancy-transfer-pay-cut"),
])
def test_her_protected_situation_picks_the_protecting_card(question: str, card_id: str) -> None:
    from assistant.answering.protect import protect

    cards = [GENERAL, _card("card:breastfeeding-no-overtime-night", ("哺乳",)),
             _card("card:sick-leave-medical-period"), _card("card:work-injury-leaving-job"),
             _card("card:pregnancy-transfer-pay-cut", ("怀孕", "哺乳"))]
    facts = extract_facts(question, today=TODAY)
    topic = Topic(GENERAL, GENERAL.answers[0], True, situations_of(question, child_age_months=facts.child_age_months))
    assert protect(topic, question, cards, facts).card.id == card_id  # type: ignore[union-attr]
    plain = "公司一个月最多能让我加班多少小时"  # no protected situation: the general card stays
    assert protect(Topic(GENERAL, GENERAL.answers[0], True, situations_of(plain)), plain, cards).card is GENERAL


def test_a_general_card_named_after_her_question_still_gives_way_to_her_protection() -> None:
    from assistant.answering.protect import protect

    limits = Card(id="card:overtime-hour-limits", title="一个月最多能加班多少小时", text="说明。", questions=(),
                  keywords=(), region="全国", topic="加班", answers=(AnswerUnit("一般每天不超过1小时。"),))
    nursing = _card("card:breastfeeding-no-overtime-night", ("哺乳",))
    q = "娃9个月了还在吃奶，车间最近天天让我加班两个钟头，能不加吗"
    facts = extract_facts(q, today=TODAY)
    topic = Topic(limits, limits.answers[0], True, situations_of(q, child_age_months=facts.child_age_months))
    assert protect(topic, q, [limits, nursing], facts).card is nursing


@pytest.mark.parametrize(("question", "verdict"), [
    ("月薪1万每个月要交多少个人所得税啊", "out_of_scope"),
    ("公司代扣个税合法吗", "in_scope"),  # withholding from her wage is a labour question
])
def test_tax_sums_are_out_of_scope_even_with_a_wage_in_them(question: str, verdict: str) -> None:
    from assistant.answering.scope import classify

    assert classify(question).verdict == verdict

"""General labour questions no card answered (branch cardsF): one test per topic, on the answer she reads first."""

from __future__ import annotations

from datetime import date

import pytest
from _answer_fixtures import service

from assistant.answering import AnswerService
from assistant.answering.facts import extract_facts
from assistant.answering.topic import pick_unit
from assistant.calculators import Calculation, Missing, calculate, calculate_from_facts, calculator_schema
from assistant.corpus import Corpus
from assistant.records import Card

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("cardsF"))


def _card(corpus: Corpus, cid: str) -> Card:
    return next(c for c in corpus.cards if c.id == f"card:{cid}")


# --- one-sided pay cut or job change (劳动合同法第三十五条) ---

@pytest.mark.parametrize("question", [
    "公司说效益不好，下个月开始全员工资打八折，也没让我们签字同意，就发了个通知，这算数吗",
    "老板发个通知就把大家工资降了两成，我没同意，合法吗",
])
def test_a_one_sided_pay_cut_is_not_binding(svc: AnswerService, question: str) -> None:
    answer = svc.ask(question)
    assert answer.topic == "单方变更合同"
    assert answer.summary.startswith("不合法")
    assert "第三十五条" in answer.summary and "差额" in answer.summary


def test_she_may_resign_over_a_pay_cut_and_gets_severance(svc: AnswerService) -> None:
    answer = svc.ask("公司单方面降薪，我能辞职要经济补偿吗？干了3年，月薪6000")
    assert answer.topic == "单方变更合同"
    assert answer.summary.startswith("可以") and "第三十八条" in answer.summary and "18000元" in answer.summary


# --- a private settlement she regrets (解释（一）第三十五条) ---

def test_an_injury_settlement_far_below_the_law_can_be_set_aside(svc: AnswerService) -> None:
    answer = svc.ask("受工伤后跟老板私了签了协议拿了2万块，后来鉴定出来是八级伤残，我月工资6000，这协议还能反悔吗")
    assert answer.topic == "和解协议反悔"
    assert "显失公平" in answer.summary and "66000元" in answer.summary


def test_a_settlement_signed_under_duress_is_not_valid(real_corpus: Corpus) -> None:
    card = _card(real_corpus, "settlement-agreement-regret")
    unit = pick_unit(card, "公司逼我签了解除协议，不签就不给工资，能不认吗")
    assert unit is not None and unit.conclusion.startswith("可以不认") and "胁迫" in unit.conclusion


# --- 一次性伤残补助金 by grade (工伤保险条例第三十五至三十七条) ---

def test_disability_lump_sum_worked_example() -> None:
    calc = calculate("disability_lump_sum", {"grade": 9, "monthly_wage": 5000})
    assert calc.value == 45000 and "工伤保险条例#37" in calc.articles
    assert calculate("disability_lump_sum", {"grade": 1, "monthly_wage": 5000}).value == 135000
    capped = calculate("disability_lump_sum", {"grade": 10, "monthly_wage": 2000, "local_average_wage": 8000})
    assert capped.value == 7 * 4800  # 本人工资 at least 60% of the local average (第六十四条)
    assert "grade" in calculator_schema("disability_lump_sum")["properties"]


def test_her_grade_and_wage_give_her_lump_sum(svc: AnswerService) -> None:
    answer = svc.ask("工伤评了九级，受伤前月工资5000，一次性伤残补助金能拿多少？我要是辞职了还能拿什么钱")
    assert answer.topic == "工伤待遇"
    assert "45000元" in answer.summary and "伤残就业补助金" in answer.summary


def test_without_her_wage_the_months_are_said_and_the_wage_asked() -> None:
    result = calculate_from_facts("disability_lump_sum", extract_facts("我是十级伤残", today=TODAY))
    assert isinstance(result, Missing) and "7个月" in result.known


# --- unused annual leave pay (实施办法第十条、第十一条、第十二条) ---

def test_unused_leave_pay_worked_examples() -> None:
    calc = calculate("unused_leave_pay", {"monthly_wage": 6525, "unused_days": 5})
    assert calc.value == 3000 and "4500元" in calc.text  # 300% in all, 200% on top of the wage paid
    leaving = calculate("unused_leave_pay", {"monthly_wage": 8700, "total_years_worked": 11, "days_taken": 2,
                                             "left_on": "2026-06-30"})
    assert leaving.value == 1600 and "企业职工带薪年休假实施办法#12" in leaving.articles  # 181÷365×10−2 → 2天


def test_leave_she_was_not_allowed_to_take_is_paid(svc: AnswerService) -> None:
    answer = svc.ask("工作满5年了，今年5天年假公司一直说忙不让休，年底就说作废了，月薪6525，这个能要钱吗")
    assert answer.topic == "年休假"
    assert "300%" in answer.summary and "3000元" in answer.summary


def test_leave_owed_when_she_leaves_mid_year(svc: AnswerService) -> None:
    answer = svc.ask("我参加工作11年了，今年6月30号离职，今年年假只休了2天，月薪8700。没休的年假公司要给钱吗，给多少")
    assert answer.topic == "年休假" and "1600元" in answer.summary


def test_no_annual_leave_before_twelve_months(real_corpus: Corpus) -> None:
    unit = pick_unit(_card(real_corpus, "paid-annual-leave"), "刚毕业第一份工作，入职8个月了，能请年假吗？公司说没有")
    assert unit is not None and "12个月" in unit.conclusion


def test_leave_days_are_read_from_her_words() -> None:
    facts = extract_facts("今年年假只休了2天，还剩3天年假没休", today=TODAY)
    assert (facts.leave_days_taken, facts.leave_days_unused) == (2, 3)
    assert extract_facts("工伤鉴定出来是八级伤残", today=TODAY).disability_grade == 8
    assert extract_facts("考了个一级建造师", today=TODAY).disability_grade is None


# --- both 二倍工资 and 2N when she was dismissed without a written contract ---

def test_double_wage_and_damages_worked_example() -> None:
    calc = calculate("double_wage_and_damages", {"months_worked": 8, "monthly_wage": 5000})
    assert calc.value == 45000 and "35000元" in calc.text and "10000元" in calc.text


def test_dismissed_without_a_contract_gets_both_claims(svc: AnswerService) -> None:
    answer = svc.ask("入职8个月一直没签合同，上周老板直接说明天不用来了，月薪5000，能要哪些钱")
    assert "第八十二条" in answer.summary and "第八十七条" in answer.summary
    assert "45000元" in answer.summary


# --- N+1 and 2N in her numbers ---

def test_notice_pay_plus_severance_worked_example() -> None:
    calc = calculate("notice_severance", {"months_worked": 40, "monthly_wage": 6000})
    assert calc.value == 27000  # 3.5 months + one month instead of notice


def test_dismissal_for_incompetence_without_training_gives_2n(svc: AnswerService) -> None:
    answer = svc.ask("公司说我业绩不达标不能胜任工作，没培训也没给我调岗，直接发通知把我辞了。我在这干了6年，月薪7000，能要多少钱")
    assert answer.summary.startswith("违法") and "84000元" in answer.summary


# --- smaller gaps the dev sets showed ---

def test_piece_rate_work_still_earns_overtime(real_corpus: Corpus) -> None:
    unit = pick_unit(_card(real_corpus, "overtime-pay-rates"), "我做计件的，老板说多劳多得没有加班费，是这样吗")
    assert unit is not None and unit.conclusion.startswith("不是") and "150%" in unit.conclusion
    assert "200%" in unit.conclusion


def test_four_saturdays_of_overtime_are_read_and_paid() -> None:
    facts = extract_facts("月薪8700，上个月有4个周六被叫去加班，没给调休", today=TODAY)
    assert facts.overtime_rest_days == 4
    calc = calculate_from_facts("overtime_pay", facts)
    assert isinstance(calc, Calculation) and calc.value == 3200
    assert extract_facts("3个周末加班", today=TODAY).overtime_rest_days is None  # a weekend may be two days


def test_a_dispatch_contract_shorter_than_two_years_is_unlawful(real_corpus: Corpus) -> None:
    unit = pick_unit(_card(real_corpus, "labor-dispatch"), "派遣公司只跟我签了半年合同，没活干的时候就让我回家等着，这合法吗")
    assert unit is not None and unit.conclusion.startswith("不合法") and "二年以上" in unit.conclusion


def test_an_overage_worker_is_paid_at_least_monthly(real_corpus: Corpus) -> None:
    question = "我61岁了在饭馆洗碗，已经领退休金了，老板说超龄的不用签合同，工资3个月才结一次，这样行吗"
    for cid in ("retirement-age-contract-end", "overage-worker-rights"):
        unit = pick_unit(_card(real_corpus, cid), question)
        assert unit is not None and unit.conclusion.startswith("不行") and "每月" in unit.conclusion


def test_a_capped_severance_says_the_cap() -> None:
    calc = calculate("severance", {"months_worked": 180, "monthly_wage": 40000, "local_average_wage": 11000})
    assert calc.value == 396000 and "三倍" in calc.text and "十二年" in calc.text


def test_the_new_calculators_cite_only_what_they_declare(real_corpus: Corpus) -> None:
    from assistant.calculators import CALCULATORS

    samples = {
        "unused_leave_pay": {"monthly_wage": 8700, "total_years_worked": 11, "days_taken": 2, "left_on": "2026-06-30"},
        "disability_lump_sum": {"grade": 5, "monthly_wage": 5000},
        "notice_severance": {"months_worked": 40, "monthly_wage": 6000},
        "double_wage_and_damages": {"months_worked": 14, "monthly_wage": 5000},
    }
    for name, params in samples.items():
        articles = set(calculate(name, params).articles)
        assert articles <= set(CALCULATORS[name].articles), name
        assert all(a in real_corpus.articles for a in CALCULATORS[name].articles), name



def test_a_transfer_she_refuses_is_no_ground_for_dismissal(real_corpus: Corpus) -> None:
    card = _card(real_corpus, "unilateral-pay-cut-change")
    unit = pick_unit(card, "公司把我调到另一个城市上班，我不去就说我旷工要开除我")
    assert unit is not None and unit.conclusion.startswith("不能") and "第三十五条" in unit.conclusion
    unsigned = pick_unit(card, "公司让签补充协议把工资改成底薪加提成，我不签会怎样")
    assert unsigned is not None and unsigned.conclusion.startswith("可以不签") and "第四十条" in unsigned.conclusion


def test_a_probation_too_long_for_the_contract_is_unlawful(real_corpus: Corpus) -> None:
    question = "签了两年的劳动合同，试用期约了6个月，试用期4000转正5000，这个试用期合法不"
    facts = extract_facts(question, today=TODAY)
    assert (facts.contract_term_months, facts.probation_months) == (24, 6)
    unit = pick_unit(_card(real_corpus, "probation-length-pay"), question, facts)
    assert unit is not None and unit.conclusion.startswith("违法")


def test_which_spring_festival_days_are_holidays_names_the_missing_rule(svc: AnswerService) -> None:
    answer = svc.ask("春节公司让我们初一到初四都上班，说全都给三倍工资，到底哪几天是三倍")
    assert answer.gap == "public_holidays"
    assert "放假办法" in answer.summary and "300%" in answer.summary

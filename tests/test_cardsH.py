"""Regressions for general labour topics a union lawyer found uncovered (review 3): each test asks her question
the way a worker might and checks the first lines answer it — the verdict, her number, the article."""

from __future__ import annotations

from datetime import date

import pytest
from _answer_fixtures import service

from assistant.answering import AnswerService
from assistant.answering.facts import extract_facts
from assistant.answering.topic import pick_unit
from assistant.calculators import calculate_from_facts
from assistant.corpus import Corpus

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("cardsH"))


def _calc(name: str, question: str) -> str:
    result = calculate_from_facts(name, extract_facts(question, today=TODAY))
    text = getattr(result, "text", None)
    assert text, result
    return str(text)


def test_work_hours_and_the_wage_after_probation_are_read() -> None:
    f = extract_facts("我在奶茶店做小时工，每天干5个小时，一周上6天班", today=TODAY)
    assert (f.daily_work_hours, f.work_days_per_week, f.weekly_work_hours) == (5, 6, 30)
    f = extract_facts("两年合同试用期约了6个月，试用期4000转正5000", today=TODAY)
    assert (f.probation_months, f.regular_wage) == (6, 5000)
    assert extract_facts("每天加班3小时", today=TODAY).daily_work_hours is None  # overtime, not the working day


def test_probation_damages_use_the_wage_after_probation_and_the_months_served() -> None:
    text = _calc("probation", "签了一年的合同，试用期定了3个月，试用期工资4000，转正5000，已经干满3个月")
    assert "赔偿金5000元" in text


def test_damage_deduction_is_capped_at_a_fifth_of_the_wage() -> None:
    assert "800元" in _calc("damage_deduction", "摔坏了咖啡机，老板要从工资里一次扣3000，我一个月才4000")


@pytest.mark.parametrize(("question", "words"), [
    # 试用期工资: 80% of the agreed wage, her number
    ("合同上写的月薪5000，试用期公司只给我发3500，说试用期都这样，这样可以吗", ["试用期工资最低是八折", "4000元", "第二十条"]),
    # probation over-length: 赔偿金 for the excess already served
    ("签了一年的合同，试用期定了3个月，试用期工资4000，转正5000，我已经干满3个月才转正，公司要赔我吗", ["违法", "5000元", "第八十三条"]),
    # resignation notice and the void 违约金 clause together
    ("我想辞职，公司说必须提前三个月打报告，不然扣我一个月工资当违约金", ["不用", "三十日", "第三十七条", "第二十五条"]),
    # 无固定期限 after two fixed-term contracts: a yes, and the consequence of refusing
    ("我跟公司已经签过两次固定期限合同了，HR说公司没这个规定不给签无固定期限，我能要求吗", ["能", "第十四条", "二倍工资"]),
    # 自愿加班 forms do not lift the hour limits
    ("老板让我们都签了自愿加班申请，说签了就不违法了，是这样吗", ["不是", "36小时", "第四十一条"]),
    # one rest day a week
    ("一周七天都要上班，一天休息都没有，合法吗", ["违法", "每周至少休息一日", "第三十八条"]),
    # damage she caused: at most 20% a month
    ("我不小心把店里的咖啡机摔坏了，老板要从这个月工资里一次扣3000，我一个月才4000，这样扣合理吗", ["可以扣，但每月有上限", "20%", "800元", "第十六条"]),
    # dispatched worker paid less than regular staff for the same work
    ("我是劳务派遣来的，活跟正式工一模一样，每个月工资比他们少1500，合法吗", ["不合法", "同工同酬", "第六十三条"]),
    # 非全日制 test applied to her hours (never "法律允许这样")
    ("我在奶茶店做小时工，每天干5个小时，一周上6天班，老板说随时可以让我走，不用给补偿，是这样吗", ["不是", "24小时", "第六十八条"]),
    # piece-rate workers are paid overtime too
    ("我在服装厂做计件，一天做12个钟头，老板说计件的多劳多得，没有加班费这一说，是这样吗", ["不是", "150%", "第十三条"]),
    # short of 15 years of contributions at retirement
    ("明年我就到退休年龄了，可社保才交了13年，那我养老金是不是领不了了", ["", "延长缴费", "第十六条"]),
    # terminated at the old retirement age
    ("我是女工人，原来50岁退休，公司说我满50岁了合同就到头，让我回家，对吗", ["原定2025年以后退休的，不能", "第二十一条"]),
    # forced early retirement
    ("单位让我签一份自愿提前退休的申请，我根本不想退，我可以不签吗", ["可以不签", "第三条"]),
])
def test_her_question_gets_its_own_answer(svc: AnswerService, question: str, words: list[str]) -> None:
    summary = svc.ask(question).summary
    assert summary.startswith(words[0]), summary
    for w in words[1:]:
        assert w in summary, (w, summary)
    assert "法律允许这样" not in summary


def test_part_time_termination_applies_the_hours_test_first(svc: AnswerService) -> None:
    summary = svc.ask("小时工被老板辞退了有补偿吗").summary
    assert summary.startswith("要先看") and "24小时" in summary and "没有经济补偿，法律允许" not in summary


@pytest.mark.parametrize(("question", "gap", "words"), [
    ("公司只给交社保不给交公积金，我可以去劳动仲裁告公司吗", "housing_fund", ["公积金管理中心", "资料库没有收录"]),
    ("我在上海上班，下个月领证，婚假能休几天？公司说只有3天", "marriage_leave", ["七天", "第三十一条"]),
])
def test_topics_outside_the_corpus_say_so(svc: AnswerService, question: str, gap: str, words: list[str]) -> None:
    answer = svc.ask(question)
    assert answer.gap == gap and "产假" not in answer.summary[:40] and "社会保险登记" not in answer.summary
    for w in words:
        assert w in answer.summary, (w, answer.summary)


@pytest.mark.parametrize(("question", "words"), [
    # a dispatch agency must sign for two years or more
    ("派遣公司只跟我签了半年合同，没活干的时候就让我回家等着，这合法吗", ["不合法", "二年以上", "第五十八条"]),
    # an injured dispatched worker: both employers answer (not the maternity unit, which also says 谁负责)
    ("派遣工在厂里受伤了谁负责", ["派遣公司和用工单位都要担责", "第九十二条"]),
    # equal pay for the same work as regular staff, not the 三性 positions unit
    ("活跟正式工一模一样，每个月工资比他们少1500，这合法吗", ["不合法", "第六十三条"]),
])
def test_the_dispatch_card_answers_her_question(real_corpus: Corpus, question: str, words: list[str]) -> None:
    card = next(c for c in real_corpus.cards if c.id == "card:labor-dispatch")
    unit = pick_unit(card, question, extract_facts(question, today=TODAY))
    assert unit is not None and unit.conclusion.startswith(words[0]), unit
    assert all(w in unit.conclusion for w in words[1:]), unit.conclusion

"""Regressions for sickness, work injury, interns, over-age workers and retirement (review 4): each test asks
her question the way a worker might and checks the first lines answer it — the verdict, her number, the article."""

from __future__ import annotations

from datetime import date

import pytest
from _answer_fixtures import service

from assistant.answering import AnswerService
from assistant.answering.facts import extract_facts
from assistant.answering.topic import pick_unit
from assistant.calculators import calculate, calculate_from_facts
from assistant.corpus import Corpus

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("cardsJ"))


def _unit(corpus: Corpus, card_id: str, question: str) -> str:
    card = next(c for c in corpus.cards if c.id == f"card:{card_id}")
    unit = pick_unit(card, question, extract_facts(question, today=TODAY))
    assert unit is not None
    return unit.conclusion


def test_injury_leave_pay_reads_what_was_paid_and_the_months_off() -> None:
    q = "工伤在家养伤3个月了，医生说还得休。我平时工资6000，这3个月公司每个月只给我打2000说是生活费，合法吗？少给了多少？"
    f = extract_facts(q, today=TODAY)
    assert (f.monthly_wage, f.injury_paid_wage, f.injury_leave_months) == (6000, 2000, 3)
    result = calculate_from_facts("injury_leave_pay", f)
    assert "12000元" in getattr(result, "text", ""), result
    # without the months: the monthly shortfall; paid in full: nothing owed
    assert "每月少发3000元" in calculate("injury_leave_pay", {"monthly_wage": 5000, "paid_monthly": 2000}).text
    assert calculate("injury_leave_pay", {"monthly_wage": 5000, "paid_monthly": 5000, "months": 2}).value == 0
    # outside a work-injury message the amount paid is not read
    assert extract_facts("公司每个月只给我打2000，我工资6000", today=TODAY).injury_paid_wage is None


@pytest.mark.parametrize(("question", "words"), [
    # 停工留薪期: the arrears with her numbers
    ("工伤在家养伤3个月了，我平时工资6000，这3个月公司每个月只给我打2000说是生活费，合法吗？少给了多少？",
     ["违法", "第三十三条", "12000元"]),
    # dismissal during 医疗期: article 42 is the reason, and her 2N
    ("我做手术住院请了一个月病假，公司直接发微信说我长期请假影响工作，把我辞退了。我在这干了4年，月薪7000，能要多少钱？",
     ["违法", "第四十二条", "56000元"]),
    # a business trip is 第十四条第五项, no fault test
    ("公司派我去外地见客户，去客户公司的路上坐的出租车出了车祸，腿骨折了。这种出差路上受伤能算工伤吗？",
     ["一般算工伤", "因工外出", "第十四条第五项"]),
    # the other driver fully at fault on the way home, and she may apply herself within a year
    ("昨天下班路上骑电动车被小轿车撞了，交警认定对方全责，公司说上下班路上的事跟公司没关系，这算工伤吗？",
     ["算工伤", "第十四条第六项", "1年内"]),
    # no work-injury insurance: the employer pays everything
    ("我在车间被机器压伤手，老板根本没给我们买工伤保险，说没保险报不了，只给了2000块。我是不是只能认了？",
     ["", "用人单位", "第六十二条"]),
    # a rehired retiree injured at work: 超龄规定第十五条, not the pension unit
    ("我已经退休领养老金了，被原单位返聘回去，上个月在单位楼梯摔骨折了。单位说返聘的人不能算工伤，是这样吗？",
     ["要交，也算工伤", "第十五条"]),
    ("我今年57，已经退休领养老金了，在饭店后厨洗碗。老板说退休返聘的不用给交工伤险，出了事自己负责。现在还是这样吗？",
     ["要交，也算工伤", "第十五条"]),
    # 超龄 without a contract and below the minimum wage: 用工协议, hours, minimum wage, no double wage
    ("我62岁（女），没领养老金，在郑州一家超市理货。老板不签合同，每天干11个小时，一个月给1800，说超龄了不受劳动法保护。是这样吗？",
     ["不对，超龄也受保护", "第六条", "第九条", "最低工资"]),
    # a 管理岗 woman told to retire at 50
    ("我在私企做财务主管（管理岗，原来是55退休），今年刚满50。老板说女的都是50退休，让我办退休手续走人，对吗？",
     ["不对", "58岁", "第三条", "第四十八条"]),
])
def test_her_question_gets_its_own_answer(svc: AnswerService, question: str, words: list[str]) -> None:
    summary = svc.ask(question).summary
    assert summary.startswith(words[0]), summary
    for w in words[1:]:
        assert w in summary, (w, summary)
    assert "二倍工资" not in summary and "痛经" not in summary


@pytest.mark.parametrize(("question", "gap", "words"), [
    # 病假工资: no standard in the corpus, never the period-pain card
    ("我在昆明上班，生病请了两周病假有医院证明，公司说病假期间一分钱不发。病假工资到底该发多少？", "sick_pay",
     ["资料库没有病假工资", "医疗期待遇", "第二十七条"]),
    ("病假工资怎么算，公司说只发最低工资的80%", "sick_pay", ["资料库没有病假工资"]),
    # pregnant and on sick leave: the gap, and no dismissal for it
    ("武汉的，孕期先兆流产，医生开了病假条让休一个月。公司说病假期间只发最低工资的80%，还说再请就让我走人。病假工资到底怎么算？他能因为这个辞我吗？",
     "sick_pay", ["病假工资的具体标准资料库没有收录", "第四十二条", "第五条"]),
    # a student intern: no national rule stored, 山东 劳务协议, never an overtime sum
    ("我在济南读大四，学校安排在一家公司实习，天天加班到晚上十点，也没加班费。公司说实习生不算员工，我跟公司到底算不算劳动关系？",
     "student_intern", ["一般不算劳动关系", "劳务协议", "第六十一条"]),
])
def test_topics_outside_the_corpus_say_so(svc: AnswerService, question: str, gap: str, words: list[str]) -> None:
    answer = svc.ask(question)
    assert answer.gap == gap, (answer.gap, answer.summary)
    assert "痛经" not in answer.summary and "150%" not in answer.summary
    for w in words:
        assert w in answer.summary, (w, answer.summary)


def test_the_medical_period_length_names_article_42(real_corpus: Corpus) -> None:
    text = _unit(real_corpus, "sick-leave-medical-period", "我要做手术休养，在这家公司干了3年，能休多久医疗期？")
    assert "资料库没有收录" in text and "第四十二条" in text


@pytest.mark.parametrize(("question", "start"), [
    ("身体不好能不能还是50岁就退", "可以弹性提前"),
    ("公司说女的都是50岁退休让我走", "不对"),
    ("我是女工人1977年3月出生，啥时候退休", "从2025年1月1日起"),  # the plain age question keeps its unit
])
def test_retirement_units(real_corpus: Corpus, question: str, start: str) -> None:
    assert _unit(real_corpus, "retirement-age-delay", question).startswith(start)


@pytest.mark.parametrize(("question", "start"), [
    ("领着退休金在外面打工，还能继续交养老保险吗", "已经领养老金的"),
    ("返聘的人受伤了算工伤吗", "要交，也算工伤"),
    ("超龄员工工资能低于最低工资吗", "不能低于当地最低工资标准"),
])
def test_overage_units(real_corpus: Corpus, question: str, start: str) -> None:
    assert _unit(real_corpus, "overage-worker-rights", question).startswith(start)


@pytest.mark.parametrize(("question", "start"), [
    ("下班路上被车撞了算工伤吗", "看事故责任"),  # no fault named: the condition first
    ("出差的时候在酒店摔伤了算工伤吗", "一般算工伤：因工外出"),
])
def test_commute_and_business_trip_units(real_corpus: Corpus, question: str, start: str) -> None:
    assert _unit(real_corpus, "work-injury-recognition", question).startswith(start)


def test_a_gap_card_for_her_stage_goes_first(real_corpus: Corpus) -> None:
    from assistant.answering.compose import _gap_card
    from assistant.answering.guidance import Gap

    gap = Gap(id="sick_pay", title="", missing="", known="", advice="", triggers=())
    cards = {c.id: c for c in real_corpus.cards}
    assert _gap_card(real_corpus, gap, (), frozenset({"怀孕"})) is cards["card:pregnancy-sick-leave-baotai"]
    assert _gap_card(real_corpus, gap, (), frozenset()) is cards["card:sick-leave-pay"]


def test_an_overage_worker_is_not_offered_the_double_wage_letter(svc: AnswerService) -> None:
    q = "我今年58了，还没领上养老金，在超市理货。老板说我超龄了，不签合同，工资也不按最低工资给，一个月1500。他说得对吗？"
    answer = svc.ask(q)
    assert answer.summary.startswith("不对，超龄也受保护") and "第六条" in answer.summary, answer.summary
    assert all(d.template_id != "double_wage_demand" for d in answer.documents)
    # a worker of ordinary age without a contract still gets it
    other = svc.ask("入职半年了公司一直不签劳动合同，我能要二倍工资吗")
    assert any(d.template_id == "double_wage_demand" for d in other.documents)


def test_a_part_the_first_conclusion_answers_gets_no_other_card(svc: AnswerService) -> None:
    q = "昨天下班路上骑电动车被小轿车撞了，交警认定对方全责，这算工伤吗？公司不去申请我自己能申请吗？"
    summary = svc.ask(q).summary
    assert summary.startswith("算工伤") and "1年内" in summary and "另外" not in summary, summary
    q = "工伤在家养伤3个月了，我平时工资6000，这3个月公司每个月只给我打2000说是生活费，合法吗？少给了多少？"
    summary = svc.ask(q).summary
    assert "12000元" in summary and "另外" not in summary, summary


@pytest.mark.parametrize(("card", "question", "start"), [
    ("overage-worker-rights", "返聘协议到期单位不续了，有补偿吗", "超龄劳动者的用工协议期限届满"),
    ("overage-worker-rights", "我退休了返聘在单位上班，还能继续领养老金吗", "已经领养老金的"),
    ("pregnancy-sick-leave-baotai", "孕期请病假公司只发一半工资对吗", "病假工资的具体标准资料库没有收录"),
    ("pregnancy-sick-leave-baotai", "保胎请了病假，公司说算旷工要开除我", "不能简单算旷工"),
])
def test_neighbouring_units_keep_their_questions(real_corpus: Corpus, card: str, question: str, start: str) -> None:
    assert _unit(real_corpus, card, question).startswith(start)

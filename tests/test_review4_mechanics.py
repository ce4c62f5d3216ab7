"""Mechanisms a fourth lawyer review found wrong: notices that do not fit the topic, two-part messages."""

from __future__ import annotations

import pytest
from _answer_fixtures import service

from assistant.answering import AnswerService
from assistant.answering.compose import region_notices


def test_a_province_without_texts_is_told_of_extra_leave_only_on_leave_topics() -> None:
    held = {"全国", "上海"}
    arbitration = region_notices(held, "江苏", False, None, "仲裁管辖")
    assert arbitration and "江苏" in arbitration[0] and "延长产假" not in arbitration[0]
    leave = region_notices(held, "江苏", False, None, "产假")
    assert "延长产假" in leave[0]
    assert region_notices(held, "上海", True, None, "仲裁管辖") == []


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("review4"))


@pytest.mark.parametrize(("question", "words"), [
    # 福建省女职工劳动保护条例第十六条: ÷30, at least 128 days — her number, not "not in the corpus"
    ("我在厦门，公司上年度职工月平均工资是6000，我产假休158天，生育津贴能领多少天？大概多少钱", ["128天", "25600元", "第十六条"]),
    # 企业职工带薪年休假实施办法第十二条: leaving on 10-31, 5 days become 4
    ("我工作4年了，今年10月31号离职，月薪8700，今年5天年假一天都没休，公司说离职了年假就作废不给钱，对吗", ["3200元"]),
    # 上海市人口与计划生育条例第三十一条: 7 days on top of the national days
    ("我在上海上班，下个月和男朋友领证，婚假能休几天啊？公司说只有3天", ["上海", "七天", "第三十一条"]),
    # 劳动争议调解仲裁法第四十七条、第四十九条: the employer cannot sue against a 终局裁决
    ("仲裁裁决公司给我12000块加班费，我们这月最低工资2490。公司说不服要去法院起诉，继续拖着我，他们能这样吗", ["单位不能起诉", "第四十九条"]),
    # no national 陪产假: the provinces the corpus holds, and where to ask
    ("我产假休完了，老公的陪产假有几天？", ["陪产假", "15天", "12333"]),
    # a protection stored in full answers even where the question also runs into the 医疗期 gap
    ("怀孕期间老是请病假保胎，公司说我医疗期满了要跟我解除合同", ["违法", "医疗期满", "第四十二条"]),
    # 哺乳时间 is working time: its own card answers a deduction, not the general pay-cut card
    ("喂奶的一个小时公司说要扣工资，说没干活", ["不能扣", "第九条"]),
    # an allowance question is not a pay cut on her return
    ("我工资比公司平均工资高，生育津贴比原来工资少，差的那部分公司要补吗", ["补足", "没有收录"]),
    # the national days are hers wherever she works; the province is asked after them
    ("生的双胞胎，产假是不是翻倍？", ["113天"]),
    # a year unsigned: 11 months settled before her wage is asked
    ("干了一年多了公司一直不跟我签合同，现在怎么办", ["11个月"]),
    # 3 hours a day is 非全日制: she may be let go at any time without 经济补偿
    ("我是小时工，每天干3个小时，老板说随时可以不用我，也不给补偿，对吗", ["合法。", "第七十一条"]),
])
def test_her_question_is_answered_in_the_first_lines(svc: AnswerService, question: str, words: list[str]) -> None:
    summary = svc.ask(question).summary
    for w in words:
        assert w in summary, (w, summary)


def test_which_wage_is_not_which_province() -> None:
    from assistant.answering.guidance import load_guidance
    from assistant.config import Settings
    from assistant.corpus import load_corpus

    settings = Settings()
    guidance = load_guidance(settings.next_steps_file, settings.gaps_file, load_corpus(settings))
    assert guidance.gap_for("生育津贴是按我自己的工资算还是按公司平均工资算？", None) is None
    gap = guidance.gap_for("公司在福建，我户口在江西，产假按福建的158天还是江西的", None)
    assert gap is not None and gap.id == "cross_province_leave"


def test_dismissed_as_absent_after_harassment_gets_the_unlawful_dismissal_and_her_number() -> None:
    from datetime import date

    from _answer_fixtures import runtime

    from assistant.answering.facts import extract_facts
    from assistant.answering.topic import pick_unit
    from assistant.calculators import Calculation, calculate_from_facts

    q = ("我被组长性骚扰以后实在不想再跟他一个班，请调班公司不批，我请了几天假没去，公司就说我旷工把我开了。"
         "我干了2年，月薪6000，能要多少赔偿")
    facts = extract_facts(q, today=date(2026, 12, 2))
    assert facts.dismissed
    card = next(c for c in runtime().corpus.cards if c.id == "card:sexual-harassment-workplace")
    unit = pick_unit(card, q, facts)
    assert unit is not None and unit.conclusion.startswith("很可能是违法解除") and unit.calc == "illegal_dismissal"
    result = calculate_from_facts(unit.calc, facts)
    assert isinstance(result, Calculation) and result.value == 24000
    # without a dismissal the same card answers her claim against the harasser
    assert not pick_unit(card, "主管一直给我发黄色短信，我能告他吗", extract_facts("主管一直给我发黄色短信，我能告他吗", today=date(2026, 12, 2))).calc


@pytest.mark.parametrize(("question", "words"), [
    # round 5: a termination at the original age is unlawful once the age is delayed (办法第一条)
    ("我1975年8月生的，车间工人，今年8月满50，公司说我到退休年龄了，发通知终止合同让我走人，合法吗？",
     ["违法终止", "50岁4个月", "2025年12月"]),
    # a province the corpus lacks: the national days are not her total
    ("成都的，四川产假到底是多少天啊，网上说法好多", ["98天", "四川的延长产假资料库未收录"]),
    # no 生育保险: the employer pays, not a deduction answer
    ("公司一直没给我交生育保险，我现在休产假，产假期间的钱找谁要？", ["由单位按您产假前的工资支付"]),
    # 更年期: the provinces that have a rule, and what she can do elsewhere
    ("我52了，在南京一家公司，更年期反应很严重，天天失眠心慌上班没精神，单位有没有义务照顾我？", ["更年期", "第十六条"]),
    # her service ends when the contract does (今年2月底到期), not today: 3 years → 21000元
    ("我2023年3月1号入职，签的第一份3年合同，今年2月底到期，公司说不续了，还说合同到期不用给补偿。我月薪7000，真的一分都没有吗？",
     ["21000元"]),
    # 工作12年，换过3家公司: cumulative years → 10 days
    ("我工作12年了，中间换过3家公司，在现在这家干了一年多。HR说新员工年假就5天，对吗？", ["10天"]),
    # 每天下午干4个小时，一周5天: 20 hours a week → 非全日制
    ("我在奶茶店做小时工，每天下午干4个小时，一周5天。老板昨天说明天不用来了，一分补偿都没有，这合法吗？", ["合法。", "第七十一条"]),
    # 返聘 wage arrears go to arbitration (超龄劳动者基本权益保障暂行规定第十九条)
    ("我退休后被原单位返聘，签了返聘协议，今年10月开始有两个月共8000块工资没发。能去劳动仲裁吗？听说退休的只能去法院起诉。",
     ["能。", "第十九条"]),
    # an intern's injury: not 工伤 as a rule, and what she can claim instead
    ("我是大三学生，暑假在电子厂实习，手被机器压伤了，厂里说实习生不算工伤，对吗？", ["第二条", "损害赔偿"]),
])
def test_round_five_first_lines(svc: AnswerService, question: str, words: list[str]) -> None:
    summary = svc.ask(question).summary
    for w in words:
        assert w in summary, (w, summary)


def test_medical_choices_are_out_of_scope_and_harassment_dismissals_go_to_the_harassment_rule() -> None:
    from datetime import date

    from _answer_fixtures import runtime

    from assistant.answering.facts import extract_facts
    from assistant.answering.protect import HARASSMENT_CARD, protect
    from assistant.answering.scope import classify
    from assistant.answering.topic import Topic

    assert classify("顺产和剖腹产到底哪个对宝宝好？我纠结死了").verdict == "out_of_scope"
    assert classify("剖腹产的产假比顺产多几天").verdict != "out_of_scope"
    assert classify("帮我把“我要辞职”翻译成英文，要正式一点的").verdict == "out_of_scope"
    assert classify("我要辞职，要提前多久说").verdict != "out_of_scope"
    q = "被同事性骚扰以后，我不愿意跟他排一个班，跟领导说了没调，我就请假没去了几天，结果公司按旷工把我开除了，合法吗？"
    cards = runtime().corpus.cards
    misconduct = next(c for c in cards if c.id == "card:misconduct-dismissal")
    moved = protect(Topic(misconduct, None, True), q, cards, extract_facts(q, today=date(2026, 12, 2)))
    assert moved.card is not None and moved.card.id == HARASSMENT_CARD
    assert moved.unit is not None and moved.unit.calc == "illegal_dismissal"


def test_articles_the_conclusion_names_are_shown_even_from_other_provinces(svc: AnswerService) -> None:
    answer = svc.ask("我产假休完了，老公的陪产假有几天？")
    laws = {c.law for c in answer.citations}
    assert {"上海市人口与计划生育条例", "广东省人口与计划生育条例"} <= laws, laws
    # … while a plain 产假 question with no place shows no province's article
    assert not any("省" in c.law or "市" in c.law for c in svc.ask("生孩子能休多少天产假").citations)


def test_the_probation_answer_is_kept_for_women_on_probation() -> None:
    from datetime import date

    from _answer_fixtures import runtime

    from assistant.answering.facts import extract_facts
    from assistant.answering.protect import PROBATION_PREGNANT_CARD, protect
    from assistant.answering.situation import situations_of
    from assistant.answering.topic import Topic

    cards = runtime().corpus.cards
    probation = next(c for c in cards if c.id == PROBATION_PREGNANT_CARD)
    for q, stays in (("在公司干了3年半，月薪8000，怀孕5个月被公司以绩效不达标为由开除了，能赔多少钱？", False),
                     ("试用期第二个月查出怀孕，HR说不符合录用条件直接辞退，合法吗？", True)):
        t = protect(Topic(probation, None, True, situations_of(q)), q, cards, extract_facts(q, today=date(2026, 12, 2)))
        assert (t.card is probation) is stays, q

"""Regressions for women workers' topics a union lawyer found uncovered or wrongly answered (review 4): each test
asks her question the way a worker might and checks that the first lines answer it — the verdict, her number,
the article — and that the answer comes from the topic that fits."""

from __future__ import annotations

from datetime import date

import pytest
from _answer_fixtures import service

from assistant.answering import AnswerService
from assistant.answering.facts import extract_facts
from assistant.answering.scope import classify
from assistant.answering.situation import situations_of
from assistant.calculators import calculate

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("cardsK"))


def test_leave_pay_calculators() -> None:
    assert calculate("leave_pay_floor", {"monthly_wage": 12000}).value == 9600
    low = calculate("leave_pay_floor", {"monthly_wage": 3000, "local_minimum_wage": 2690})
    assert low.value == 2690 and "最低工资" in low.text
    assert "6000元" in calculate("uninsured_leave_pay", {"monthly_wage": 6000}).text


def test_facts_and_situations_read_for_these_topics() -> None:
    assert extract_facts("入职第三个月就被辞退了", today=TODAY).months_worked == 3
    assert {"产假", "哺乳"} <= situations_of("宝宝是今年5月生的，合同下个月到期")
    assert "怀孕" not in situations_of("宝宝是今年5月生的，合同下个月到期")
    assert "产假" not in situations_of("宝宝预计下个月出生")
    assert "流产" in situations_of("宫外孕做了手术")


@pytest.mark.parametrize(("question", "topic", "words"), [
    # 上海: 孕期居家办公 is by agreement (上海条例第四十五条), not "no Shanghai rule"
    ("我在上海上班，怀孕两个月吐得厉害，想申请居家办公，公司一定要答应吗", "孕期哺乳期保护",
     ["可以提出，但要和单位协商", "第四十五条", "第六条"]),
    # 上海 产前假: must be approved, pay at least 80% of her wage
    ("上海的，有习惯性流产史想请产前假，公司说没这个假，我工资12000，请假期间最少拿多少", "孕期哺乳期保护",
     ["单位应当批准", "9600元", "第四十五条"]),
    # 宫外孕 is a 流产 for 产假
    ("宫外孕做了手术，大概怀孕7周，领导说宫外孕不算流产只能请病假，对吗", "流产假", ["算，按流产享受产假", "15天", "第七条"]),
    # full-term stillbirth is a birth: 98 days
    ("怀孕足月分娩但是孩子生下来就没了，公司只给我15天流产假，合理吗", "产假", ["不对", "98天", "第七条"]),
    # not insured: the employer pays 产假 at her pre-leave wage, her number
    ("单位从来没给我交过社保，现在休产假每月只发2000基本工资，我原来工资6500，这样行吗", "生育保险",
     ["不合法", "6500元", "第八条"]),
    # 生育津贴 withheld: it is hers
    ("生育津贴社保局打给公司了，公司只按最低工资发给我，剩下的差额我能要回来吗", "生育津贴",
     ["能要回来", "第五十六条"]),
    # 哺乳期 layoff: 第四十二条 with 第四十一条, and the 赔偿金 with her numbers
    ("公司裁员把我列进名单了，孩子才6个月，我干了3年月薪6000，哺乳期也能裁吗", "三期保护",
     ["不能裁您", "第四十二条", "36000元"]),
    # 哺乳期 contract expiry: 续延, never the work-injury rule
    ("宝宝是今年5月生的，合同下个月到期，公司说到期不续签让我走，可以吗", "合同顺延", ["不能让您走", "第四十五条"]),
    # 三期 续延 ended: 经济补偿
    ("哺乳期满合同终止了，公司说顺延期满不续签也不给补偿，对吗", "合同顺延", ["有", "第四十六条"]),
    # weekly pooling of nursing time is not a right
    ("每天一小时喂奶时间，我想攒到周五一起休半天，公司不同意，它有理吗", "哺乳期保护", ["单位的说法有依据", "每天", "第九条"]),
    # commuting time for nursing: no such rule stored, never "有"
    ("回家喂奶来回要一个多小时，路上的时间能算在哺乳时间里吗", "哺乳期保护", ["没有这样的规定", "第九条"]),
    ("家离单位远，回家喂奶路上就要一小时，能多给点时间吗", "哺乳期保护", ["没有这样的规定", "第九条"]),
    # 黑龙江: 哺乳时间 may be used flexibly
    ("哈尔滨的，单位没托儿所，喂奶时间每天多久，能直接用来每天早走吗", "女职工劳动保护", ["黑龙江", "灵活使用", "第十四条"]),
    # 黑龙江 痛经假 beats the national "no 痛经假"
    ("大庆的，医院诊断痛经，能休假吗？卫生费单位不发行不行", "女职工劳动保护", ["黑龙江", "1至2", "35元"]),
    # 福建 更年期: temporary suitable work on her application, by agreement
    ("福州的，更年期综合征一直治不好，上夜班受不了，能申请换个轻松的岗位吗", "女职工劳动保护",
     ["福建", "可以申请", "第十一条"]),
    # harassment: "is it harassment?" answered yes with the articles
    ("领导总在半夜给我发暧昧消息，我拒绝了还发，这算性骚扰吗", "职场性骚扰", ["算", "第二十三条", "第一千零一十条"]),
    # pregnancy dismissal in probation: 0.5 month × 2
    ("试用期刚入职第二个月，查出怀孕就被说不符合录用条件辞退了，月薪6000，我能要多少赔偿", "试用期", ["不合法", "6000元", "第八十七条"]),
    # "工资4000，能赔多少": 多少 is not a pay cut
    ("试用期查出怀孕被辞退，入职第三个月，工资4000，能赔多少", "试用期", ["不合法", "4000元", "第八十七条"]),
])
def test_her_question_gets_its_own_answer(svc: AnswerService, question: str, topic: str, words: list[str]) -> None:
    a = svc.ask(question)
    assert a.topic == topic, (a.topic, a.summary)
    summary = a.summary
    assert words[0] in summary.split("\n")[0][:40], summary
    for w in words[1:]:
        assert w in summary, (w, summary)


def test_shanghai_rule_found_is_not_reported_missing(svc: AnswerService) -> None:
    a = svc.ask("在上海，怀孕后能不能跟公司申请弹性上班")
    assert not any("没有找到上海" in n for n in a.notices), a.notices


def test_heilongjiang_leave_answer_adds_who_pays(svc: AnswerService) -> None:
    a = svc.ask("哈尔滨的，单位交了生育保险，单位上年度职工月平均工资5000，顺产，产假几天？钱分别谁出？")
    assert "180" in a.summary and "158" in a.summary and "其余22天由单位" in a.summary, a.summary


def test_pregnant_air_travel_is_out_of_scope() -> None:
    assert classify("怀孕七个月了想坐飞机回老家，航空公司让开什么证明").verdict == "out_of_scope"
    assert classify("我在航空公司做地勤，怀孕了还让我上夜班").verdict == "in_scope"

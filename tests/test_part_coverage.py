"""Each part of her message answered in the first lines, and no line about something she never asked."""

from __future__ import annotations

from datetime import date

import pytest
from _answer_fixtures import assert_first_lines, service

from assistant.answering import AnswerService
from assistant.answering.facts import extract_facts
from assistant.answering.parts import names_something, question_parts
from assistant.calculators import calculate


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("parts"))


@pytest.mark.parametrize(("part", "names"), [
    ("3个月下来公司少给了我多少", False),  # how much of what the first part asked about
    ("这合法吗", False),
    ("一共差了多少钱", False),
    ("产假能休多少天", True),
    ("能要求拆掉吗", True),
])
def test_parts_that_name_nothing(part: str, names: bool) -> None:
    assert names_something(part) is names


def test_is_it_questions_are_parts() -> None:
    parts = question_parts("青岛，下个月生头胎。我老公的陪产假有几天？山东现在有没有育儿假？我的产假是不是98天再加60天？")
    assert parts[-1] == "我的产假是不是98天再加60天"


def test_what_was_deducted_beyond_the_cap() -> None:
    facts = extract_facts("月工资4000，这个月工资条上直接扣了3000，说下个月再扣2000", today=date(2026, 12, 3))
    assert facts.deducted_amount == 3000 and facts.monthly_wage == 4000
    c = calculate("damage_deduction", {"monthly_wage": 4000, "deducted": 3000})
    assert c.value == 800 and "多扣的2200元要退还" in c.text
    assert "退还" not in calculate("damage_deduction", {"monthly_wage": 4000, "deducted": 500}).text


@pytest.mark.parametrize(("question", "words", "absent"), [
    # one month's deduction of 3000 from 4000: unlawful, 800 at most, 2200 back; no overtime-hours line
    ("我在奶茶店上班，月工资4000。上个月不小心把一台封口机摔坏了，店长说机器值5000，这个月工资条上直接扣了3000，"
     "说下个月再扣2000。我们这里最低工资是2300。这样扣合法吗？一个月最多能扣我多少？",
     ["不合法", "800元", "2200元"], ["36小时", "可以扣，但"]),
    # the probation shortfall is her first subject, not a work-injury wage rule
    ("新公司跟我签了3年合同，试用期3个月，合同上写月工资7000，但是试用期每个月只发5000。试用期工资可以打这么低吗？"
     "3个月下来公司少给了我多少？", ["5600元"], ["停工留薪"]),
    # a camera in the changing room is privacy, not 第八十八条's insults and searches
    ("我们公司说为了防盗，在女员工更衣室门口和里面都装了摄像头，说录像只有老板能看。我们换衣服全被拍进去了。"
     "这合法吗？能要求拆掉吗？", ["隐私", "第一千零三十三条"], ["第八十八条", "非法搜查"]),
    # a deposit and a withheld ID card in one question: both answered
    ("我刚去一家酒店做服务员，入职的时候HR收了我800块'工服押金'，还把我身份证原件拿走，说统一保管，干满一年才退。"
     "我现在想辞职，他们说押金不退，身份证要等交接完了才还。这合法吗？", ["身份证", "押金", "违法"], []),
    ("公司扣着我的身份证不给，合法吗", ["身份证"], ["押金"]),
    # 青岛 is 山东: its 育儿假 question answered for 山东, and the 98+60 part too
    ("青岛，下个月生头胎。我老公问他的陪产假（护理假）有几天？山东现在有没有育儿假？我的产假是不是98天再加60天？",
     ["7日", "育儿假", "158天"], ["告诉我您在哪个省"]),
    ("郑州，在超市上班，第一胎顺产。河南产假是不是98天再加三个月？老公单位说他的护理假只有15天，对吗？",
     ["1个月", "188天"], []),
    # a stoppage in its fourth month: the province's 生活费 standard is not held, said once
    ("我们厂从今年8月就停产了，快4个月了一直让我们在家待岗，没活干。8月工资照发了，9月开始每个月只打800块。"
     "我在江苏苏州，合同工资4200。待岗这段时间单位到底该发多少？800块合法吗？",
     ["生活费", "没有收录"], ["另外，看停工多久"]),
    # a 杭州 worker's sick pay never cites 云南's regulation
    ("我在杭州一家公司上班，月薪5500。最近做了个手术，医院开了一个月的病假条。公司说病假期间只给500块生活费。"
     "病假工资到底应该发多少？500块合法吗？", ["80%", "底线"], ["云南"]),
    # no compensation written into a non-compete does not void it; the three months she kept it are paid
    ("我之前在一家科技公司做研发工程师，2026年8月31日离职。劳动合同里有竞业限制条款，写了离职后2年内不能去同行上班，"
     "但是一分钱补偿都没写。我离职前12个月平均工资12000。这3个月（9月到11月）我老老实实没去同行，公司也没给过钱。"
     "这个条款没写补偿是不是就无效了？我能找公司要钱吗？", ["不是无效", "10800元"], ["仲裁不收费"]),
    # going straight to court: arbitration first (第五条), then the 一裁终局 sum
    ("公司欠我3个月工资，一共1.8万，一直拖着不给。我能直接去法院起诉吗？听说仲裁完了公司还能去法院一审二审拖很久，"
     "是真的吗？我们这里月最低工资是2000元。", ["先申请劳动仲裁", "第五条", "24000元", "一裁终局"], []),
    # "能要多少" names nothing, yet the first card's unit with her number answers it (2N for a sick-leave dismissal)
    ("公司员工手册规定“一个月请病假超过3天一律按旷工处理，旷工满3天解除合同”，手册是入职时我签收了的。上个月我急性肠胃炎住院，"
     "有医院病假证明，请了4天病假，结果公司按旷工把我开除了。我干了2年7个月，月薪6000。这个规定有效吗？能要多少？",
     ["36000元"], []),
])
def test_first_lines(svc: AnswerService, question: str, words: list[str], absent: list[str]) -> None:
    assert_first_lines(svc.ask(question).summary, words, absent)

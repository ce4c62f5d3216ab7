"""Her numbers held against the rule's threshold: months since leaving vs 三个月, her wage vs the minimum wage."""

from __future__ import annotations

from datetime import date

import pytest
from _answer_fixtures import service

from assistant.answering import AnswerService
from assistant.answering.facts import extract_facts
from assistant.calculators import calculate

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(("text", "months"), [
    ("签了竞业限制，离职5个月了公司一分钱补偿没给", 5),
    ("我2026年10月15日离职的，竞业补偿一直没给", 1),
    ("2026年9月被辞退了", 3),
    ("合同明年3月到期", None),  # a date still ahead is no time since leaving
])
def test_months_since_she_left(text: str, months: int | None) -> None:
    assert extract_facts(text, today=TODAY).months_since_left == months


def test_the_short_paid_leave_amount_is_not_her_wage() -> None:
    text = "生育津贴打到公司账上了，算下来一个月9000多，结果产假期间公司只按底薪3000一个月发我"
    assert extract_facts(text, today=TODAY).monthly_wage == 9000


def test_below_minimum_wage_needs_both_numbers() -> None:
    assert extract_facts("工资条上每月2000，当地最低工资2490", today=TODAY).below_minimum_wage is True
    assert extract_facts("我月薪2600，当地最低工资2490", today=TODAY).below_minimum_wage is False
    assert extract_facts("我月薪2600", today=TODAY).below_minimum_wage is None


def test_minimum_wage_gap_worked_examples() -> None:
    one = calculate("minimum_wage_gap", {"monthly_wage": 2000, "local_minimum_wage": 2490})
    assert one.value == 490 and "最低工资规定#12" in one.articles
    three = calculate("minimum_wage_gap", {"monthly_wage": 1800, "local_minimum_wage": 2200, "months": 3})
    assert three.value == 1200 and "1200元" in three.text
    assert calculate("minimum_wage_gap", {"monthly_wage": 2600, "local_minimum_wage": 2490}).value == 0


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("review6"))


@pytest.mark.parametrize(("question", "words", "absent"), [
    # 解释（一）第三十八条: three months unpaid after leaving, not two
    ("签了竞业限制，离职2个月了公司还没给补偿，我还要遵守吗", ["暂时还要遵守", "不满三个月", "第三十八条"], ["可以要求解除"]),
    ("签了竞业限制，离职5个月了公司一分钱补偿没给，我还要遵守吗", ["可以要求解除", "已满三个月"], ["暂时还要遵守"]),
    # 最低工资规定第十二条 applied to her own two numbers
    ("工资条上每月2000，当地最低工资2490，这合法吗", ["不合法", "490元", "第十二条"], ["全国没有统一"]),
    ("我月薪2600，当地最低工资2490，公司说够了", ["不低于"], ["不合法"]),
    # 劳动合同法第十四条: ten years at this employer settles it; four years leaves only the two-contract ground
    ("在公司干了11年了，合同到期公司说不续了，我能要求签无固定期限合同吗", ["能。", "已满十年", "第十四条"], []),
    ("合同到期了，干了4年，能要求签无固定期限合同吗", ["不满十年", "二次固定期限"], ["能。"]),
    # 第四十二条第（五）项 needs fifteen years: ten years is not protected by it, sixteen is
    ("我在这家单位干了10年，快退休了，还差3年，公司要辞退我", ["不满15年", "违法解除"], ["超龄"]),
    ("我在厂里干了16年，还有两年退休，公司要裁我", ["不能", "已满15年", "第四十二条"], []),
    # 上海市人口与计划生育条例第三十一条 answers both parts: her 158 days and his 10 days
    ("上海的，快生了。想问两个事：1.我产假一共多久？2.我老公能休几天陪产假，工资扣不扣？", ["158天", "陪产假10天"], ["浙江"]),
    # 第十九条 with the contract term she gave; 第九条 does not forbid travel, it bounds it
    ("试用期6个月，合同签了1年，合法吗？", ["违法", "最长2个月"], []),
    ("孩子10个月，公司让我出差一周，能拒绝吗", ["不一定", "没有禁止哺乳期出差", "第九条"], ["可以拒绝"]),
    # 干部身份 names the 55 group: her age, not a question back (办法第一条)
    ("我1972年8月出生，女，在单位做会计（干部身份），什么时候退休？", ["55岁8个月", "2028年4月"], []),
    # 工伤保险条例第十七条: the employer's 30 days passed, her own year has not
    ("工伤认定公司不给申请，已经过去两个月了怎么办", ["自己申请", "1年内"], ["行政复议"]),
    # 社会保险法: contributions go on through 产假 — not a question of whether an allowance can still be drawn
    ("产假期间公司停了我的社保，合法吗", ["违法"], ["不一定能领"]),
    # 女职工劳动保护特别规定第九条第二款 has no fine in 第十三条: complaint under 第十四条
    ("哺乳期公司不给我喂奶时间，怎么投诉", ["违法", "1小时", "第十四条"], ["不能。"]),
    # 纺织厂女工 is the 50 group: 1977年6月 → 51岁3个月 in 2028年9月 (办法第一条)
    ("我今年49岁，女工，在纺织厂，什么时候退休，1977年6月生的", ["51岁3个月", "2028年9月"], []),
    # plain resignation: no 经济补偿 unless the employer is at fault (第三十八条、第四十六条)
    ("我主动辞职，公司要给补偿吗", ["看辞职的原因", "不需要支付经济补偿"], ["能。"]),
    # 工伤保险条例第十四条第（三）项: violence while doing her job
    ("我在公司上班被同事打了，算工伤吗", ["履行工作职责受到暴力", "私人纠纷"], []),
    # her schedule is enough for a month's estimate (劳动法第四十四条, 第四十一条)
    ("每天工作12小时，一周上6天班，月薪4000，加班费多少", ["5380.46元", "36小时"], []),
    # back from 产假 and told to go: 哺乳期 dismissal, 2N for six years (第四十二条、第八十七条)
    ("产假结束回来公司说岗位没了让我走人，我干了6年，月工资9000，怎么办", ["违法解除", "108000元"], []),
    # 第六条: lighter work on a doctor's note, whatever the month; not the overtime rule
    ("我怀孕6个月，公司让我每天站着上班8小时，能要求坐着吗", ["证明", "减轻", "第六条"], ["36小时"]),
    # round 6: her dates decide the 二倍工资 months (入职 2025-11-10, 补签 2026-05-10 → 5 months)
    ("我2025年11月10号入职一家培训机构，一直没签合同，直到2026年5月10号才签，月薪4800。能要多少双倍工资？", ["5个月", "24000元"], ["11个月"]),
    # 第十九条: a contract under three months may have no probation at all; 第八十三条 damages at the full wage
    ("我跟一家会展公司签了个2个半月的合同，合同里还约了1个月试用期，试用期工资只发4500，转正是6000。现在试用期那一个月已经过了。这么短的合同也能约试用期吗？",
     ["不得约定试用期", "6000元"], []),
    # 一天年假都没休 is none taken: leaving on 10-31 after 8 years, 4 days owed (实施办法第十二条)
    ("我累计工作8年了，在现在公司干了3年，今年一天年假都没休。我打算10月31号离职，月薪7395（不含加班费）。离职时公司得补我几天年假的钱？多少钱？",
     ["4天", "2720元"], []),
    # 解释（一）第三十九条: the employer ends the covenant, three more months of compensation
    ("我离职时签了竞业限制，期限2年，每月补偿4000。上周公司突然发通知说不用我再履行竞业了，补偿也停了。公司能说停就停吗？", ["三个月"], ["最长二年"]),
    # pregnant and dismissed under 第四十条: the 三期 shield, not a resignation for pay
    ("我怀孕4个月了。公司说客观情况发生重大变化，按劳动合同法第四十条跟我解除合同，额外给我一个月工资。这合法吗？", ["违法"], ["第三十八条"]),
    # 10 hours a day on the 22 workdays she names: 44 h at 150% of 5220÷21.75÷8 = 1980元
    ("我月薪5220，每天干10个小时，一周5天。上个月22个工作日全是这样，一分加班费没有。加班费该给多少？", ["1980元"], []),
    # two fixed-term contracts: 能 (第十四条), not "要看您签过几次"
    ("我2020年12月1号入职，第一份合同2年，第二份合同4年，今年到期。公司说不续了。我能要求签无固定期限合同吗？", ["能。", "第十四条"], ["要看您"]),
    # 工伤保险条例第三十三条第二款: twelve months may be extended by up to twelve; a 留薪期 ending is no contract ending
    ("我工伤腰椎骨折，医生说至少还得休养14个月。公司说停工留薪期法律规定最多12个月，到期就停发工资。是这样吗？",
     ["不完全对", "延长", "第三十三条"], ["续延"]),
    # 职工带薪年休假条例第四条第（三）项 with her six years and two and a half months of sick leave
    ("我参加工作6年了，今年请了两个半月病假。公司说我今年的年假没有了，对吗？", ["对，今年不享受", "第四条"], ["不一定"]),
    # 实施条例第二十七条: the 经济补偿 base is what she should have had, not the 底薪 she was short-paid on leave
    ("公司给我交了生育保险，生育津贴打到公司账上了，算下来一个月9000多，结果产假期间公司只按底薪3000一个月发我。我想干脆辞职，能要经济补偿吗？我在这干了4年",
     [], ["12000元"]),
    # 附录三（十）: climbing and constant bending are forbidden in pregnancy; 不干就走人 is a threat, not a dismissal
    ("怀孕4个月，在超市做理货，每天要爬梯子往高处货架上码货、一直弯腰蹲下。店长说岗位就这样不干就走人。孕妇能干这种活吗？",
     ["附录"], ["不能辞退"]),
    # 第四十一条第二款: the family's only earner is kept first
    ("公司裁员，我是单亲妈妈家里就我一个人上班，能不能先不裁我", ["优先留用", "家庭无其他就业人员"], []),
])
def test_her_numbers_against_the_threshold(svc: AnswerService, question: str, words: list[str],
                                           absent: list[str]) -> None:
    summary = svc.ask(question).summary
    for w in words:
        assert w in summary, (w, summary)
    for w in absent:
        assert w not in summary, (w, summary)


def test_numbered_and_announced_parts() -> None:
    from assistant.answering.parts import _turns_to, question_parts

    q = "想问三个问题：1.产假多少天 2.哺乳时间每天多久 3.生育津贴怎么算"
    assert question_parts(q) == ["想问三个问题：1.产假多少天", "2.哺乳时间每天多久", "3.生育津贴怎么算"]
    assert question_parts("产假158天，还能休3.5天年假吗") == ["产假158天，还能休3.5天年假吗"]  # a decimal is no list
    # a bare 对吗 asks about the statement before it; 另外 announces a matter of its own
    assert question_parts("公司说哺乳时间每天就1小时，双胞胎也一样。对吗？另外领导还想让我轮夜班。") == [
        "公司说哺乳时间每天就1小时，双胞胎也一样对吗", "领导还想让我轮夜班"]
    announced = "我怀孕5个月，公司要辞退我，合法吗？另外产假有多少天？"
    assert [_turns_to(announced, p) for p in question_parts(announced)] == [False, True]
    assert not _turns_to("老板跑路了，能报警吗？还是找劳动局", "老板跑路了，能报警吗")


@pytest.mark.parametrize(("question", "words"), [
    # three questions, three answers: 浙江 护理假 15天, 产假 188天, 育儿假 10天 (浙江省人口与计划生育条例第二十二条)
    ("杭州的，生二胎产假几天？老公陪产假几天？育儿假有吗？", ["15天护理假", "188天", "10天育儿假"]),
    # a part she announces with 另外 is answered even though the whole message is about dismissal
    ("我怀孕5个月，公司要辞退我，合法吗？如果辞退能赔多少？我干了3年，月薪6000。另外产假有多少天？",
     ["违法", "36000元", "98天"]),
])
def test_every_part_she_asks_is_answered(svc: AnswerService, question: str, words: list[str]) -> None:
    summary = svc.ask(question).summary
    for w in words:
        assert w in summary, (w, summary)


def test_overtime_from_her_schedule() -> None:
    # 12 hours × 6 days at 4000元: (12−8)×5×52/12 = 86.7 h at 150%, 1×12×52/12 = 52 h at 200%
    c = calculate("overtime_pay", {"monthly_wage": 4000, "daily_hours": 12, "days_per_week": 6})
    assert c.value == 5380.46 and "超过了每月36小时" in c.text and "劳动法#41" in c.articles
    assert calculate("overtime_pay", {"monthly_wage": 5000, "daily_hours": 9, "days_per_week": 5}).value == pytest.approx(
        round(21.7 * 5000 / 21.75 / 8 * 1.5, 2), abs=0.05)
    from assistant.errors import InvalidInputError
    with pytest.raises(InvalidInputError):
        calculate("overtime_pay", {"monthly_wage": 5000, "daily_hours": 8, "days_per_week": 5})
    with pytest.raises(InvalidInputError):
        calculate("overtime_pay", {"monthly_wage": 5000, "daily_hours": 10})


def test_a_wrong_claim_counts_only_where_the_conclusion_makes_it() -> None:
    from assistant.evaluation.answer_metrics import claimed

    assert claimed(["合法"], "不合法。单位不得因您怀孕降低工资") == []
    assert claimed(["算事假"], "不能算事假、旷工，也不能因此扣工资") == []
    assert claimed(["合法"], "合法。双方都可以随时通知终止用工") == ["合法"]
    assert claimed(["超过时效"], "已经超过时效，除非时效中断") == ["超过时效"]
    assert claimed(["违法"], "不合法。") == ["违法"]  # 不合法 says 违法 (EQUIVALENT)


def test_a_landlord_deposit_is_not_an_employer_deposit(svc: AnswerService) -> None:
    a = svc.ask("房东不退我3000块租房押金，说墙上有几个钉子眼要扣钱，我该怎么办？")
    assert not a.in_scope and "租赁" in a.summary
    rent = svc.ask("公司欠我两个月工资没发，我现在交房租都困难了，能不能让公司先把钱给我")
    assert rent.in_scope  # her rent is why she needs her wage, not a tenancy question


def test_what_she_may_eat_while_pregnant_is_a_doctors_question(svc: AnswerService) -> None:
    a = svc.ask("怀孕4个月了，可以吃螃蟹和喝咖啡吗？每天喝一杯有没有影响？")
    assert not a.in_scope and "医生" in a.summary


def test_an_embrace_behind_a_closed_door_is_harassment(svc: AnswerService) -> None:
    a = svc.ask("老板把我叫进办公室关上门，从后面抱我还亲我脖子，我推开跑了。公司就是他开的，跟公司投诉也没用。我还能怎么办？能让他赔钱吗？")
    assert ("性骚扰" in a.summary or "民事责任" in a.summary) and "破产" not in a.summary, a.summary

"""Round-8 faults, each a first-lines expectation: her topic, her number, never the neighbouring question.

These run on the product's own hybrid retrieval (the real embedding model), as the reviewers saw it.
"""

from __future__ import annotations

from datetime import date

import pytest
from _answer_fixtures import assert_first_lines

from assistant.answering import AnswerService
from assistant.answering.facts import extract_facts
from assistant.answering.situation import situations_of
from assistant.config import Settings
from assistant.runtime import open_runtime

TODAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def svc(model_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    rt = open_runtime(model_settings)
    assert rt.mode == "hybrid", rt.degraded
    settings = model_settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("review8"), "llm_base_url": None})
    return AnswerService(rt, settings)


@pytest.mark.parametrize(("text", "months"), [
    ("上海的，2011年9月1日入职，公司主动提出跟我协商解除，11月30日走", 183),  # this November, not 2011's
    ("我2021年7月1日入职，11月30日被裁了", 65),
    ("2024年3月1日入职，我要是12月10号因为这个辞职", 33),  # the coming 12月10日 she plans
    ("2025年3月1日入职，9月1日被辞退", 6),  # a recent start: the same year
])
def test_leaving_dates_years_after_the_start(text: str, months: int) -> None:
    assert extract_facts(text, today=TODAY).months_worked == months


def test_years_worked_in_all() -> None:
    facts = extract_facts("我在北京一家公司干了5年，参加工作一共15年。今年做手术请了2个月零10天病假", today=TODAY)
    assert facts.total_years_worked == 15


def test_a_denied_pregnancy_is_not_hers() -> None:
    assert "怀孕" not in situations_of("主管说哺乳期又不是怀孕，照样得上")
    assert extract_facts("主管说哺乳期又不是怀孕", today=TODAY).pregnant is None
    assert "求职" in situations_of("启事上写着“限男性”，我投了简历")


@pytest.mark.parametrize(("question", "words", "absent"), [
    ("杭州，我看到一家公司招“数据分析专员”，启事上写着“限男性”。我学历经验都符合，投了简历，HR直接回我“我们只要男生”。"
     "这合法吗？我能告他们吗？公司会被罚吗？", ["歧视", "起诉", "罚款"], ["末位淘汰"]),
    ("我在山西，看到煤矿招井下采煤工，一个月一万多，我想报名，人家说井下只招男的，女的可以报地面岗位。这算性别歧视吗？",
     ["不算违法", "第五十九条", "第二十七条"], []),
    ("佛山，今年4月生了双胞胎，现在产假休完回去上班了。公司每天只给1小时喂奶时间，还说这1小时要按事假扣工资。"
     "双胞胎不能多一点吗？喂奶时间能扣钱吗？", ["2小时", "不能扣"], ["降职"]),
    ("宁波，宝宝今年3月20日出生，我产假休完回厂了。现在车间要给我排夜班，主管说哺乳期又不是怀孕，照样得上。"
     "这样可以吗？要到哪天以后才能排我夜班？每天有喂奶时间吗？", ["不得", "夜班", "第九条"], ["满7个月"]),
    ("我在广州一家公司做行政，部门经理老给我发黄色段子，还说晚上陪他吃饭就让我转正。我截图给HR投诉了，两个星期没任何回复，"
     "HR口头说“他就是开玩笑”。公司这样不管合法吗？我能直接起诉经理吗？", ["性骚扰", "第一千零一十条"], []),
    ("上海的，2011年9月1日入职，公司主动提出跟我协商解除，11月30日走。我月薪9000，前12个月平均也是9000。"
     "HR说《上海市劳动合同条例》规定补偿最多12个月工资，只给10.8万。应该给我多少？", ["139500元"], ["4500元"]),
    ("我在东莞一个小作坊做包装，老板赶货的时候晚上把车间大门锁上，不干完不让走，还说谁走就扣钱。我2024年4月15日进的，"
     "月工资4800。我想马上不干了，要提前跟他说吗？走了能要补偿吗？", ["不用提前说", "第三十八条"], ["三十日以书面"]),
    ("我9月1日入职，签了3年合同，试用期6个月，试用期工资7200。11月30日公司说我这个岗位取消了，试用期可以随时辞退，"
     "当天就让我走，什么都没给。我不想回去了，能要多少？", ["7200元", "第八十七条"], ["3600元（"]),
    ("我在成都一家培训机构做前台，合同写着“员工离职须提前3个月申请，否则赔违约金2万”。公司没出钱给我培训过，"
     "也没签竞业协议。我现在想辞职，不等3个月就走的话要赔这2万吗？", ["不用赔", "第二十五条"], ["分摊"]),
    ("我在上海做芯片研发，离职时公司拿出合同，竞业限制写的是3年，每月补偿按我离职前工资的30%。"
     "HR说《上海市劳动合同条例》允许竞业限制最长3年。第3年我还得守着不去同行吗？", ["二年", "第二十四条"], []),
    ("我在济南一家超市上班，劳动合同今年5月31日就到期了，老板没提续签，我一直照常上班到现在，也没签新合同，月工资5000。"
     "听说山东到期不续签也要给双倍工资？到11月底能多拿多少？要是一直不签会怎么样？", ["二倍", "第五十七条"], []),
    ("我1970年2月生，原来55岁退休，去年到退休年龄时跟公司签了弹性延迟退休协议，延到2027年3月。我2016年4月1日入职，"
     "月薪一直是7000。11月30日公司说我早过退休年龄了，随时能让我走，没给补偿。合法吗？能要多少？",
     ["不合法", "第二十三条", "154000元"], ["2025年3月达到"]),
    ("我在广州做电商客服，2024年3月1日入职，合同写月薪7000。9月跟主管说了怀孕，10月、11月工资都只发5000，说我效率低。"
     "怀孕能降我工资吗？我要是12月10号因为这个辞职，能拿多少补偿？", ["不能降", "第五条", "21000元"], ["协商一致解除"]),
])
@pytest.mark.model
def test_first_lines(svc: AnswerService, question: str, words: list[str], absent: list[str]) -> None:
    assert_first_lines(svc.ask(question).summary, words, absent)

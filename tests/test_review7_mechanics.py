"""Round-7 fixes: dates read the way she means them, calculators for dates and leave pay, and first lines."""

from __future__ import annotations

from datetime import date

import pytest
from _answer_fixtures import assert_first_lines, service

from assistant.answering import AnswerService
from assistant.answering.facts import extract_facts
from assistant.answering.situation import situations_of
from assistant.calculators import calculate, calculate_from_facts

TODAY = date(2026, 12, 3)


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("review7"))


@pytest.mark.parametrize(("text", "expected"), [
    # the one later date she names after a dismissal is when it ended: 2023-07-01 … 2026-11-30 → 41 months
    ("我2023年7月1日进的公司做行政，今年11月30日公司说部门撤了，当天就给了我解除通知", {"months_worked": 41}),
    ("我怀孕4个月了，公司11月15日突然说我不能胜任，直接发了解除通知。我2022年5月20日入职，月工资9000",
     {"months_worked": 53, "monthly_wage": 9000}),
    # 这周五（12月4日）: this year's day, not one inherited from the start date's year
    ("工资两个月没发，每个月6000。我是2024年2月15日入职的。我想这周五（12月4日）就不干了", {"months_worked": 33}),
    # 10月8日 after a date in late November is that October, not the next one
    ("合同到2026年11月30日到期。10月8日我查出病来，一直在休病假，11月30日就终止了", {"sick_leave_months": None}),
    ("每个月工资一直是8000", {"monthly_wage": 8000}),
    # several kinds of overtime in one message
    ("11月工作日加起来一共加了20个小时；还有两个周六被叫去上了整天班，每次8小时；10月1日国庆节当天也上了一天班",
     {"overtime_workday_hours": 20, "overtime_rest_days": 2, "overtime_holiday_days": 1}),
    ("上个月工作日晚上加班一共10个小时，还有一个周六加了8小时", {"overtime_workday_hours": 10, "overtime_rest_days": 1}),
    ("10月份4个周六都被安排上班，没给调休，月工资3480", {"overtime_rest_days": 4, "months_worked": None}),
    # 服务满5年 from its first day to her last: 2024-01-01 … 2026-12-31 is 36 months
    ("从2024年1月1日起服务满5年，提前走要赔违约金5万。我打算干到2026年12月31日就辞职，培训费一共3万",
     {"service_period_months": 60, "service_served_months": 36}),
    ("签了3年合同，试用期6个月，干到第4个月查出怀孕", {"months_worked": 4}),
])
def test_facts_read(text: str, expected: dict[str, object]) -> None:
    facts = extract_facts(text, today=TODAY)
    assert {k: getattr(facts, k) for k in expected} == expected


def test_a_sick_worker_s_october_is_this_year() -> None:
    facts = extract_facts("合同到2026年11月30日到期。10月8日我查出病来", today=TODAY)
    assert [d.value for d in facts.dates] == [date(2026, 11, 30), date(2026, 10, 8)]


def test_production_is_not_a_birth() -> None:
    assert situations_of("是厂里主要的生产岗位") == frozenset()
    assert situations_of("安全生产事故") == frozenset()
    assert situations_of("我下个月生产") == frozenset({"产假"})


def test_flexible_retirement_worked_examples() -> None:
    # 1977-10 female50: 2 months' delay per 2 months from 2025-01 → 51岁5个月 (2029-03); earliest at 50 (2027-10)
    c = calculate("flexible_retirement", {"birth_year": 1977, "birth_month": 10, "category": "female50"})
    assert "2029年3月" in c.text and "最早可以在2027年10月" in c.text
    # 1980-06: 52岁9个月 (2033-03); three years earlier (2030-03) is before 50, so 2030-06
    c = calculate("flexible_retirement", {"birth_year": 1980, "birth_month": 6, "category": "female50"})
    assert "2033年3月" in c.text and "2030年6月" in c.text
    # 原退休时间早于2025年: no delay, nothing to bring forward
    assert "不能再弹性提前" in calculate("flexible_retirement", {"birth_year": 1970, "birth_month": 1,
                                                               "category": "female50"}).text


def test_contract_extension_to_the_first_birthday() -> None:
    c = calculate("contract_extension", {"contract_end": "2027-03-31", "child_birth": "2026-10-08"})
    assert "2027年10月8日" in c.text and c.articles[0] == "劳动合同法#45"
    assert "已经结束" in calculate("contract_extension", {"contract_end": "2027-12-31", "child_birth": "2026-10-08"}).text
    facts = extract_facts("孩子2026年4月出生，劳动合同2026年12月31日到期", today=TODAY)
    result = calculate_from_facts("contract_extension", facts)
    assert not hasattr(result, "question") and "2027年4月" in result.text  # type: ignore[union-attr]


def test_uninsured_leave_pay_over_her_leave() -> None:
    facts = extract_facts("上海，月薪8000，老板没给我交社保。我现在怀孕6个月，以后顺产头胎", today=TODAY)
    c = calculate_from_facts("uninsured_leave_pay", facts)
    assert "158天产假合计约42133.33元" in c.text  # type: ignore[union-attr]


def test_non_compete_pay_for_the_months_kept() -> None:
    c = calculate("non_compete_pay", {"monthly_wage": 12000, "months_kept": 3})
    assert c.value == 3600 and "共10800元" in c.text


@pytest.mark.parametrize(("question", "words", "absent"), [
    # touched and shown porn, then dismissed for 旷工 when avoiding him: the harassment card's 2N (2 × 3 × 4500)
    ("我在饭店后厨干了3年，月薪4500。同组一个男的老摸我，还给我看黄图。我不想跟他一个班，店长不同意，我就没去上班，"
     "现在说我旷工把我开了。这样合法吗？我能要多少？", ["违法解除", "27000元"], []),
    # she names the missing 规定: the answer says first that it is not stored
    ("我是劳务派遣工，在主要的生产岗位干了3年了。厂里说派遣工超过用工总量的10%了，要把我退回派遣公司。"
     "《劳务派遣暂行规定》对这种退回是怎么规定的？", ["资料库没有收录《劳务派遣暂行规定》"], ["孕期、产期、哺乳期被违法辞退"]),
    ("老板欠我4个月工资1.6万，劳动监察下了限期支付通知他还是不给，人也找不到了。这种老板会被判刑吗？能判几年？",
     ["资料库没有收录《中华人民共和国刑法》", "拒不支付劳动报酬罪"], []),
    # 上海's 哺乳假 named: its 80% floor, 10000 × 80%
    ("上海，月薪10000，三甲医院诊断我产后抑郁挺严重的。我想请哺乳假，公司说哺乳假期间只发上海最低工资。这合法吗？最少应该发多少？",
     ["哺乳假", "8000元"], []),
    # 劳动合同法第四十五条 with her child's birthday
    ("福州，劳动合同2027年3月31日到期，我2026年10月8日生的宝宝，现在休产假。公司说合同到期就不续了。合同要顺延到什么时候？",
     ["2027年10月8日"], []),
    ("我1977年10月出生，在食品厂做工人，原来是50岁退休。我想弹性提前退休，最早能哪个月退？", ["2027年10月"], []),
    # 医疗期内到期终止: 违法终止, 2N = 2 × 3 × 7000
    ("我2023年12月1日入职，签了3年合同，到2026年11月30日到期。10月8日我查出病来，一直在休病假。公司通知我合同到期不续签了，"
     "11月30日就终止了，只给我3个月经济补偿21000。我月工资7000。公司这样做对吗？", ["违法终止", "42000元"], []),
    ("公司2024年1月送我去外地参加专业技术培训，有发票的培训费加上差旅费一共3万元，服务期协议：从2024年1月1日起服务满5年，"
     "违约金5万。我打算干到2026年12月31日就辞职，到底要赔多少？", ["12000元"], []),
    ("离职前有竞业限制，一分钱补偿都没写。我2026年8月31日离职，离职前12个月平均工资12000。这3个月我没去同行，公司也没给过钱。"
     "我能找公司要钱吗？", ["3600元", "10800元"], []),
    ("我今年62岁，已经在领退休金了，在物业做保洁，月工资3480。10月份4个周六都被安排上班，没给调休。我能要多少加班费？",
     ["1280元"], []),
    # 第四十条 without notice: N+1 = 3.5 × 8000 + 8000, and no second, smaller N after it
    ("我2023年7月1日进的公司做行政，今年11月30日公司说我们部门整个撤掉了，让我去仓库上班，我不同意，谈了两次没谈拢，"
     "当天就给了我解除通知让我走，没有提前一个月通知我。我每个月工资一直是8000。我到底能拿多少？", ["36000元"], ["共28000元。因"]),
    ("厂里因为政府规划要整体搬到清远，问我去不去，我说去不了，谈补贴也没谈拢。今天厂里直接发书面通知说即日起解除合同，没提前30天。"
     "我干了5年2个月，月薪5000。我能拿到多少钱？", ["32500元"], ["提前三十日以书面形式通知单位"]),
    # she asks what the city's minimum wage is: we say we do not hold the figure before anything else
    ("我在广州一家服装厂上班，试用期工资2100，转正后2500。广州现在的最低工资是多少？我这个2100是不是已经低于最低工资了？",
     ["资料库没有收录", "最低工资标准"], []),
    ("我在饭店后厨上班，2026年10月12日切菜的时候把手切伤了。老板一直不给我报工伤。我还能申请工伤认定吗？最晚什么时候？",
     ["2027年10月12日"], []),
    ("公司欠我3个月工资，一共1.8万，一直拖着不给。我能直接去法院起诉吗？听说仲裁完了公司还能去法院一审二审拖很久，是真的吗？"
     "我们这里月最低工资是2000元。",
     ["24000元", "一裁终局"], []),
])
def test_first_lines(svc: AnswerService, question: str, words: list[str], absent: list[str]) -> None:
    assert_first_lines(svc.ask(question).summary, words, absent)


def test_claim_deadlines_and_the_final_award() -> None:
    c = calculate("injury_claim_deadline", {"injury_date": "2026-10-12", "today": "2026-12-03"})
    assert "2026年11月11日" in c.text and "2027年10月12日" in c.text and c.value == 313
    assert "已于2027年10月12日届满" in calculate("injury_claim_deadline",
                                               {"injury_date": "2026-10-12", "today": "2027-11-01"}).text
    final = calculate("final_award", {"claim_amount": 18000, "local_minimum_wage": 2000})
    assert "24000元" in final.text and "一裁终局" in final.text
    assert "不是一裁终局" in calculate("final_award", {"claim_amount": 30000, "local_minimum_wage": 2000}).text


@pytest.mark.parametrize(("text", "expected"), [
    ("2026年10月12日切菜的时候把手切伤了，去医院缝了针", {"injury": date(2026, 10, 12)}),
    ("公司欠我3个月工资，一共1.8万，一直拖着不给。我们这里月最低工资是2000元", {"owed": 18000, "minimum": 2000}),
    ("老板欠我和另外两个姐妹每人4个月工资，我一个人就1.6万", {"owed": 16000}),
    ("部门撤了，当天就给了我解除通知让我走，没有提前一个月通知我", {"no_notice": True}),
    ("厂里直接发书面通知说即日起解除合同", {"no_notice": True, "dismissed": True}),
])
def test_claim_facts(text: str, expected: dict[str, object]) -> None:
    f = extract_facts(text, today=TODAY)
    got = {"injury": next((d.value for d in f.dates if d.role == "injury"), None), "owed": f.owed_amount,
           "minimum": f.minimum_wage, "no_notice": f.no_notice, "dismissed": f.dismissed}
    assert {k: got[k] for k in expected} == expected



def test_a_sum_or_a_pointer_with_a_judgement_names_nothing_new() -> None:
    from assistant.answering.parts import names_something

    assert not names_something("500块合法吗")
    assert not names_something("这合法吗")
    assert names_something("生育津贴按6000还是9000算")
    assert names_something("产假多少天")


def test_unused_leave_pay_has_the_ordinary_time_limit(svc: AnswerService) -> None:
    summary = svc.ask("我2021年4月1日进的现在这家公司，从来没休过年假，公司也没给过钱。我2026年6月30日辞职了。"
                      "听说欠的工资离职一年内都能要，年假工资是不是也一样？").summary
    assert summary.startswith("不一样") and "第二十七条" in summary


def test_ended_at_fifty_gets_no_and_her_own_retirement_month(svc: AnswerService) -> None:
    summary = svc.ask("我1976年11月出生，在纺织厂当挡车工，我们厂女工以前都是50岁退休。厂里说我上个月满50了，"
                      "要跟我终止劳动合同办退休，我自己没申请提前退休。厂里这样做对吗？我应该什么时候退？").summary
    assert summary.startswith("不对") and "2027年11月" in summary and "第八十七条" in summary

"""Facts from colloquial questions: many phrasings per field, negatives, merging turns, storing, calculators."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from assistant.answering.facts import Facts, extract_facts, facts_from_known, facts_to_known
from assistant.calculators import Calculation, Missing, calculate_from_facts

TODAY = date(2026, 12, 1)


def facts(text: str, previous: Facts | None = None) -> Facts:
    return extract_facts(text, today=TODAY, previous=previous)


CASES: list[tuple[str, dict[str, Any]]] = [
    # time worked at this employer
    ("干了五年半被裁员", {"months_worked": 66, "months_worked_approx": False, "dismissed": True}),
    ("工作了3年8个月", {"months_worked": 44}),
    ("入职两年多", {"months_worked": 24, "months_worked_approx": True}),
    ("干了8个月", {"months_worked": 8}),
    ("5年7个月，月薪8000", {"months_worked": 67, "monthly_wage": 8000}),
    ("在这家公司干了一年零三个月", {"months_worked": 15}),
    ("我在厂里做了快三年了", {"months_worked": 36, "months_worked_approx": True}),
    ("在公司待了半年", {"months_worked": 6}),
    ("上了十个多月班", {"months_worked": 10, "months_worked_approx": True}),
    ("在这家单位已经十年了", {"months_worked": 120}),
    # monthly wage
    ("月薪8000", {"monthly_wage": 8000}),
    ("月工资6000元", {"monthly_wage": 6000}),
    ("工资一个月六千", {"monthly_wage": 6000}),
    ("8k", {"monthly_wage": 8000}),
    ("税前1万2", {"monthly_wage": 12000}),
    ("工资大概三千五左右", {"monthly_wage": 3500}),
    ("每个月到手4500块", {"monthly_wage": 4500}),
    ("一个月拿5000", {"monthly_wage": 5000}),
    ("底薪2800", {"monthly_wage": 2800}),
    ("年薪12万", {"monthly_wage": 10000}),
    ("工资1.5万", {"monthly_wage": 15000}),
    ("当地社平工资9000，我月薪3万", {"local_average_wage": 9000, "monthly_wage": 30000}),
    ("我们那最低工资标准是2490", {"minimum_wage": 2490, "monthly_wage": None}),
    # pregnancy
    ("怀孕3个月了", {"pregnant": True, "pregnancy_months": 3}),
    ("孕7个多月", {"pregnant": True, "pregnancy_months": 7, "pregnancy_approx": True}),
    ("怀孕12周", {"pregnant": True, "pregnancy_months": 3}),
    ("我怀孕了，公司要调我岗", {"pregnant": True, "pregnancy_months": None}),
    ("先兆流产在家保胎被算旷工", {"pregnant": True, "miscarriage": None}),
    # child's age
    ("孩子8个月", {"child_age_months": 8, "child_under_one": True}),
    ("宝宝10个月大了", {"child_age_months": 10}),
    ("孩子不到一岁被排夜班", {"child_under_one": True, "child_age_months": None}),
    ("刚满月就让我回去上班", {"child_age_months": 1}),
    ("孩子一岁半了", {"child_age_months": 18, "child_under_one": False}),
    ("生完孩子3个月", {"child_age_months": 3}),
    ("孩子2026年3月出生", {"child_age_months": 8, "birth_year": None}),
    # babies, birth
    ("我家是双胞胎", {"babies": 2}),
    ("生了三胞胎", {"babies": 3}),
    ("龙凤胎", {"babies": 2}),
    ("难产", {"difficult_birth": True}),
    ("剖腹产", {"cesarean": True}),
    ("剖宫产的", {"cesarean": True}),
    ("顺产", {"cesarean": False}),
    # birth order
    ("二胎", {"birth_order": 2}),
    ("生二孩", {"birth_order": 2}),
    ("老二出生后", {"birth_order": 2}),
    ("第二个孩子", {"birth_order": 2}),
    ("三胎", {"birth_order": 3}),
    ("头胎", {"birth_order": 1}),
    # miscarriage
    ("怀孕3个月流产了", {"miscarriage": True, "pregnancy_months": 3, "pregnant": False}),
    ("小产了", {"miscarriage": True}),
    ("孕10周胎停", {"miscarriage": True, "pregnancy_months": 2}),
    ("流产后被算旷工", {"miscarriage": True}),
    # age, birth, retirement group
    ("我今年49岁", {"age": 49, "dates": ()}),
    ("1977年3月出生", {"birth_year": 1977, "birth_month": 3}),
    ("77年生的", {"birth_year": 1977, "birth_month": None}),
    ("我是1980年5月的", {"birth_year": 1980, "birth_month": 5}),
    ("我今年49岁，是工厂女工，什么时候能退休", {"age": 49, "sex": "female", "retirement_category": "female50",
                                               "retirement_category_ambiguous": False}),
    ("女，在办公室做会计", {"retirement_category": "female55", "retirement_category_ambiguous": True}),
    ("我原来是55岁退休的", {"retirement_category": "female55", "retirement_category_ambiguous": False, "age": None}),
    ("我是男的，1965年5月生", {"sex": "male", "retirement_category": "male60", "birth_year": 1965}),
    # dates
    ("2025年3月1日被辞退", {"dates": ((date(2025, 3, 1), "day", "end"),)}),
    ("去年3月入职", {"dates": ((date(2025, 3, 1), "month", "start"),)}),
    ("上个月10号离职的", {"dates": ((date(2026, 11, 10), "day", "end"),), "employment_ended": True}),
    ("3个月前被开除", {"dates": ((date(2026, 9, 1), "month", "end"),), "months_worked": None}),
    ("2024-10-08签的合同", {"dates": ((date(2024, 10, 8), "day", "contract"),)}),
    ("3月15号公司通知我走人", {"dates": ((date(2026, 3, 15), "day", "end"),)}),
    ("12月20日", {"dates": ((date(2025, 12, 20), "day", None),)}),  # still to come this year: last year's
    # employment status, arrears, contract
    ("已离职", {"employment_ended": True, "dismissed": None}),
    ("被辞退了", {"employment_ended": True, "dismissed": True}),
    ("公司说要辞退我", {"employment_ended": None, "dismissed": None}),
    ("公司拖欠工资三个月", {"wage_arrears": True, "months_worked": None}),
    ("工资一直没发", {"wage_arrears": True}),
    ("入职8个月了还没签合同", {"no_written_contract": True, "months_worked": 8}),
    ("在这干了一年，合同一直没签，工资4000", {"no_written_contract": True, "months_worked": 12}),
    ("2023年5月入职，今年10月被辞退", {"months_worked": 41, "months_worked_approx": True}),
    ("2025年3月1日入职的", {"months_worked": 21, "months_worked_approx": False}),
    ("签了三年合同", {"contract_term_months": 36}),
    ("劳动合同期限一年", {"contract_term_months": 12}),
    ("签的无固定期限合同", {"open_ended_contract": True}),
    ("试用期三个月", {"probation_months": 3}),
    ("签了一年合同，试用期6个月", {"contract_term_months": 12, "probation_months": 6}),
    ("工龄十年", {"total_years_worked": 10, "months_worked": None}),
    ("参加工作20年了", {"total_years_worked": 20}),
    # overtime
    ("每天加班3小时", {"overtime_daily_hours": 3}),
    ("周末加班2天", {"overtime_rest_days": 2}),
    ("国庆加班了3天", {"overtime_holiday_days": 3}),
    ("这个月一共加班了40个小时", {"overtime_workday_hours": 40}),
    ("每晚加班两个半小时，加了20天班", {"overtime_daily_hours": 2.5, "overtime_workdays": 20}),
    # region
    ("我在杭州上班", {"region": "浙江"}),
    ("深圳的工厂", {"region": "广东"}),
    # negatives: numbers that are neither wages nor durations
    ("劳动合同法第四十二条怎么规定", {"months_worked": None, "monthly_wage": None}),
    ("打12351有用吗", {"monthly_wage": None, "months_worked": None}),
    ("98天产假是怎么算的", {"monthly_wage": None, "months_worked": None, "child_age_months": None}),
    ("一年内要申请仲裁吗", {"months_worked": None}),
    ("每天工作12小时", {"monthly_wage": None, "months_worked": None}),
    ("公司欠我工资两万", {"monthly_wage": None, "wage_arrears": True}),
    ("仲裁时效是一年吗", {"months_worked": None, "contract_term_months": None}),
    ("第2条", {"birth_order": None, "months_worked": None}),
    ("劳动合同里写了入职两年内不准怀孕", {"months_worked": None, "pregnant": None}),
    ("娃三岁以内还有育儿假吗", {"child_age_months": None}),
    ("我怀上了3个月，老板说要裁员", {"pregnancy_months": 3, "months_worked": None, "dismissed": None}),
    ("上班一个月到手才1500", {"monthly_wage": 1500, "months_worked": None}),
    ("年假到底有几天？我总共上班8年了", {"total_years_worked": 8, "months_worked": None}),
    ("公司天天挑刺，就是想逼我自己辞职", {"employment_ended": None}),
    ("说不去就算自动离职", {"employment_ended": None}),
    ("我辞职能要经济补偿吗", {"employment_ended": None}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_extracts(text: str, expected: dict[str, Any]) -> None:
    got = facts(text)
    for name, want in expected.items():
        value = getattr(got, name)
        if name == "dates":
            value = tuple((d.value, d.precision, d.role) for d in value)
        assert value == want, (name, value)


def test_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


def test_previous_turn_is_remembered_and_overridden() -> None:
    first = facts("干了两年多，在杭州")
    assert first.months_worked_approx
    second = facts("具体是2年7个月，月薪8000", previous=first)
    assert (second.months_worked, second.months_worked_approx, second.monthly_wage) == (31, False, 8000)
    assert second.region == "浙江"  # kept from the first turn
    third = facts("怀孕了", previous=second)
    assert third.monthly_wage == 8000 and third.pregnant


def test_known_round_trip() -> None:
    f = facts("2025年3月1日入职，月薪8000，杭州，二胎，双胞胎，剖宫产，工厂女工，1990年3月出生")
    known = facts_to_known(f)
    assert all(k.startswith("fact.") for k in known) and all(isinstance(v, str) for v in known.values())
    assert known["fact.monthly_wage"] == "8000.0"
    assert facts_from_known({**known, "employer": "某公司", "fact.age": "not a number"}) == f


def test_calculators_from_facts_worked_examples() -> None:
    sev = calculate_from_facts("severance", facts("干了五年半被裁员，月工资5000"))
    assert isinstance(sev, Calculation) and sev.text == "经济补偿为6个月工资，共30000元"
    dmg = calculate_from_facts("illegal_dismissal", facts("干了3年8个月，月工资6000，被无故辞退"))
    assert isinstance(dmg, Calculation) and dmg.value == 48000
    zj = calculate_from_facts("maternity_leave", facts("我在杭州，生二胎，顺产，单胎，产假多少天"))
    assert isinstance(zj, Calculation) and zj.value == 188
    twins = calculate_from_facts("nursing_time", facts("回去上班后每天能有多少时间喂奶？我家是双胞胎"))
    assert isinstance(twins, Calculation) and twins.value == 2
    ret = calculate_from_facts("retirement_age", facts("我1977年3月出生，是工厂女工，什么时候能退休"))
    assert isinstance(ret, Calculation) and ret.text == "法定退休年龄为51岁2个月，在2028年5月达到"


def test_missing_facts_ask_one_short_question() -> None:
    ask = calculate_from_facts("severance", facts("被裁员了能拿多少补偿"))
    assert isinstance(ask, Missing) and ask.missing == ("months_worked", "monthly_wage")
    assert ask.question == "您在这家单位工作了多久？月工资大约多少？"
    loose = calculate_from_facts("severance", facts("入职两年多，月薪6000，被裁了"))
    assert isinstance(loose, Missing) and loose.question == "您具体在这家单位工作了2年零几个月？"
    retire = calculate_from_facts("retirement_age", facts("我今年49岁，是工厂女工，什么时候能退休"))
    assert isinstance(retire, Missing) and retire.missing == ("birth_year", "birth_month")
    office = calculate_from_facts("retirement_age", facts("女，1975年6月出生，在办公室上班"))
    assert isinstance(office, Missing) and office.missing == ("retirement_category",)
    zj = calculate_from_facts("maternity_leave", facts("杭州的，产假多少天"))
    assert isinstance(zj, Missing) and zj.missing == ("birth_order",)
    where = calculate_from_facts("maternity_leave", facts("产假多少天"))
    assert isinstance(where, Missing) and where.missing == ("region",)
    ot = calculate_from_facts("overtime_pay", facts("每天加班3小时，月薪6000"))
    assert isinstance(ot, Missing) and ot.missing == ("overtime_workdays",)


def test_arbitration_and_overtime_from_facts() -> None:
    gone = calculate_from_facts("arbitration_deadline", facts("去年3月被辞退了，还能申请仲裁吗"))
    assert isinstance(gone, Calculation)
    assert gone.value < 0 and "2026年3月1日" in gone.text  # TODAY is 2026-12-01: passed
    arrears = calculate_from_facts("arbitration_deadline", facts("上个月10号离职的，公司还拖欠工资"))
    assert isinstance(arrears, Calculation) and "2027年11月10日" in arrears.text
    vague = calculate_from_facts("arbitration_deadline", facts("去年被开除的"))
    assert isinstance(vague, Missing) and "几月几号" in vague.question
    ot = calculate_from_facts("overtime_pay", facts("月薪6000，每晚加班3小时，加了20天班，周末加班2天"))
    assert isinstance(ot, Calculation) and ot.value == round(6000 / 21.75 / 8 * (1.5 * 60 + 2 * 16), 2)


def test_employer_average_wage_maternity_days_and_leave_none_taken() -> None:
    f = extract_facts("我在厦门，公司上年度职工月平均工资是6000，我产假休158天，生育津贴能领多少", today=date(2026, 12, 2))
    assert (f.employer_average_wage, f.local_average_wage, f.maternity_leave_days) == (6000, None, 158)
    assert extract_facts("当地上年度平均工资9000", today=date(2026, 12, 2)).local_average_wage == 9000
    f = extract_facts("今年5天年假一天都没休", today=date(2026, 12, 2))
    assert (f.leave_days_unused, f.leave_days_taken) == (5, 0)
    assert extract_facts("还剩3天年假没休", today=date(2026, 12, 2)).leave_days_taken is None


def test_pregnancy_weeks_with_an_approximate_word() -> None:
    f = extract_facts("我是宫外孕做的手术，怀孕差不多7周", today=date(2026, 12, 2))
    assert (f.pregnancy_months, f.pregnancy_approx) == (1, True)

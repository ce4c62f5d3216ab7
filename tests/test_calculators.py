"""Calculators on worked examples, boundaries and bad input; every article they name exists in the corpus."""

from __future__ import annotations

import re

import pytest

from assistant.calculators import CALCULATORS, calculate, calculation_to_json, calculator_schema
from assistant.calculators.dates import RETIREMENT
from assistant.corpus import Corpus
from assistant.errors import InvalidInputError, NotFoundError


def test_worked_examples_of_the_issue() -> None:
    assert calculate("severance", {"months_worked": 67, "monthly_wage": 8000}).value == 48000
    assert calculate("illegal_dismissal", {"months_worked": 67, "monthly_wage": 8000}).value == 96000
    five_and_half = calculate("severance", {"months_worked": 66, "monthly_wage": 5000})
    assert five_and_half.text == "经济补偿为6个月工资，共30000元"
    three_years_eight = calculate("illegal_dismissal", {"months_worked": 44, "monthly_wage": 6000})
    assert three_years_eight.value == 48000
    assert three_years_eight.text == "违法解除的赔偿金为经济补偿（4个月工资24000元）的二倍，即8个月工资，共48000元"
    zj = calculate("maternity_leave", {"province": "浙江", "birth_order": 2, "babies": 1})
    assert (zj.value, zj.unit) == (188, "天")
    assert zj.articles == ("女职工劳动保护特别规定#7", "浙江省人口与计划生育条例#22")
    r = calculate("retirement_age", {"birth_year": 1977, "birth_month": 3, "category": "female50"})
    assert r.text == "法定退休年龄为51岁2个月，在2028年5月达到"
    assert (r.value, r.unit) == (51.17, "岁")


@pytest.mark.parametrize(
    ("months", "months_of_wage"),
    [(0, "0.5"), (5, "0.5"), (6, "1"), (11, "1"), (12, "1"), (17, "1.5"), (18, "2"), (24, "2"), (66, "6"), (67, "6")],
)
def test_severance_half_year_rule(months: int, months_of_wage: str) -> None:
    calc = calculate("severance", {"months_worked": months, "monthly_wage": 1000})
    assert calc.text.startswith(f"经济补偿为{months_of_wage}个月工资")
    assert calc.value == float(months_of_wage) * 1000


def test_severance_three_times_cap_and_twelve_year_cap() -> None:
    capped = calculate("severance", {"months_worked": 30, "monthly_wage": 30000, "local_average_wage": 8000})
    assert capped.value == 3 * 24000  # 2.5 years → 3 months of 3 × 8000
    assert any("三倍" in s for s in capped.steps)
    long = calculate("severance", {"months_worked": 200, "monthly_wage": 30000, "local_average_wage": 8000})
    assert long.value == 12 * 24000  # 16年8个月 would be 17 months; the cap allows 12
    uncapped = calculate("severance", {"months_worked": 200, "monthly_wage": 20000, "local_average_wage": 8000})
    assert uncapped.value == 17 * 20000  # at or below three times the average: neither cap applies
    assert calculate("illegal_dismissal", {"months_worked": 200, "monthly_wage": 30000,
                                           "local_average_wage": 8000}).value == 2 * 12 * 24000


def test_severance_minimum_wage_floor_and_pre_2008_note() -> None:
    low = calculate("severance", {"months_worked": 24, "monthly_wage": 1500, "local_minimum_wage": 2000})
    assert low.value == 4000
    old = calculate("severance", {"months_worked": 240, "monthly_wage": 5000})
    assert "劳动合同法#97" in old.articles and any("2008年1月1日" in n for n in old.notes)
    # 赔偿金 counts from the first day of employment (实施条例第二十五条): no pre-2008 note there.
    assert "劳动合同法#97" not in calculate("illegal_dismissal", {"months_worked": 240, "monthly_wage": 5000}).articles


def test_double_wage_months_cap_and_deemed_open_ended_contract() -> None:
    assert calculate("double_wage", {"monthly_wage": 6000, "months_without_contract": 8}).value == 42000
    assert calculate("double_wage", {"monthly_wage": 6000, "months_without_contract": 1}).value == 0
    year = calculate("double_wage", {"monthly_wage": 6000, "months_without_contract": 14})
    assert year.value == 66000 and "劳动合同法#14" in year.articles
    assert any("无固定期限" in n for n in year.notes)
    dated = calculate("double_wage", {"monthly_wage": 6000, "start_date": "2025-03-01", "signed_date": "2025-08-16"})
    assert dated.value == 24000 and any("15天" in n for n in dated.notes)
    unsigned = calculate("double_wage", {"monthly_wage": 5000, "start_date": "2024-03-01", "today": "2026-01-01"})
    assert unsigned.value == 55000 and "劳动合同法#14" in unsigned.articles


def test_overtime_rates() -> None:
    calc = calculate("overtime_pay", {"monthly_wage": 6000, "workday_hours": 3})
    assert calc.value == 155.17  # 6000 ÷ 21.75 ÷ 8 × 150% × 3
    holiday = calculate("overtime_pay", {"monthly_wage": 6000, "holiday_hours": 8})
    assert holiday.value == 827.59
    rest = calculate("overtime_pay", {"monthly_wage": 6000, "rest_day_hours": 16, "rest_day_compensated": "是"})
    assert rest.value == 0 and any("补休" in s for s in rest.steps)
    assert calculate("overtime_pay", {"monthly_wage": 6000, "rest_day_hours": 16}).value == 1103.45
    many = calculate("overtime_pay", {"monthly_wage": 6000, "workday_hours": 40})
    assert "劳动法#41" in many.articles


@pytest.mark.parametrize(
    ("params", "days"),
    [
        ({}, 98),
        ({"difficult_birth": True, "babies": 2}, 128),
        ({"province": "上海"}, 158),
        ({"province": "广东省"}, 178),
        ({"province": "浙江", "birth_order": 1}, 158),
        ({"province": "浙江", "birth_order": 3, "babies": 2}, 203),
        ({"province": "山东"}, 158),
        ({"province": "黑龙江", "cesarean": True}, 195),
        ({"province": "福建"}, 158),
        ({"miscarriage": True, "pregnancy_months": 3}, 15),
        ({"miscarriage": True, "pregnancy_months": 4, "province": "浙江"}, 42),
        ({"miscarriage": True, "pregnancy_months": 2, "province": "黑龙江"}, 21),
        ({"miscarriage": True, "pregnancy_months": 7, "province": "福建"}, 98),
    ],
)
def test_maternity_leave_days(params: dict[str, object], days: int) -> None:
    assert calculate("maternity_leave", params).value == days


def test_maternity_leave_labels_and_gaps() -> None:
    bj = calculate("maternity_leave", {"province": "北京"})
    assert bj.value == 158 and bj.articles == ("女职工劳动保护特别规定#7",)  # never the stored 2016 第十八条
    assert any(n.startswith("依据公开信息，正文未收录") for n in bj.notes)
    assert "北京市人口与计划生育条例#18" not in bj.articles
    sd = calculate("maternity_leave", {"province": "山东"})
    assert any("可能已经过时" in n for n in sd.notes)
    yn = calculate("maternity_leave", {"province": "云南"})
    assert yn.value == 98 and any("语料库未收录云南" in n for n in yn.notes)
    js = calculate("maternity_leave", {"province": "江苏"})
    assert js.value == 98 and any("语料库未收录江苏" in n for n in js.notes)
    fj = calculate("maternity_leave", {"province": "福建"})
    assert fj.text.startswith("产假为158至180天")
    cs = calculate("maternity_leave", {"cesarean": True})
    assert cs.value == 98 and any("剖宫产" in n for n in cs.notes)
    with pytest.raises(InvalidInputError, match="birth_order"):
        calculate("maternity_leave", {"province": "浙江"})
    with pytest.raises(InvalidInputError, match="pregnancy_months"):
        calculate("maternity_leave", {"miscarriage": True})


def test_nursing_time() -> None:
    twins = calculate("nursing_time", {"babies": 2})
    assert (twins.value, twins.unit) == (2, "小时/天")
    assert calculate("nursing_time", {"child_age_months": 11}).value == 1
    one = calculate("nursing_time", {"child_age_months": 12})
    assert one.value == 0 and "满一周岁" in one.text
    hlj = calculate("nursing_time", {"province": "黑龙江"})
    assert hlj.value == 2 and "黑龙江省女职工劳动保护条例#14" in hlj.articles


@pytest.mark.parametrize(("years", "days"), [(0.5, 0), (1, 5), (9.9, 5), (10, 10), (19, 10), (20, 15), (35, 15)])
def test_annual_leave(years: float, days: int) -> None:
    assert calculate("annual_leave", {"total_years_worked": years}).value == days


@pytest.mark.parametrize(
    ("params", "months"),
    [({"contract_term_months": 2}, 0), ({"contract_term_months": 3}, 1), ({"contract_term_months": 11}, 1),
     ({"contract_term_months": 12}, 2), ({"contract_term_months": 35}, 2), ({"contract_term_months": 36}, 6),
     ({"open_ended": True}, 6), ({"task_based": True}, 0)],
)
def test_probation_longest(params: dict[str, object], months: int) -> None:
    assert calculate("probation", params).value == months


def test_probation_pay_and_overlong_probation() -> None:
    calc = calculate("probation", {"contract_term_months": 12, "agreed_wage": 3000, "local_minimum_wage": 2490,
                                   "agreed_probation_months": 3})
    assert "试用期工资不得低于2490元（当地最低工资标准）" in calc.text  # 80% is 2400, below the minimum
    assert "劳动合同法#83" in calc.articles
    ok = calculate("probation", {"contract_term_months": 36, "agreed_wage": 6000})
    assert ok.text == "试用期最长6个月；试用期工资不得低于4800元（约定工资6000元的80%）"


def test_damage_deduction_names_what_sets_the_cap() -> None:
    plain = calculate("damage_deduction", {"monthly_wage": 4000})
    assert (plain.value, plain.text) == (800, "每月最多从工资里扣800元（当月工资4000元的20%）")
    # 2500 - 20% leaves 2000, below a 2200 minimum wage: the floor sets the cap, and the text must say so
    floored = calculate("damage_deduction", {"monthly_wage": 2500, "local_minimum_wage": 2200})
    assert floored.value == 300
    assert "20%" not in floored.text and "最低工资标准2200元" in floored.text


def test_arbitration_deadline() -> None:
    running = calculate("arbitration_deadline", {"known_date": "2025-03-01", "today": "2025-12-01"})
    assert running.text == "仲裁时效截止日为2026年3月1日，距今天还有90天" and running.value == 90
    passed = calculate("arbitration_deadline", {"known_date": "2025-03-01", "today": "2026-04-01"})
    assert passed.value == -31 and "届满" in passed.text
    assert any("中断" in n for n in passed.notes)
    leap = calculate("arbitration_deadline", {"known_date": "2024-02-29", "today": "2024-06-01"})
    assert "2025年2月28日" in leap.text
    employed = calculate("arbitration_deadline", {"wage_arrears": True, "today": "2026-01-10"})
    assert "不受一年仲裁时效的限制" in employed.text
    ended = calculate("arbitration_deadline", {"wage_arrears": True, "employment_ended": True,
                                               "employment_end_date": "2025-06-30", "today": "2026-01-10"})
    assert ended.text.startswith("仲裁时效截止日为2026年6月30日")
    weekend = calculate("arbitration_deadline", {"known_date": "2025-03-07", "today": "2025-04-01"})
    assert "民法典#203" in weekend.articles  # 2026-03-07 is a Saturday
    with pytest.raises(InvalidInputError, match="employment_end_date"):
        calculate("arbitration_deadline", {"wage_arrears": True, "employment_ended": True})
    with pytest.raises(InvalidInputError, match="晚于今天"):
        calculate("arbitration_deadline", {"known_date": "2030-01-01", "today": "2026-01-01"})


@pytest.mark.parametrize(
    ("birth", "category", "age", "month"),
    [
        ((1977, 3), "female50", "51岁2个月", "2028年5月"),
        ((1974, 12), "female50", "50岁", "2024年12月"),  # original retirement before 2025: no delay
        ((1975, 1), "female50", "50岁1个月", "2025年2月"),
        ((1984, 12), "female50", "55岁", "2039年12月"),  # the 60-month cap is reached here
        ((1990, 6), "female50", "55岁", "2045年6月"),
        ((1969, 12), "female55", "55岁", "2024年12月"),
        ((1970, 1), "female55", "55岁1个月", "2025年2月"),
        ((1965, 4), "male60", "60岁1个月", "2025年5月"),
        ((1965, 5), "male60", "60岁2个月", "2025年7月"),
        ((1976, 12), "male60", "63岁", "2039年12月"),
        ((1980, 1), "男", "63岁", "2043年1月"),
    ],
)
def test_retirement_age(birth: tuple[int, int], category: str, age: str, month: str) -> None:
    calc = calculate("retirement_age", {"birth_year": birth[0], "birth_month": birth[1], "category": category})
    assert calc.text == f"法定退休年龄为{age}，在{month}达到"


@pytest.mark.parametrize(
    ("name", "params", "field"),
    [
        ("severance", {"months_worked": -1, "monthly_wage": 8000}, "months_worked"),
        ("severance", {"months_worked": 12}, "monthly_wage"),
        ("severance", {"months_worked": "五年", "monthly_wage": 8000}, "months_worked"),
        ("severance", {"months_worked": 12, "monthly_wage": "inf"}, "monthly_wage"),
        ("severance", {"months_worked": 12, "monthly_wage": 8000, "bonus": 1}, "bonus"),
        ("overtime_pay", {"monthly_wage": 6000}, "workday_hours"),
        ("maternity_leave", {"province": "火星"}, "province"),
        ("maternity_leave", {"babies": 0}, "babies"),
        ("retirement_age", {"birth_year": 1977, "birth_month": 13, "category": "female50"}, "birth_month"),
        ("retirement_age", {"birth_year": 1977, "birth_month": 3, "category": "female45"}, "category"),
        ("arbitration_deadline", {"known_date": "去年"}, "known_date"),
        ("probation", {"contract_term_months": 12, "open_ended": True}, "contract_term_months"),
        ("annual_leave", {"total_years_worked": True}, "total_years_worked"),
    ],
)
def test_bad_input_names_the_field_in_chinese(name: str, params: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        calculate(name, params)
    assert field in info.value.message
    assert re.search(r"[\u4e00-\u9fff]", info.value.message)


def test_unknown_calculator_and_non_mapping_params() -> None:
    with pytest.raises(NotFoundError, match="severance"):
        calculate("pension", {})
    with pytest.raises(InvalidInputError):
        calculate("severance", [("months_worked", 1)])  # type: ignore[arg-type]


def test_every_parameter_has_a_chinese_title_and_description() -> None:
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for name in CALCULATORS:
        schema = calculator_schema(name)
        assert schema["properties"], name
        for prop, spec in schema["properties"].items():
            assert cjk.search(spec.get("title", "")), (name, prop)
            assert cjk.search(spec.get("description", "")), (name, prop)


def test_json_shape() -> None:
    data = calculation_to_json(calculate("severance", {"months_worked": 67, "monthly_wage": 8000}))
    assert data["articles"][0] == {"id": "劳动合同法#47", "title": "《劳动合同法》第四十七条"}
    assert data["inputs"] == {"months_worked": "67", "monthly_wage": "8000"}
    assert data["value"] == 48000 and data["unit"] == "元"


def test_every_article_named_exists_in_the_real_corpus(real_corpus: Corpus) -> None:
    named: set[str] = set()
    for spec in CALCULATORS.values():
        named.update(spec.articles)
    named.add(RETIREMENT)
    missing = sorted(a for a in named if a not in real_corpus.articles)
    assert not missing, missing
    # And every article a result actually cites is among those the spec declares.
    samples = {
        "severance": {"months_worked": 240, "monthly_wage": 5000},
        "maternity_leave": {"province": "黑龙江"},
        "arbitration_deadline": {"known_date": "2025-03-07", "today": "2025-04-01"},
        "retirement_age": {"birth_year": 1977, "birth_month": 3, "category": "female50"},
    }
    for name, params in samples.items():
        assert set(calculate(name, params).articles) <= set(CALCULATORS[name].articles), name


def test_maternity_allowance_by_province() -> None:
    # 福建省女职工劳动保护条例第十六条: ÷30 a month, at least 128 days
    fj = calculate("maternity_allowance", {"employer_average_wage": 6000, "province": "福建", "leave_days": 158})
    assert fj.value == 25600 and "至少25600元" in fj.text and "31600元" in fj.text
    assert "福建省女职工劳动保护条例#16" in fj.articles and "估算" not in fj.text
    # 黑龙江 第十二条: the fund pays 158 of her 180 days, the employer the rest at her own wage
    hlj = calculate("maternity_allowance", {"employer_average_wage": 7500, "province": "黑龙江"})
    assert hlj.value == 39500 and "其余22天由单位" in hlj.text and "估算" in hlj.text
    # elsewhere the divisor is local: an estimate, labelled as one
    other = calculate("maternity_allowance", {"employer_average_wage": 6000, "leave_days": 158})
    assert other.value == 31600 and "估算" in other.text and "女职工劳动保护特别规定#8" in other.articles

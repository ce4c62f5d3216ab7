"""Numbers a reader takes as facts, found in Chinese text and matched against the sources that state them."""

from __future__ import annotations

import pytest

from assistant.answering.numbers import find_numbers, grounding_of


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(m.raw, m.value, m.unit) for m in find_numbers(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("公司还要赔偿你十万元。", [("十万元", "100000", "yuan")]),
    ("赔10万元或3.5万元", [("10万元", "100000", "yuan"), ("3.5万元", "35000", "yuan")]),
    ("产假98天，难产增加十五天", [("98天", "98", "day"), ("十五天", "15", "day")]),
    ("十五日内起诉，一年内仲裁，满六个月", [("十五日", "15", "day"), ("一年", "1", "year"), ("六个月", "6", "month")]),
    ("支付两倍工资，也叫双倍工资，加班1.5倍", [("两倍", "2", "times"), ("双倍", "2", "times"), ("1.5倍", "1.5", "times")]),
    ("百分之八十，150%，三分之二", [("百分之八十", "80", "percent"), ("150%", "150", "percent"),
                                ("三分之二", "2/3", "fraction")]),
    ("2021年1月1日、２０２１－０１－０１、二〇二一年一月一日",
     [("2021年1月1日", "2021-01-01", "date"), ("２０２１－０１－０１", "2021-01-01", "date"),
      ("二〇二一年一月一日", "2021-01-01", "date")]),
    ("每天哺乳时间1小时，满1周岁，二十人以上", [("1小时", "1", "hour"), ("1周岁", "1", "age"), ("二十人", "20", "people")]),
    ("拨打12351，月薪8000", [("12351", "12351", ""), ("8000", "8000", "")]),
])
def test_numbers_are_found_with_their_kind(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


def test_numeral_characters_in_ordinary_words_ordinals_and_list_marks_are_not_numbers() -> None:
    text = "一定要统一，十分重要，一次性支付，万一不行，第三步，“三期”女职工\n1. 保留证据\n（2）协商"
    assert _found(text) == []


def test_grounding_matches_the_same_quantity_in_any_writing() -> None:
    g = grounding_of(["女职工生育享受98天产假", "仲裁时效期间为一年", "本法自2008年1月1日起施行", "月薪8000"])
    yes = ["产假九十八天", "一年内申请仲裁", "1年", "2008年施行", "2008年1月1日", "8000元"]
    no = ["产假98个月", "产假180天", "两年", "2009年1月1日", "十万元"]
    assert [all(g.states(m) for m in find_numbers(t)) for t in yes] == [True] * len(yes)
    assert [any(g.states(m) for m in find_numbers(t)) for t in no] == [False] * len(no)

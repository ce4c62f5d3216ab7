"""Chinese numerals and citation finding."""

from __future__ import annotations

import pytest

from assistant.corpus.citations import canonical_title, find_citations, parse_reference
from assistant.corpus.numerals import article_label, cn_to_int, int_to_cn


@pytest.mark.parametrize(
    ("n", "cn"),
    [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (42, "四十二"), (98, "九十八"), (101, "一百零一"),
     (110, "一百一十"), (204, "二百零四"), (989, "九百八十九"), (1001, "一千零一"), (1010, "一千零一十")],
)
def test_numerals_round_trip(n: int, cn: str) -> None:
    assert int_to_cn(n) == cn
    assert cn_to_int(cn) == n


def test_numerals_accept_arabic_and_fullwidth_and_reject_junk() -> None:
    assert cn_to_int("42") == 42
    assert cn_to_int("４２") == 42
    assert article_label(42) == "第四十二条"
    with pytest.raises(ValueError):
        cn_to_int("四十二条")


@pytest.mark.parametrize(("cn", "n"), [("十万", 100_000), ("三万五千", 35_000), ("两万", 20_000),
                                      ("一亿三千万", 130_000_000), ("二〇二一", 2021), ("两", 2)])
def test_numerals_read_amounts_and_years(cn: str, n: int) -> None:
    assert cn_to_int(cn) == n


ALIASES = ["劳动合同法", "劳动法", "女职工劳动保护特别规定"]


def test_finds_book_title_with_prc_prefix_and_paragraph() -> None:
    refs = find_citations("《中华人民共和国劳动合同法》第三十五条第一款规定：", ALIASES)
    assert [(r.law, r.number) for r in refs] == [("劳动合同法", 35)]


def test_expands_lists_and_ranges_and_self_references() -> None:
    refs = find_citations("根据《劳动合同法》第三十八条、第四十六条和第四十七条", ALIASES)
    assert [r.number for r in refs] == [38, 46, 47]
    refs = find_citations("不得依照本法第四十条至第四十一条", ALIASES, default_law="劳动合同法")
    assert [(r.law, r.number) for r in refs] == [("劳动合同法", 40), ("劳动合同法", 41)]


def test_bare_alias_with_arabic_number_but_not_inside_a_regional_title() -> None:
    assert [(r.law, r.number) for r in find_citations("劳动合同法第42条说什么", ALIASES)] == [("劳动合同法", 42)]
    # 云南省女职工劳动保护特别规定 is another law; its article must not become the national one.
    assert find_citations("云南省女职工劳动保护特别规定第九条", ALIASES) == []


def test_unknown_or_repealed_book_titles_are_reported_as_written() -> None:
    refs = find_citations("《女职工劳动保护规定》第四条规定", ALIASES)
    assert [(r.law, r.number) for r in refs] == [("女职工劳动保护规定", 4)]


def test_parse_reference_forms() -> None:
    assert parse_reference("劳动合同法#42") is not None
    for written in ("《劳动合同法》第四十二条", "中华人民共和国劳动合同法第四十二条", "劳动合同法第42条", "劳动合同法#42"):
        ref = parse_reference(written, ALIASES)
        assert ref is not None and (ref.law, ref.number) == ("劳动合同法", 42), written
    assert parse_reference("怀孕了怎么办", ALIASES) is None
    assert canonical_title("《中华人民共和国妇女权益保障法》") == "妇女权益保障法"

"""Regressions for contracts, leaving and social insurance (review round 4, general findings 001–038).

Each test takes the real card and her question and checks the conclusion the card gives her: the verdict,
her number where she gave one, and the article it rests on.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answering.conclusion import with_result
from assistant.answering.facts import extract_facts
from assistant.answering.topic import pick_unit
from assistant.calculators import Calculation, calculate_from_facts
from assistant.corpus import Corpus
from assistant.records import Card

TODAY = date(2026, 12, 2)


def _card(corpus: Corpus, cid: str) -> Card:
    card = next((c for c in corpus.cards if c.id == f"card:{cid}"), None)
    assert card is not None, cid
    return card


def _summary(corpus: Corpus, cid: str, question: str) -> str:
    card = _card(corpus, cid)
    facts = extract_facts(question, today=TODAY)
    unit = pick_unit(card, question, facts)
    assert unit is not None
    calc = calculate_from_facts(unit.calc, facts) if unit.calc else None
    return with_result(unit.conclusion, calc if isinstance(calc, Calculation) else None, None)


@pytest.mark.parametrize(("cid", "question", "words"), [
    # 001: three months unpaid → she may end the non-compete (解释（一）第三十八条)
    ("non-compete", "离职签了竞业限制，说好每月给补偿，走了4个月一分钱没给，我一直没去同行，现在能不管这个竞业了吗",
     ("可以要求解除", "三个月", "第三十八条")),
    ("non-compete", "竞业补偿拖着半年不发，我还要遵守吗", ("可以要求解除", "第三十八条")),
    # 002: 30% of her average wage, computed
    ("non-compete", "合同里只写了离职后2年不能去同行，没写给钱。我离职前12个月平均工资12000，公司每月该给我多少补偿？",
     ("3600元", "第三十六条")),
    ("non-compete", "签了竞业协议没约定补偿，我原来月薪8000，每个月能要多少", ("2400元", "第三十六条")),
    # 003: a receptionist, three years
    ("non-compete", "我就是个前台，入职让签竞业协议，写离职后3年不能去任何同行业公司。这个合法吗？",
     ("不完全合法", "二年", "第十三条")),
    # 004: the training penalty capped by the unserved share
    ("training-service-period", "公司送我去外面培训花了2万，签了服务期2年，违约金写的5万。我干满1年想走，到底要赔多少？",
     ("10000元", "第二十二条")),
    ("training-service-period", "培训费3万元，签了3年服务期，才过了一年半，现在辞职要赔多少", ("15000元",)),
    # 005 (harmful before): resigning under art. 38 is no breach of the service period
    ("training-service-period", "签了3年服务期，才过了一年半，但公司从来没给我交社保，我想以这个理由辞职，公司说我违反服务期要交违约金，是这样吗？",
     ("不用赔", "第二十六条")),
    # 015 (harmful before): pushed to write 个人原因自愿离职
    ("mass-layoff", "公司说要裁掉我们部门，HR让我写个“因个人原因自愿离职”，说这样流程快。我写了还能拿补偿吗？",
     ("别写", "第三十六条", "第四十六条")),
    ("forced-resignation-article-38", "HR让我写个人原因自愿离职，说这样流程快，写了还有补偿吗", ("别写", "第三十六条")),
    # 022: rules never discussed nor shown are no basis for dismissal
    ("misconduct-dismissal", "公司上个月出了个新制度，手机带进车间一次就算严重违纪，从来没开会讨论也没让我们签字看过，现在拿这个开除我，站得住吗？",
     ("站不住", "第四条", "第五十条")),
    ("company-rules-validity", "公司新出的制度没开会讨论，能用吗", ("不能用来处理您", "第四条")),
    # 024: under 20 people but 10% or more is still a 裁员
    ("mass-layoff", "我们厂一共100个人，这次一下要裁15个，说不到20人不算裁员，不用走程序，也没跟工会说过。对吗？",
     ("不对", "百分之十", "工会", "第四十一条")),
    # 027: acquisition / rename: the contract continues, no new probation, years carry over
    ("employer-merger-name-change", "我们公司被别的集团收购了，名字也改了，新公司让我们重签合同，还要再试用3个月，说工龄从头算。这样对吗？",
     ("不对", "第三十三条", "试用期", "第十条")),
    # 033: a lower base is not paying in full
    ("social-insurance-not-paid", "我月薪8000，公司一直按3000的最低基数给我交社保。这样合法吗？我能怎么办？",
     ("不合法", "足额", "第三十八条")),
    # 034: a waiver is void and she may resign with N
    ("social-insurance-not-paid", "入职时公司让我签了个自愿放弃社保的承诺书，每月多给300块。现在干了2年，我想辞职，能以没交社保要补偿吗？",
     ("第三十八条", "经济补偿")),
    # 035: eligible, 18 months for 6 years, the local amount not in the corpus
    ("unemployment-benefits", "我在广州交了6年失业保险，这次公司裁员把我裁了。我能领失业金吗？能领多久，每月大概多少钱？",
     ("能领", "18个月", "第四十五条", "没有您所在城市的具体金额")),
    # 036: arbitration is free
    ("arbitration-jurisdiction", "仲裁要交钱吗", ("不用交钱", "第五十三条")),
    # 038: 支付令 as well as the IOU suit
    ("labor-dispute-scope-arbitration-first", "老板欠我两个月工资一共9000，给我写了欠条签了字，就是拖着不给。除了仲裁还有没有快点的办法？",
     ("支付令", "第三十条", "第十五条")),
])
def test_the_card_answers_her_question(real_corpus: Corpus, cid: str, question: str, words: tuple[str, ...]) -> None:
    summary = _summary(real_corpus, cid, question)
    for word in words:
        assert word in summary, (word, summary)


def test_the_new_calculators_apply_their_caps_and_floors() -> None:
    from assistant.calculators import calculate

    calc = calculate("training_penalty", {"training_cost": 20000, "service_months": 24, "served_months": 12,
                                          "agreed_penalty": 50000})
    assert calc.value == 10000 and "超出部分不用付" in calc.text
    assert calculate("non_compete_pay", {"monthly_wage": 5000, "local_minimum_wage": 2000}).value == 2000
    assert calculate("unemployment_months", {"insured_years": 10}).value == 24

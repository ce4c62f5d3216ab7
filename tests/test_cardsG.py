"""Women workers' topics that used to land on a neighbouring card: one test per topic, on the real cards."""

from __future__ import annotations

import functools
from datetime import date
from types import SimpleNamespace

import pytest
from _answer_fixtures import service

from assistant.answering import AnswerService
from assistant.answering.facts import extract_facts
from assistant.answering.protect import protect
from assistant.answering.situation import situations_of
from assistant.answering.topic import Topic, choose_topic, pick_unit
from assistant.config import Settings
from assistant.corpus import load_corpus
from assistant.records import Card, Hit

TODAY = date(2026, 12, 1)


@functools.cache
def _cards() -> dict[str, Card]:
    return {c.id: c for c in load_corpus(Settings()).cards}


def _real(cid: str) -> Card:
    """One real card as the service loads it (its citations resolved to article ids)."""
    return _cards()[f"card:{cid}"]


def _hits(*cards: Card) -> tuple[Hit, ...]:
    return tuple(Hit(c, 1.0 - i / 10, i + 1, dense=0.95) for i, c in enumerate(cards))


def _unit(cid: str, question: str) -> str:
    unit = pick_unit(_real(cid), question, extract_facts(question, today=TODAY))
    assert unit is not None
    return unit.conclusion


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return service(tmp_path_factory.mktemp("cardsG"))


@pytest.mark.parametrize(("question", "words"), [
    ("怀孕8个月自己离职了，生孩子的时候还能领生育津贴吗", ("不一定能领", "第五十四条", "资料库没有收录")),
    ("我是灵活就业自己交的社保，生孩子能领生育津贴吗", ("要看当地规定", "第二十三条")),
    ("失业了正在领失业金，这期间生孩子有没有生育待遇", ("第四十八条",)),
    ("换工作中间社保断了两个月，生的时候还能领生育津贴吗", ("第五十八条", "资料库没有收录")),
])
def test_maternity_allowance_after_leaving_says_the_local_rule_decides(question: str, words: tuple[str, ...]) -> None:
    text = _unit("resigned-before-birth-maternity-allowance", question)
    assert all(w in text for w in words), text
    assert "由单位出" not in text


def test_the_resigned_worker_is_not_told_her_employer_pays(svc: AnswerService) -> None:
    answer = svc.ask("怀孕8个月自己离职了，生孩子的时候还能领生育津贴吗")
    assert answer.topic == "生育津贴" and answer.gap == "maternity_insurance"
    assert "由单位出" not in answer.summary and "当地" in answer.summary


def test_of_two_cards_for_one_gap_the_better_ranked_answers() -> None:
    from assistant.answering.compose import _gap_card
    from assistant.answering.guidance import Gap

    stop, left = _real("maternity-social-insurance-stop"), _real("resigned-before-birth-maternity-allowance")
    gap = Gap(id="maternity_insurance", title="", missing="", known="", advice="", triggers=())

    corpus = SimpleNamespace(cards=[stop, left])
    assert _gap_card(corpus, gap, _hits(left, stop), frozenset({"产假"})) is left  # type: ignore[arg-type]
    assert _gap_card(corpus, gap, ()) is stop  # type: ignore[arg-type]


def test_allowance_amount_is_the_employer_average_and_the_daily_rate_is_local() -> None:
    text = _unit("maternity-allowance", "公司上年度职工月平均工资9000，我顺产休98天，生育津贴大概能拿多少")
    assert "上年度职工月平均工资" in text and "第五十六条" in text and "资料库没有收录" in text
    assert "30" not in text


def test_allowance_above_her_wage_is_hers_in_full() -> None:
    text = _unit("maternity-allowance", "生育津贴打到公司了，比我平时工资还高，公司说只按我原工资发给我，多出来的归公司")
    assert text.startswith("不对") and "全额" in text and "截留" in text


def test_her_province_miscarriage_rule_answers_not_the_national_one() -> None:
    question = "泉州的，怀孕7个半月孩子没了做了引产，公司按流产给我42天，对吗"
    facts = extract_facts(question, today=TODAY)
    national, fujian = _real("miscarriage-leave"), _real("fujian-maternity-leave")
    topic = choose_topic(question, _hits(national, fujian), situations=situations_of(question, miscarriage=True),
                         common=frozenset(), region="福建", facts=facts)
    assert topic.card is fujian and topic.unit is not None and "7个月以上的98天" in topic.unit.conclusion
    # Another question of hers (the bill) stays with the national card: the province's unit computes another thing.
    bill = "泉州的，流产的手术费能报销吗"
    topic = choose_topic(bill, _hits(national, fujian), situations=situations_of(bill), common=frozenset(),
                         region="福建", facts=extract_facts(bill, today=TODAY))
    assert topic.card is national


def test_her_province_night_shift_rule_is_not_replaced_by_the_national_card() -> None:
    question = "黑龙江大庆的，怀孕才2个月，厂里天天给我排夜班，我有医院的诊断，能不上吗"
    facts = extract_facts(question, today=TODAY)
    hlj, national = _real("heilongjiang-period-nursing-protection"), _real("late-pregnancy-no-overtime-night")
    topic = Topic(hlj, pick_unit(hlj, question, facts), True, situations_of(question))
    assert protect(topic, question, [hlj, national], facts).card is hlj
    # Without her province's card the national protection still comes first.
    other = _real("maternity-allowance")
    moved = protect(Topic(other, other.answers[0], True, situations_of(question)), question, [other, national], facts)
    assert moved.card is national


def test_pregnant_under_seven_months_overtime_needs_her_consent() -> None:
    text = _unit("late-pregnancy-no-overtime-night", "怀孕5个月，天天要加班到8点，孕妇不是不能加班吗")
    assert "协商" in text and "《劳动法》第四十一条" in text and "满7个月" in text


def test_harassment_victim_who_left_can_still_sue() -> None:
    text = _unit("sexual-harassment-workplace", "老板老对我动手动脚还发骚扰短信，我已经辞职了，能不能告他赔钱")
    assert text.startswith("能") and "第一千零一十条" in text and "起诉" in text


@pytest.mark.parametrize("question", ["招聘广告写“已婚已育优先”，我没结婚，这种算不算歧视", "公司招人说未婚的不要"])
def test_marital_status_as_a_hiring_condition_is_discrimination(question: str) -> None:
    text = _unit("hiring-gender-discrimination", question)
    assert text.startswith("算歧视") and "第四十三条" in text


def test_welfare_only_for_men_is_unequal() -> None:
    text = _unit("equal-pay-for-equal-work", "公司每月住房补贴只发男的，我们女的一分没有")
    assert text.startswith("违法") and "福利待遇" in text and "第四十五条" in text


def test_nursing_hour_may_be_saved_up_by_agreement() -> None:
    text = _unit("breastfeeding-time", "喂奶的那1个小时能不能攒起来下午早走一个钟头？主管说不行只能中午喂")
    assert "商量" in text and "第九条" in text


def test_maternity_leave_cannot_be_signed_away() -> None:
    text = _unit("maternity-leave-days", "公司让我签个协议，产假只休60天就回来，多给我5000块，签了有效吗")
    assert text.startswith("不能") and "98天" in text and "第十三条" in text


def test_dispatch_contract_ending_in_maternity_leave_runs_on() -> None:
    text = _unit("dispatch-pregnancy-return", "我是劳务派遣的，休产假的时候派遣合同到期了，派遣公司说不续了，合法吗")
    assert text.startswith("不合法") and "第四十五条" in text


def test_sick_pay_during_baotai_says_the_national_rule_is_missing() -> None:
    text = _unit("pregnancy-sick-leave-baotai", "保胎请了两个月病假，公司只发了1600，我们这最低工资2000，这个病假工资对不对")
    assert "资料库没有收录" in text and "80%" in text


@pytest.mark.parametrize("question", [
    "我在上海生孩子，老公在杭州上班，他的陪产假按上海算还是按浙江算",
    "户口在河南，在广东上班，产假按哪个省的规定",
])
def test_cross_province_leave_says_there_is_no_single_rule(question: str) -> None:
    text = _unit("cross-province-maternity-leave", question)
    assert text.startswith("国家没有统一规定") and "第二条" in text and "12333" in text


def test_a_contract_ending_in_the_three_periods_gets_the_continuation_rule() -> None:
    general, expiry = _real("economic-compensation-calculation"), _real("contract-expiry-during-pregnancy")
    dispatch = _real("dispatch-pregnancy-return")
    cards = [general, expiry, dispatch]

    def moved(question: str, card: Card) -> Card | None:
        facts = extract_facts(question, today=TODAY)
        return protect(Topic(card, pick_unit(card, question, facts), True, situations_of(question, pregnant=facts.pregnant)),
                       question, cards, facts).card

    ended = "合同2025年2月到期，当时在休产假公司说顺延，现在孩子满一岁了，公司说不续了让我走，有补偿吗"
    assert moved(ended, general) is expiry
    # A card already resting on 第四十五条 keeps the question; the end of her leave is not her contract's end.
    assert moved("我是派遣的，休产假的时候派遣合同到期了，派遣公司说不续了", dispatch) is dispatch
    assert moved("产假期满回去上班，经济补偿基数怎么算", general) is general


def test_a_question_naming_two_provinces_gets_the_cross_province_card() -> None:
    from assistant.answering.guidance import load_guidance

    settings = Settings()
    corpus = load_corpus(settings)
    guidance = load_guidance(settings.next_steps_file, settings.gaps_file, corpus)
    gap = guidance.gap_for("我在上海生孩子，老公在杭州上班，他的陪产假按上海算还是按浙江算", None)
    assert gap is not None and gap.id == "cross_province_leave"
    assert guidance.gap_for("杭州的，生二胎产假一共多少天", None) is None


def test_a_withdrawn_offer_for_pregnancy_can_be_sued_and_is_called_discrimination() -> None:
    text = _unit("hiring-gender-discrimination", "公司都给我发offer了，我说了我怀孕3个月，第二天就说offer作废，能告他们吗")
    assert "歧视" in text and "起诉" in text and "第六十二条" in text


def test_prenatal_checkups_are_not_taken_from_annual_leave() -> None:
    text = _unit("prenatal-checkup-work-time", "怀孕了产检一个月去两次，公司说只能用年假")
    assert text.startswith("不用") and "计入劳动时间" in text and "年假" in text


def test_a_worker_seven_months_pregnant_may_rest() -> None:
    text = _unit("late-pregnancy-no-overtime-night", "怀孕七个月了，每天上班能休息一会吗")
    assert text.startswith("能") and "休息时间" in text


def test_retaliation_for_reporting_harassment_is_unlawful() -> None:
    text = _unit("sexual-harassment-complaint", "被领导性骚扰后我举报了，现在被调去仓库了")
    assert text.startswith("违法") and "第八十四条" in text


def test_parental_leave_is_left_to_the_provinces() -> None:
    text = _unit("parental-leave-by-province", "生完二胎想请育儿假，公司说没有这个假")
    assert "第二十五条" in text and "各省" in text


def test_long_baotai_sick_leave_and_annual_leave_follow_the_sick_leave_rule() -> None:
    text = _unit("pregnancy-sick-leave-baotai", "怀孕前期保胎请了3个月病假，我工作6年了，公司说今年年假就没有了，这有依据吗")
    assert "2个月以上" in text and "不享受当年的年休假" in text and "第四条" in text

"""Topic choice, her situation, conclusion units and guidance: the stages between retrieval and the answer."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.answering.conclusion import conclude
from assistant.answering.guidance import load_guidance
from assistant.answering.parts import WHOLE_TOP, later_answers, part_topic
from assistant.answering.situation import conflicts, situations_of
from assistant.answering.topic import choose_topic, pick_unit
from assistant.config import PROJECT_ROOT
from assistant.corpus.cards import parse_card_file
from assistant.errors import ConfigError, CorpusParseError
from assistant.records import AnswerUnit, Card, Hit


def card(cid: str, *, applies: tuple[str, ...] = (), units: tuple[AnswerUnit, ...] = (), region: str = "全国",
         keywords: tuple[str, ...] = (), questions: tuple[str, ...] = (), text: str = "说明。") -> Card:
    return Card(id=f"card:{cid}", title=cid, text=text, questions=questions, keywords=keywords, region=region,
                topic=cid, applies_to=applies, answers=units)


def hits(*cards: Card) -> tuple[Hit, ...]:
    return tuple(Hit(c, 1.0 - i / 10, i + 1, dense=0.95) for i, c in enumerate(cards))


PREGNANT_NIGHT = card("pregnant-night", applies=("怀孕",), keywords=("夜班",),
                      units=(AnswerUnit("怀孕满7个月不得安排夜班。"),))
NURSING_NIGHT = card("nursing-night", applies=("哺乳",), keywords=("夜班",),
                     units=(AnswerUnit("孩子不满1周岁不得安排夜班。"),))


@pytest.mark.parametrize(("text", "expected"), [
    ("孩子不到一岁被排夜班", {"哺乳"}),
    ("宝宝8个月了，公司让我加班", {"哺乳"}),
    ("怀孕3个月流产了，公司算我旷工", {"流产"}),
    ("先兆流产要保胎，公司不批假", {"怀孕"}),
    ("大肚子7个多月还上夜班", {"怀孕"}),
    ("我是劳务派遣的，怀孕被退回", {"派遣", "怀孕"}),
    ("送外卖的骑手摔伤了", {"平台"}),
    ("公司不给我交社保", {"未参保"}),
    ("单位交了生育保险，产假几天", {"参保", "产假"}),
])
def test_situations_from_her_words(text: str, expected: set[str]) -> None:
    assert situations_of(text) == expected


def test_facts_add_to_her_situation() -> None:
    assert "哺乳" in situations_of("公司让我加班", child_age_months=5)
    assert "哺乳" not in situations_of("公司让我加班", child_age_months=14)


def test_a_card_about_another_womans_case_is_passed_over() -> None:
    assert conflicts(PREGNANT_NIGHT, {"哺乳"}) and not conflicts(NURSING_NIGHT, {"哺乳"})
    assert not conflicts(PREGNANT_NIGHT, set())  # she said nothing about her stage: the ranking decides
    topic = choose_topic("孩子不到一岁被排夜班", hits(PREGNANT_NIGHT, NURSING_NIGHT),
                         situations=frozenset({"哺乳"}), common=frozenset())
    assert topic.card is NURSING_NIGHT and topic.passed_over == ("card:pregnant-night",)
    ranked_first = choose_topic("被排夜班", hits(PREGNANT_NIGHT, NURSING_NIGHT), situations=frozenset(),
                                common=frozenset())
    assert ranked_first.card is PREGNANT_NIGHT  # no keyword overrides the ranking


def test_another_provinces_card_never_answers() -> None:
    shanghai = card("shanghai", region="上海", keywords=("产假",))
    national = card("national", keywords=("产假",))
    assert choose_topic("产假多少天", hits(shanghai, national), situations=frozenset(),
                        common=frozenset()).card is national
    assert choose_topic("上海产假多少天", hits(shanghai, national), situations=frozenset(), common=frozenset(),
                        region="上海").card is shanghai


def test_unit_chosen_by_her_facts_then_by_her_question() -> None:
    late = AnswerUnit("不能，满7个月不得安排夜班。", when=(("pregnancy_months", ">=", 7.0),))
    early = AnswerUnit("不满7个月的，国家没有一律禁止。", when=(("pregnancy_months", "<", 7.0),))
    general = AnswerUnit("满7个月不得安排夜班；不满7个月的可以要求减轻劳动量。")
    pay = AnswerUnit("不能扣工资。", asks=("扣钱", "扣工资"))
    c = card("night", units=(general, late, early, pay))
    assert pick_unit(c, "上夜班合法吗", SimpleNamespace(pregnancy_months=8)) is late
    assert pick_unit(c, "上夜班合法吗", SimpleNamespace(pregnancy_months=3)) is early
    assert pick_unit(c, "上夜班合法吗", SimpleNamespace(pregnancy_months=None)) is general
    assert pick_unit(c, "不上夜班就扣钱", None) is pay


def test_a_second_question_gets_its_own_answer() -> None:
    time = card("nursing-time", keywords=("喂奶时间",), units=(AnswerUnit("每天1小时哺乳时间。"),))
    first = choose_topic("喂奶时间有多少？孩子不到一岁能排夜班吗？", hits(NURSING_NIGHT, time),
                         situations=frozenset({"哺乳"}), common=frozenset())
    assert first.card is NURSING_NIGHT
    also = later_answers("喂奶时间有多少？孩子不到一岁能排夜班吗？", hits(NURSING_NIGHT, time), (), first,
                         common=frozenset())
    assert also and also[0].card is time
    assert later_answers("孩子不到一岁能排夜班吗", hits(NURSING_NIGHT, time), (), first, common=frozenset()) == []


def test_a_later_part_gets_no_card_the_whole_message_does_not_reach_nor_a_card_of_its_own_when_it_names_nothing() -> None:
    leave = card("sick-baby-leave", keywords=("体弱儿",), units=(AnswerUnit("可以请假至婴儿1周岁。", asks=("再请假",)),))
    unpaid = card("unpaid-leave", keywords=("请假", "工资"), units=(AnswerUnit("事假期间单位可以不发工资。"),))
    first = choose_topic("宝宝是体弱儿，还能再请假吗？请假期间工资怎么办？", hits(leave), situations=frozenset(),
                         common=frozenset())
    part = "请假期间工资怎么办"
    assert part_topic(part, hits(unpaid), first, common=frozenset()) is not None  # the part's own search finds it
    others = [card(f"other-{i}") for i in range(WHOLE_TOP)]
    assert part_topic(part, hits(unpaid), first, common=frozenset(), whole=hits(leave, *others, unpaid)) is None
    assert part_topic(part, hits(unpaid), first, common=frozenset(), whole=hits(leave, unpaid)) is not None
    assert part_topic("大概多少钱", hits(unpaid), first, common=frozenset(), whole=hits(leave, unpaid)) is None


def test_a_part_the_first_conclusion_answers_gets_no_second_answer() -> None:
    days = AnswerUnit("产假180天。", asks=("180天",))
    extra = AnswerUnit("可以请假至婴儿1周岁。", asks=("再请假", "体弱"))
    c = card("hlj-leave", units=(extra, days))
    first = choose_topic("我180天产假快休完了，还能再请假吗？宝宝体弱", hits(c), situations=frozenset(), common=frozenset())
    assert first.unit is extra
    assert later_answers("我180天产假快休完了，还能再请假吗？宝宝体弱", hits(c), (), first, common=frozenset()) == []


def test_conclusion_puts_her_result_in_its_slot_and_never_repeats_itself() -> None:
    unit = AnswerUnit("产假是98天（《女职工劳动保护特别规定》第七条）。{calc}各省另有延长。", calc="maternity_leave")
    c = card("leave", units=(unit,), text="产假是98天（《女职工劳动保护特别规定》第七条）。各省另有延长。\n\n怎么申请：书面提交。")
    calc = SimpleNamespace(title="产假", text="产假共158天", steps=("98天", "加60天"), notes=())
    done = conclude(c, unit, calc=calc)
    assert done.summary == "产假是98天（《女职工劳动保护特别规定》第七条）。按您说的情况，产假共158天。各省另有延长。"
    assert done.body.startswith("怎么申请") and "产假怎么算" in done.body
    asked = conclude(c, unit, question="您在哪个省份工作？")
    assert "{calc}" not in asked.summary and asked.summary.endswith("请告诉我：您在哪个省份工作？")
    assert asked.follow_up == "您在哪个省份工作？"


@pytest.mark.parametrize(("front", "error"), [
    ("answers:\n  - conclusion: 见下方卡片。", "mentions how answers are stored"),
    ("answers:\n  - conclusion: 劳动合同结束的几种方式：", "heading"),
    ("answers:\n  - conclusion: 可以。{calc}", "names no calculator"),
    ("applies_to: [孕妇]", "unknown situation"),
    ("answers:\n  - conclusion: 可以。\n    when: {shoe_size: '>3'}", "unknown fact"),
    ("answers:\n  - conclusion: 可以。\n    when: {pregnancy_months: 'about 7'}", "is not a condition"),
])
def test_card_parser_refuses_bad_units(tmp_path: Path, front: str, error: str) -> None:
    path = tmp_path / "x.md"
    path.write_text(f"---\nid: x\ntitle: 标题\ncites: [甲法第一条]\n{front}\n---\n说明。\n", encoding="utf-8")
    with pytest.raises(CorpusParseError, match=error):
        parse_card_file(path, "cards/x.md", lambda raw: ("甲法#1",))


def test_guidance_files_load_and_unknown_names_are_refused(tmp_path: Path) -> None:
    corpus = SimpleNamespace(cards=[card("a")])
    guidance = load_guidance(PROJECT_ROOT / "corpus" / "next_steps.yaml", PROJECT_ROOT / "corpus" / "gaps.yaml",
                             corpus)  # type: ignore[arg-type]
    steps = guidance.next_steps("harassment", "被骚扰了")
    assert steps[0].title == "先保护自己的安全" and "110" in steps[0].detail
    assert guidance.next_steps("", "工资被扣")[0].detail.startswith("注意保存工资条")
    gap = guidance.gap_for("我是劳务派遣的，怀孕了被退回派遣公司", None)
    assert gap is not None and gap.id == "dispatch_return" and "劳务派遣暂行规定" in gap.statement
    assert guidance.gap_for("产假多少天", None) is None
    assert guidance.region_gap("云南") is not None
    bad = SimpleNamespace(cards=[Card(id="card:b", title="b", text="t", steps="nope", source="cards/b.md")])
    with pytest.raises(ConfigError, match=r"cards/b\.md"):
        load_guidance(PROJECT_ROOT / "corpus" / "next_steps.yaml", PROJECT_ROOT / "corpus" / "gaps.yaml",
                      bad)  # type: ignore[arg-type]


def test_a_conditional_unit_that_names_question_forms_answers_only_those() -> None:
    ending = AnswerUnit("对，随时可以终止。", asks=("随时", "补偿"), when=(("daily_work_hours", "<=", 4.0),))
    contract = AnswerUnit("可以订立口头协议。", asks=("签合同",))
    c = card("part-time", units=(ending, contract))
    hours = SimpleNamespace(daily_work_hours=3)
    assert pick_unit(c, "老板说随时可以不用我，不给补偿", hours) is ending
    assert pick_unit(c, "小时工要签合同吗", hours) is contract


def test_a_card_for_the_situation_she_names_answers_before_a_general_card() -> None:
    general = card("arbitration-routes", keywords=("仲裁",), units=(AnswerUnit("先仲裁，不服再起诉。"),))
    overage = card("overage", applies=("超龄",), keywords=("返聘",), units=(AnswerUnit("可以申请劳动仲裁。"),))
    q = "退休返聘的工资没发，能去仲裁吗"
    t = choose_topic(q, hits(general, overage), situations=frozenset({"超龄"}), common=frozenset())
    assert t.card is overage
    assert choose_topic(q, hits(general, overage), situations=frozenset(), common=frozenset()).card is general


def test_a_card_needing_an_unshown_fact_answers_only_when_nothing_else_fits() -> None:
    unsigned = Card(id="card:double", title="未签合同二倍工资", text="说明。", keywords=("没签合同",), topic="未签",
                    needs=("no_written_contract",), answers=(AnswerUnit("能。"),))
    dismissal = card("dismissal", units=(AnswerUnit("不合法。"),), questions=("被辞退了合法吗",))
    q = "厂里把我也辞了，我没签过任何协议。这合法吗？"
    facts = SimpleNamespace(no_written_contract=None, dismissed=True)
    t = choose_topic(q, hits(unsigned, dismissal), situations=frozenset(), common=frozenset(), facts=facts)
    assert t.card is dismissal
    # … her own words for it (没签合同) or the fact make it answer again
    said = choose_topic("我没签合同被辞了", hits(unsigned, dismissal), situations=frozenset(), common=frozenset(),
                        facts=facts)
    assert said.card is unsigned


def test_a_card_she_names_beats_one_trusted_on_the_dense_score_alone() -> None:
    insurance = card("insurance", units=(AnswerUnit("违法。"),), questions=("社保什么时候交",))
    probation = card("probation", units=(AnswerUnit("不可以。"),), keywords=("两次试用期", "试用期"))
    q = "同一个公司能约两次试用期吗？"
    t = choose_topic(q, hits(insurance, probation), situations=frozenset(), common=frozenset())
    assert t.card is probation


def test_needs_and_known_conditions_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("---\nid: x\ntitle: 标题\ncites: [甲法第一条]\nneeds: [no_such_fact]\n---\n说明。\n", encoding="utf-8")
    with pytest.raises(CorpusParseError, match="unknown fact 'no_such_fact'"):
        parse_card_file(path, "cards/x.md", lambda raw: ("甲法#1",))
    path.write_text("---\nid: x\ntitle: 标题\ncites: [甲法第一条]\nanswers:\n  - when: {retirement_category: known}\n"
                    "    conclusion: 按她的类别算。\n  - conclusion: 先问类别。\n---\n说明。\n", encoding="utf-8")
    parsed = parse_card_file(path, "cards/x.md", lambda raw: ("甲法#1",))
    assert pick_unit(parsed, "q", SimpleNamespace(retirement_category="female50")).conclusion == "按她的类别算。"
    assert pick_unit(parsed, "q", SimpleNamespace(retirement_category=None)).conclusion == "先问类别。"

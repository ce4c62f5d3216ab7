"""Topic choice: the retriever's best card that fits her situation, and the conclusion it gives her question.

The ranking decides; her situation only passes over a card about another woman's case (a rule for pregnant
workers when her child is eight months old). No keyword overrides a better-ranked card.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answering.situation import conflicts, unmentioned
from assistant.records import NATIONAL, AnswerUnit, Card, Hit

# How far down the ranking a fitting card may be found.
TOP_CARDS = 6
# Minimum overlap between a question and the chosen card for the card to be trusted (else low grounding).
TOP_CARD_MATCH = 0.1
# ... or a dense cosine this high (multilingual-e5-small's scale): on our sets relevant top cards score
# 0.916 and above while questions about nothing in the corpus (年会抽奖, 停车费) stay under 0.91.
DENSE_GROUNDED = 0.915
COMMON_SHARE = 0.12
_BIGRAM_STRIP = re.compile(r"[\s，。、！？；：,.!?;:“”‘’（）()《》\"']")


@dataclass(frozen=True, slots=True)
class Topic:
    """The card an answer is about, the unit answering her question, and why others were passed over."""

    card: Card | None
    unit: AnswerUnit | None
    grounded: bool
    situations: frozenset[str] = frozenset()
    passed_over: tuple[str, ...] = ()


def bigrams(text: str) -> set[str]:
    """The character pairs of a text without spaces and punctuation."""
    s = _BIGRAM_STRIP.sub("", text)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def common_bigrams(cards: Iterable[Card]) -> frozenset[str]:
    """Bigrams found in many cards (怎么, 公司, 可以 …): they say nothing about which card fits."""
    cards = list(cards)
    df: dict[str, int] = {}
    for c in cards:
        for b in bigrams(" ".join((c.title, *c.questions))):
            df[b] = df.get(b, 0) + 1
    cutoff = max(3, int(len(cards) * COMMON_SHARE))
    return frozenset(b for b, n in df.items() if n >= cutoff)


def card_match(question: str, card: Card, common: frozenset[str] = frozenset()) -> float:
    """How clearly the question is about this card: keyword hits plus content-bigram overlap with its questions."""
    q = bigrams(question) - common
    if not q:
        return 0.0
    kw = sum(1 for k in card.keywords if len(k) >= 2 and k in question)
    overlap = max((len(q & bigrams(t)) / len(q) for t in (card.title, *card.questions)), default=0.0)
    return kw + 2 * overlap


_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}


def holds(unit: AnswerUnit, facts: Any) -> bool | None:
    """True when every condition holds for her facts, False when one fails, None for an unconditional unit
    or when a fact it needs is unknown."""
    if not unit.when:
        return None
    for fact, op, number in unit.when:
        value = getattr(facts, fact, None) if facts is not None else None
        if value is None:
            return None
        if op == "known":
            continue
        if isinstance(number, str):
            if str(value) != number:
                return False
        elif not _OPS[op](float(value), number):
            return False
    return True


def pick_unit(card: Card, question: str, facts: Any = None) -> AnswerUnit | None:
    """The unit for her question: one whose conditions her facts meet comes first, then the one whose
    question forms she uses most (longer forms weigh more); the first unconditional unit otherwise."""
    if not card.answers:
        return None
    best: tuple[int, int, int] | None = None
    chosen: AnswerUnit | None = None
    said = {a for u in card.answers for a in u.asks if a in question}
    # 产假 inside 陪产假 is not a second word of hers: a form found only inside a longer one she used is not counted.
    counted = {a for a in said if not any(a != b and a in b for b in said)}
    for i, u in enumerate(card.answers):
        fits = holds(u, facts)
        if u.when and fits is not True:
            continue  # a conditional unit answers only her case, never a case whose facts are unknown
        if u.when and u.asks and not any(a in counted for a in u.asks):
            continue  # … and, when it names question forms, only those questions of hers
        score = (int(bool(fits)), sum(len(a) for a in u.asks if a in counted), -i)
        if best is None or score > best:
            best, chosen = score, u
    if chosen is not None and best is not None and (best[0] or best[1]):
        return chosen
    return next((u for u in card.answers if not u.when), chosen)


GROUNDED_WITHIN = 3
# Match of a card whose subject she names: two of its keywords, or one and most of a question of it; it
# replaces a card that none of her words name (no keyword: a match under 1), from this far down the ranking.
NAMED_MATCH = 2.0
NAMED_LEAD = 1.5
WEAK_MATCH = 0.2
NAMED_WITHIN = 10
# Situations with rules of their own, where a general card's answer is wrong for her (超龄 disputes, 派遣 returns).
_OWN_RULES = frozenset({"超龄", "派遣", "非全日制", "平台", "求职"})


def choose_topic(
    question: str, hits: Sequence[Hit], *, situations: frozenset[str], common: frozenset[str],
    region: str | None = None, prefer: Card | None = None, facts: Any = None,
) -> Topic:
    """The best-ranked card that fits her situation and place; `prefer` (a known-gap card) goes first."""
    ranked = [h.record for h in hits if isinstance(h.record, Card) and h.via != "asked"]
    # Another province's rule never answers her question; her own province's rule may.
    ranked_all = [c for c in ranked if c.region in {NATIONAL, region}]
    ranked = ranked_all[:TOP_CARDS]
    if prefer is not None:
        ranked = [prefer, *(c for c in ranked if c.id != prefer.id)]
    passed = tuple(c.id for c in ranked if conflicts(c, situations))
    fitting = [c for c in ranked if c.id not in passed]
    # A card for a situation she never mentions (a pregnancy rule for a probation question) answers only
    # when no card for anyone fits.
    # A province's card is left alone: its rules (育儿假, 护理假) are asked about without naming a stage.
    later = {c.id for c in fitting if c.region == NATIONAL and unmentioned(c, situations)}
    # Dismissed (当天就给了我解除通知): the cards on her own resignation answer someone else, unless she was
    # pushed to resign or asks about resigning herself.
    if getattr(facts, "dismissed", None) and not _RESIGNS.search(question):
        later |= {c.id for c in fitting if c.topic in _RESIGNATION_TOPICS}
    # A card for a case neither her facts nor her words show (the unsigned contract's double wage when she
    # never says the contract was unsigned) answers only when nothing else fits.
    later |= {c.id for c in fitting if c.needs and not all(getattr(facts, n, None) for n in c.needs)
              and not any(len(k) >= 2 and k in question for k in c.keywords)}
    fitting = [c for c in fitting if c.id not in later] + [c for c in fitting if c.id in later]
    if not fitting:
        return Topic(None, None, False, situations, passed)
    def is_grounded(card: Card) -> bool:
        dense = next((h.dense for h in hits if h.record.id == card.id), None)
        return (card is prefer or card_match(question, card, common) >= TOP_CARD_MATCH
                or (dense is not None and dense >= DENSE_GROUNDED))

    # The first card that clearly fits her words, among the few best ranked; a narrowly better-ranked card
    # that shares almost none of them (待岗 for a 降薪 question) should not make the answer "no basis found".
    card = next((c for c in fitting[:GROUNDED_WITHIN] if is_grounded(c)), fitting[0])
    # A card trusted on the dense score alone (long messages score high against many cards) gives way to a
    # well-ranked card whose subject she names (两次试用期 against social insurance).
    if card is not prefer and card.region == NATIONAL and (mine := card_match(question, card, common)) < WEAK_MATCH:
        # … never a sibling on the same topic (two 试用期 cards), nor a general card over one for her stage.
        own_stage = set(card.applies_to) & situations
        wider = [c for c in ranked_all[:NAMED_WITHIN] if c.id not in later and not conflicts(c, situations)
                 and not (c.region == NATIONAL and unmentioned(c, situations)) and c.topic != card.topic
                 and not (own_stage and not set(c.applies_to) & situations)]
        card = next((c for c in wider if card_match(question, c, common) >= max(NAMED_MATCH, mine + NAMED_LEAD)), card)
    # A card written for the situation she names (返聘, 派遣, 非全日制) answers before a general card ranked above it.
    if situations and card is not prefer and not set(card.applies_to) & situations:
        card = next((c for c in fitting if set(c.applies_to) & situations & _OWN_RULES and is_grounded(c)), card)
    unit, grounded = pick_unit(card, question, facts), is_grounded(card)
    # Her province's card that computes the same thing under a rule written for her very case (福建流产假 for
    # a 泉州 miscarriage) answers instead of the national one: the province's figure is the one she gets.
    # A national answer that sends her to her province's rule ("请看本省规定") gives way to that rule when we
    # hold it and one of its answers is asked in her words (黑龙江's 痛经假 for a 大庆 question).
    own = next((c for c in fitting if region and c.region == region), None)
    theirs = pick_unit(own, question, facts) if own is not None and card.region == NATIONAL and unit else None
    if own is not None and unit is not None and theirs is not None:
        if unit.calc and theirs.calc == unit.calc and holds(theirs, facts):
            card, unit = own, theirs
        elif not unit.when and _DEFERS.search(unit.conclusion) and (
                holds(theirs, facts) or any(a in question for a in theirs.asks)):
            card, unit, grounded = own, theirs, True
        elif _names_own_leave(question, theirs, unit, card):
            # 上海's 哺乳假 asked by name: the province's rule for that very leave answers, not a general one.
            card, unit, grounded = own, theirs, True
    return Topic(card, unit, grounded, situations, passed)


_RESIGNATION_TOPICS = frozenset({"被迫解除", "辞职"})
_RESIGNS = re.compile(r"辞职|离职申请|辞职信|辞职报告|逼我走|逼我辞|让我写|让我签|要我写|自己走|不干了|我想走")


def named_leaves(question: str, unit: AnswerUnit) -> list[str]:
    """The leaves of the unit's question forms she names (哺乳假, 产前假: forms of three or more characters)."""
    return [a for a in unit.asks if len(a) >= 3 and a.endswith("假") and a in question]


def _names_own_leave(question: str, theirs: AnswerUnit, unit: AnswerUnit, card: Card) -> bool:
    """She names a leave only her province has, which neither the national unit nor card speaks of."""
    named = named_leaves(question, theirs)
    return bool(named) and not any(a in unit.asks or a in card.keywords or a in card.title for a in named)


_DEFERS = re.compile(r"看本省|本省规定|按本省|本省的.{0,6}规定")

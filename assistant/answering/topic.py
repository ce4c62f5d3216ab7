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

from assistant.answering.situation import conflicts, situations_of, unmentioned
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


def _bigrams(text: str) -> set[str]:
    s = _BIGRAM_STRIP.sub("", text)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def common_bigrams(cards: Iterable[Card]) -> frozenset[str]:
    """Bigrams found in many cards (怎么, 公司, 可以 …): they say nothing about which card fits."""
    cards = list(cards)
    df: dict[str, int] = {}
    for c in cards:
        for b in _bigrams(" ".join((c.title, *c.questions))):
            df[b] = df.get(b, 0) + 1
    cutoff = max(3, int(len(cards) * COMMON_SHARE))
    return frozenset(b for b, n in df.items() if n >= cutoff)


def card_match(question: str, card: Card, common: frozenset[str] = frozenset()) -> float:
    """How clearly the question is about this card: keyword hits plus content-bigram overlap with its questions."""
    q = _bigrams(question) - common
    if not q:
        return 0.0
    kw = sum(1 for k in card.keywords if len(k) >= 2 and k in question)
    overlap = max((len(q & _bigrams(t)) / len(q) for t in (card.title, *card.questions)), default=0.0)
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
        if not _OPS[op](float(value), number):
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
# Situations with rules of their own, where a general card's answer is wrong for her (超龄 disputes, 派遣 returns).
_OWN_RULES = frozenset({"超龄", "派遣", "非全日制", "平台", "求职"})


def choose_topic(
    question: str, hits: Sequence[Hit], *, situations: frozenset[str], common: frozenset[str],
    region: str | None = None, prefer: Card | None = None, facts: Any = None,
) -> Topic:
    """The best-ranked card that fits her situation and place; `prefer` (a known-gap card) goes first."""
    ranked = [h.record for h in hits if isinstance(h.record, Card) and h.via != "asked"]
    # Another province's rule never answers her question; her own province's rule may.
    ranked = [c for c in ranked if c.region in {NATIONAL, region}][:TOP_CARDS]
    if prefer is not None:
        ranked = [prefer, *(c for c in ranked if c.id != prefer.id)]
    passed = tuple(c.id for c in ranked if conflicts(c, situations))
    fitting = [c for c in ranked if c.id not in passed]
    # A card for a situation she never mentions (a pregnancy rule for a probation question) answers only
    # when no card for anyone fits.
    # A province's card is left alone: its rules (育儿假, 护理假) are asked about without naming a stage.
    later = {c.id for c in fitting if c.region == NATIONAL and unmentioned(c, situations)}
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
    return Topic(card, unit, grounded, situations, passed)


_DEFERS = re.compile(r"看本省|本省规定|按本省|本省的.{0,6}规定")


# A question in two parts ("…合法吗？产假能休多少天？") asks two things; each part needs its own answer.
_CLAUSES = re.compile(r"[？?；;。！!]|(?:，|,)?(?:还有|另外|而且|并且|同时|以及|那)(?=[^，,]{2,})")
_ENDS_ASKING = re.compile(r"(?:吗|呢|怎么算|怎么办|多少|多少天|几天|多久|多长时间|算不算|行不行|可不可以|能不能)[？?]?$")
_ASKS = re.compile(r"呢(?=[？?]|$)|吗|么|什么时候|啥时候|哪天|哪年|够不够|对不对|行不行|咋|多少|几[天个年月次]|怎么|如何|能不能|可不可以|可以|是否|有没有|算不算|要不要|会不会|哪些|多久|多长|谁(?:出|付|发|给|来|承担|掏|负责)")


# Words that ask or fill but name nothing: "大概多少钱" asks about the thing the part before it named.
_FILLER = re.compile(r"办(?=[？?]?$)|做(?=[？?]?$)|应该|该|大概|大约|一般|到底|请问|究竟|那|又|还|能|可以|要|会|我|您|你|呢|啊|呀|吧|的|了|得|有|给|是|就|都|[\s，,？?。！!；;]")


def names_something(part: str) -> bool:
    """False for a part that only asks ("大概多少钱", "我该怎么办"; 少给了多少, 差多少: how much of it): it goes on
    asking about her first subject."""
    return _FILLER.sub("", _ASKS.sub("", part)) not in {"", "钱", "少", "差", "拿", "领", "请", "休"}


def question_parts(question: str) -> list[str]:
    """The parts of her message that each ask something ("…合法吗？" "产假能休多少天？"); one part for one question.

    Commas split too, but only between pieces that each end as a question ("哺乳时间怎么算，产假又怎么算").
    """
    parts: list[str] = []
    for p in _CLAUSES.split(question):
        if not p or len(p.strip()) < 4 or not _ASKS.search(p):
            continue
        pieces = [x.strip() for x in re.split(r"[，,]", p) if x.strip()]
        asked = [x for x in pieces if _ENDS_ASKING.search(x) and len(x) >= 4]
        parts += asked if len(asked) >= 2 else [p.strip()]
    return parts


SAME_ANSWER = 0.5
# A later part's card must share a keyword or a quarter of its bigrams with that part: an "另外" line about
# something she never asked is worse than none.
PART_MATCH = 0.5


def answer_overlap(a: str, b: str) -> float:
    """Share of a's bigrams that b also has: near 1 when b already says what a says."""
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x) if x else 0.0


# A later part's card must also be among the whole message's best cards: a card that only a fragment reaches
# ("请假期间工资" alone finds 事假扣款 for a 早产儿 question) answers something she did not ask.
WHOLE_TOP = 10


def part_topic(
    part: str, hits: Sequence[Hit], first: Topic, *, common: frozenset[str], region: str | None = None,
    facts: Any = None, whole: Sequence[Hit] | None = None,
) -> tuple[Card, AnswerUnit] | None:
    """The card answering one part of her message, from that part's own retrieval, when it is another card."""
    if not names_something(part):
        return None  # "大概多少钱" asks about her first subject, never a card of its own
    situations = first.situations | situations_of(part)
    t = choose_topic(part, hits, situations=situations, common=common, region=region, facts=facts)
    if t.card is None or t.unit is None or not t.grounded or first.card is None or t.card.id == first.card.id:
        return None
    if first.unit is not None and any(a in part for a in first.unit.asks if len(a) >= 3):
        return None  # the conclusion she gets already answers this part in its own words (自己能申请 → 1年内)
    if first.unit is not None and answer_overlap(t.unit.conclusion, first.unit.conclusion) >= SAME_ANSWER:
        return None  # another card saying what the first conclusion already says
    if card_match(part, t.card, common) < PART_MATCH:  # only a card that clearly answers this part
        return None
    if whole is not None and t.card.id not in [h.record.id for h in whole if isinstance(h.record, Card)][:WHOLE_TOP]:
        return None
    return t.card, t.unit


def second_topic(
    question: str, hits: Sequence[Hit], first: Topic, *, common: frozenset[str], region: str | None = None,
    facts: Any = None, own_only: bool = False,
) -> tuple[Card, AnswerUnit] | None:
    """When her question asks a second thing, the card and unit that answer it: another unit of the same card
    whose question forms that part uses, else another fitting card that clearly matches that part
    (`own_only`: only the same card's units, for every part in turn)."""
    if first.card is None or first.unit is None:
        return None
    parts = question_parts(question)
    if len(parts) < 2:
        return None
    ranked = [h.record for h in hits if isinstance(h.record, Card) and h.via != "asked"]
    ranked = [c for c in ranked if c.region in {NATIONAL, region} and c.id != first.card.id
              and not conflicts(c, first.situations)][:TOP_CARDS]
    for part in parts:
        # The first conclusion already answers this part ("还能再请假吗"); a two-character form (工资, 多少) is
        # too common to tell, "平均工资" in a 产假几天 part is not a wage question.
        if any(len(a) >= 3 and a in part for a in first.unit.asks):
            continue
        own = pick_unit(first.card, part, facts)
        if own is not None and (own is first.unit or not any(a in part for a in own.asks)
                                or _says_again(own, first.unit)):
            own = None
        # Her province's card answering this part too (黑龙江's 生育津贴 split) speaks before a national card.
        if own_only and not names_something(part):
            continue  # "能请几天" asks about her first subject, not the province's other leave
        if own is not None and (first.card.region != NATIONAL or own_only):
            return first.card, own
        if own_only:
            continue
        mine = card_match(part, first.card, common)
        other = next((c for c in ranked if c.answers and card_match(part, c, common) >= max(1.0, mine + 0.5)
                      and names_something(part)), None)
        if other is not None:
            unit = pick_unit(other, part, facts)
            if unit is not None and not _says_again(unit, first.unit):
                return other, unit
        if own is not None:
            return first.card, own
    return None


def _says_again(unit: AnswerUnit, first: AnswerUnit) -> bool:
    """A unit whose conclusion mostly repeats the first one: the next part may still have an answer of its own."""
    return answer_overlap(unit.conclusion, first.conclusion) >= SAME_ANSWER

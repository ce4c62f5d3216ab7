"""Messages that ask several things: the parts, and the card and unit answering each later part.

question_parts(text)     the parts of her message that each ask something
later_answers(...)       up to two more (card, unit) answers, in the order she asked, none repeating another
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answering.situation import conflicts, situations_of, unmentioned
from assistant.answering.topic import TOP_CARDS, Topic, bigrams, card_match, choose_topic, holds, pick_unit
from assistant.records import NATIONAL, AnswerUnit, Card, Hit

# A question in two parts ("…合法吗？产假能休多少天？") asks two things; each part needs its own answer.
_CLAUSES = re.compile(r"[？?；;。！!]|(?:，|,)?(?:还有|另外|而且|并且|同时|以及|那)(?=[^，,]{2,})"
                      r"|\s*(?<![0-9.．])(?=[2-9][.、．](?![0-9]))")  # a numbered list: "1.产假多少天 2.哺乳…"
_ENDS_ASKING = re.compile(r"(?:吗|呢|怎么算|怎么办|多少|多少天|几天|多久|多长时间|算不算|行不行|可不可以|能不能)[？?]?$")
_ASKS = re.compile(r"呢(?=[？?]|$)|吗|么|是不是|(?:按|是|算|选)[^，,。]{0,12}?还是|什么时候|啥时候|哪天|哪年|够不够|对不对|行不行|咋|多少|几[天个年月次]|怎么|如何|能不能|可不可以|可以|是否|有没有|算不算|要不要|会不会|哪些|多久|多长|谁(?:出|付|发|给|来|承担|掏|负责)")


# Words that ask or fill but name nothing: "大概多少钱" asks about the thing the part before it named.
_FILLER = re.compile(r"办(?=[？?]?$)|做(?=[？?]?$)|钱|应该|该|大概|大约|一般|到底|请问|究竟|那|又|还|能|可以|要|会|我|您|你|呢|啊|呀|吧|的|了|得|有|给|是|就|都|[\s，,？?。！!；;]")


def names_something(part: str) -> bool:
    """False for a part that only asks ("大概多少钱", "我该怎么办"; 少给了多少, 差多少: how much of it): it goes on
    asking about her first subject."""
    rest = _AMOUNTS.sub("", _FILLER.sub("", _ASKS.sub("", part)))
    return rest not in {"", "钱", "少", "差", "拿", "领", "请", "休", "合法", "违法", "对", "正常", "行", "合理", "算数", "什", "啥"}


# 500块合法吗, 这样对吗: a sum she named or a pointer back, with a judgement asked of it, names nothing new.
_AMOUNTS = re.compile(r"一共|总共|加起来|这样|这么|这个|那个|这种|这|那|公司|单位|老板|厂里"
                      r"|[\d.一二两三四五六七八九十]+\s*(?:万|千|百)?\s*(?:元|块钱?|块|个月|个小时|小时|年|天)?(?:下来|以来)?")


_ANNOUNCE = re.compile(r"(?:另外|还有)\s*$")


def _announced(question: str, clause: str) -> bool:
    at = question.find(clause)
    return at > 0 and len(clause.strip()) >= 4 and bool(_ANNOUNCE.search(question[max(0, at - 3):at]))


def question_parts(question: str) -> list[str]:
    """The parts of her message that each ask something ("…合法吗？" "产假能休多少天？"); one part for one question.

    Commas split too, but only between pieces that each end as a question ("哺乳时间怎么算，产假又怎么算").
    """
    parts: list[str] = []
    clauses = [c for c in _CLAUSES.split(question) if c and c.strip()]
    for i, p in enumerate(clauses):
        if len(p.strip()) < 4 and _ASKS.search(p) and i > 0 and not _ASKS.search(clauses[i - 1]):
            # "…双胞胎也一样。对吗？": the short question asks about the statement before it.
            p = clauses[i - 1].strip() + p.strip()
        elif not _ASKS.search(p) and _announced(question, p):
            pass  # "另外领导还想让我轮夜班": announced as a second matter, though it asks nothing in so many words
        elif len(p.strip()) < 4 or not _ASKS.search(p):
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
    x, y = bigrams(a), bigrams(b)
    return len(x & y) / len(x) if x else 0.0


# A later part's card must also be among the whole message's best cards: a card that only a fragment reaches
# ("请假期间工资" alone finds 事假扣款 for a 早产儿 question) answers something she did not ask.
WHOLE_TOP = 10
# ... unless she turns to a new subject in so many words ("另外产假有多少天", "2.哺乳时间每天多久") and the
# part plainly names that card's subject (a keyword and most of its words).
PART_NAMES = 2.0
_TURN = re.compile(r"(?:另外|还有|还想问|再问|顺便问|第[二三2-3][个点]?|(?<![0-9])[2-3][.、．)）]|[二三][、.])\s*$")


_NUMBERED = re.compile(r"[2-9][.、．]")


def _turns_to(question: str, part: str) -> bool:
    """Whether her message announces this part as a new question (另外…, 还有…, 2.…)."""
    at = question.find(part)
    return at > 0 and bool(_TURN.search(question[max(0, at - 6):at]) or _NUMBERED.match(part))


def part_topic(
    part: str, hits: Sequence[Hit], first: Topic, *, common: frozenset[str], region: str | None = None,
    facts: Any = None, whole: Sequence[Hit] | None = None, question: str = "",
) -> tuple[Card, AnswerUnit] | None:
    """The card answering one part of her message, from that part's own retrieval, when it is another card."""
    if not names_something(part):
        return None  # "大概多少钱" asks about her first subject, never a card of its own
    situations = first.situations | situations_of(part)
    t = choose_topic(part, hits, situations=situations, common=common, region=region, facts=facts)
    if t.card is None or t.unit is None or not t.grounded or first.card is None or t.card.id == first.card.id:
        return None
    if len(t.card.answers) > 1 and t.unit.asks and not any(a in part for a in t.unit.asks) and not holds(t.unit, facts):
        return None  # the card's default answer to a part that asks none of its questions (工资怎么算 → 产假天数)
    if first.unit is not None and any(a in part for a in first.unit.asks if len(a) >= 3):
        return None  # the conclusion she gets already answers this part in its own words (自己能申请 → 1年内)
    if first.unit is not None and answer_overlap(t.unit.conclusion, first.unit.conclusion) >= SAME_ANSWER:
        return None  # another card saying what the first conclusion already says
    match = card_match(part, t.card, common)
    if match < PART_MATCH:  # only a card that clearly answers this part
        return None
    if whole is not None and not (match >= PART_NAMES and _turns_to(question, part)) and t.card.id not in [h.record.id for h in whole if isinstance(h.record, Card)][:WHOLE_TOP]:
        return None
    return t.card, t.unit


def _ranked(hits: Sequence[Hit], first: Topic, region: str | None) -> list[Card]:
    """The whole message's best cards, other than the first, that fit her place and situation."""
    assert first.card is not None
    ranked = [h.record for h in hits if isinstance(h.record, Card) and h.via != "asked"]
    # … not a card for a stage she never mentions (试用期怀孕 for a worker who is not pregnant)
    return [c for c in ranked if c.region in {NATIONAL, region} and c.id != first.card.id
            and not conflicts(c, first.situations)
            and not (c.region == NATIONAL and unmentioned(c, first.situations))][:TOP_CARDS]


def _answered_first(part: str, first: AnswerUnit) -> bool:
    # The first conclusion already answers this part ("还能再请假吗"); a two-character form (工资, 多少) is
    # too common to tell, "平均工资" in a 产假几天 part is not a wage question.
    return any(len(a) >= 3 and a in part for a in first.asks)


def _own_unit(part: str, first: Topic, facts: Any) -> AnswerUnit | None:
    """Another unit of the first card that this part asks for in its own words."""
    assert first.card is not None and first.unit is not None
    own = pick_unit(first.card, part, facts)
    if own is None or own is first.unit or not any(a in part for a in own.asks):
        return None
    if _says_again(own, first.unit) and not names_unit(part, own, first.unit.conclusion):
        return None
    return own


def names_unit(part: str, unit: AnswerUnit, said: str = "") -> bool:
    """Whether the part names one of the unit's own longer question forms (育儿假) that the answer so far has not
    spoken of: a question of its own, even when the unit words its answer much like the first one."""
    return any(len(a) >= 3 and a in part and a not in said for a in unit.asks)


def _whole_part(part: str, ranked: Sequence[Card], first: Topic, common: frozenset[str],
                facts: Any) -> tuple[Card, AnswerUnit] | None:
    """This part's answer from the whole message's ranking: the first card's own unit for it, unless another
    well-ranked card matches the part clearly better; her province's card answers for itself."""
    assert first.card is not None and first.unit is not None
    own = _own_unit(part, first, facts)
    if own is not None and first.card.region != NATIONAL and names_something(part):
        return first.card, own  # her province's card answering this part too (黑龙江's 生育津贴 split)
    mine = card_match(part, first.card, common)
    other = next((c for c in ranked if c.answers and card_match(part, c, common) >= max(1.0, mine + 0.5)
                  and names_something(part)), None)
    if other is not None:
        unit = pick_unit(other, part, facts)
        if unit is not None and not _says_again(unit, first.unit):
            return other, unit
    # "这合法吗" asks about what the first conclusion already judged: no other unit of that card answers it;
    # "能要多少" asks for her number, which a unit with a calculator gives when the first one has none.
    if own is not None and (names_something(part) or (own.calc and not first.unit.calc)):
        return first.card, own
    return None


def _says_again(unit: AnswerUnit, first: AnswerUnit) -> bool:
    """A unit whose conclusion mostly repeats the first one: the next part may still have an answer of its own."""
    return answer_overlap(unit.conclusion, first.conclusion) >= SAME_ANSWER


MORE_ANSWERS = 2  # her first question and at most two more are answered in the summary


@dataclass(frozen=True, slots=True)
class PartAnswer:
    """One later part of her message and the card and unit answering it; `hits` is the part's own search."""

    part: str
    card: Card
    unit: AnswerUnit
    hits: tuple[Hit, ...] = ()


def later_answers(
    question: str, hits: Sequence[Hit], parts: Sequence[tuple[str, Sequence[Hit]]], first: Topic, *,
    common: frozenset[str], region: str | None = None, facts: Any = None,
    fresh: Any = None, limit: int = MORE_ANSWERS,
) -> list[PartAnswer]:
    """Answers to the later parts of her message, at most `limit`, in the order she asked them.

    For each part, in turn of trust: her province's card's own unit for it; the part's own search; the whole
    message's ranking. `fresh(answer, chosen)` may refuse an answer that repeats what is already said.
    """
    if first.card is None or first.unit is None:
        return []
    texts = question_parts(question)
    if len(texts) < 2:
        return []
    own_hits = dict(parts)
    ranked = _ranked(hits, first, region)
    chosen: dict[str, PartAnswer] = {}

    def take(answer: PartAnswer) -> None:
        if len(chosen) < limit and answer.part not in chosen and (
                fresh is None or fresh(answer, list(chosen.values()))):
            chosen[answer.part] = answer

    if first.card.region != NATIONAL:
        for part in texts:
            # "能请几天" asks about her first subject, not the province's other leave
            if not _answered_first(part, first.unit) and names_something(part):
                own = _own_unit(part, first, facts)
                if own is not None:
                    take(PartAnswer(part, first.card, own))
    for part in texts:
        found = part_topic(part, own_hits[part], first, common=common, region=region, facts=facts, whole=hits,
                           question=question) \
            if part in own_hits and part not in chosen else None
        if found is not None:
            take(PartAnswer(part, found[0], found[1], tuple(own_hits[part])))
    for part in texts:
        if part not in chosen and not _answered_first(part, first.unit):
            found = _whole_part(part, ranked, first, common, facts)
            if found is not None:
                take(PartAnswer(part, found[0], found[1]))
    return sorted(chosen.values(), key=lambda a: texts.index(a.part))

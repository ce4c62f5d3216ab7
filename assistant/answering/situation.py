"""Her situation from her own words: the life stage (怀孕, 产假, 哺乳, 流产) and the kind of work (派遣, 平台 …).

Confusable topics differ by who is asking, not by vocabulary: night shifts are forbidden for a pregnant
worker after seven months and for a mother of a child under one, each under its own article. The topic
stage uses these situations to pass over a card that is about another woman's case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.corpus.cards import EXCLUSIVE_ONLY, SITUATION_GROUPS
from assistant.records import Card

_MONTHS = r"(?:[1-9]|1[01]|[一二两三四五六七八九十]|十一)"
# A threatened miscarriage (先兆流产) is a pregnancy being protected, not a miscarriage.
_MISCARRIAGE = re.compile(r"(?<!先兆)(?:流产|小产|胎停|引产|人流|药流)(?!风险|危险|迹象|征兆)|孩子没保住|胎儿没保住|宫外孕|异位妊娠|生化妊娠")
# 宝宝是2026年3月生的, 孩子去年8月出生: her child is born, so she is in 产期 or 哺乳期, not pregnant.
_BORN = r"(?:孩子|宝宝|娃|小孩|儿子|女儿)(?:(?!预|要|将|快|马上|打算)[^，。？！,]){0,12}?(?:出生|生的|生下)"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "怀孕": re.compile(r"三期|怀孕|怀上|怀了|孕期|孕妇|孕[0-9一二三四五六七八九十]|大肚子|有喜|产检|保胎|预产期|先兆流产|孕周|孕早期|孕晚期"),
    "产假": re.compile(r"三期|生育津贴|生育保险|生育医疗|生育假|产假|生孩子|生小孩|生宝宝|生娃|(?<![发陌卫学先医产])生了|生完|刚生|坐月子|月子|分娩|难产|剖腹产|剖宫产|顺产|产后|(?<!安全)(?<!停)(?<!组织)生产(?!岗|线|车间|部|任务|经营|工|厂|计划|设备|作业|旺季|淡季|主管|组|班|区|一线|型|性|事故|能力|单位|资料|许可)|生下来|足月|死胎|死产|" + _BORN),
    # A baby born dead or lost at birth: a birth (98 days), and a rule no other 产假 question needs.
    "死产": re.compile(r"死产|死胎|生下来就没了|出生就没了|生下来没几天|没几天就走了|夭折"),
    "哺乳": re.compile(
        rf"三期|哺乳|喂奶|背奶|吸奶|泵奶|母乳|不到一岁|不满一周?岁|未满一周?岁|不到1岁|不满1周?岁"
        rf"|(?:孩子|宝宝|娃|小孩|儿子|女儿)[^，。？！,]{{0,4}}?(?:才|刚)?{_MONTHS}个多?月|{_BORN}"),
    "参保": re.compile(r"(?<![没未不])(?:交了|缴了|参加了|买了|上了)(?:生育保险|生育险|社保|社会保险|五险)"),
    "未参保": re.compile(r"[没未](?:有)?(?:给我|帮我|为我)?(?:交|缴|买|上|参加)(?:过)?(?:生育保险|生育险|社保|社会保险|五险)"
                      r"|不(?:给|帮|为)(?:我)?(?:交|缴|买)(?:社保|生育保险|生育险|五险)|未参保|没参保"),
    "派遣": re.compile(r"派遣|外包公司派|被派到"),
    "平台": re.compile(r"骑手|外卖|快递员|跑腿|网约车|滴滴|货拉拉|主播|众包|平台(?:接单|派单|用工|上接)|接单"),
    "非全日制": re.compile(r"非全日制|小时工|钟点工|按小时(?:算|结|计)"),
    "求职": re.compile(r"面试|应聘|招聘|求职|不录用|没被录用|没录用|拒绝录用|入职体检|offer|录取|投了简历|投简历|招聘启事"
                     r"|启事|限男|只招男|只要男|只收男|不招女|不要女"),
    "超龄": re.compile(r"返聘|超过(?:了)?退休年龄|超龄|已经退休|退休(?:后|了)(?:还|又|继续)|领着?退休金"),
}


# 怕我要生娃, 担心我怀孕: the employer's fear of a future pregnancy is not a pregnancy (妇女权益保障法第四十八条 covers it).
FEARED = re.compile(r"(?:怕|担心|嫌|顾虑)(?:我|她|女员工|女的)?(?:结婚后|婚后|以后|将来|马上|很快)?(?:要|会|想)?"
                    r"(?:怀孕|怀上|生娃|生孩子|生小孩|要孩子|生二胎|生二孩|生育)")


# 哺乳期又不是怀孕, 我没怀孕: a pregnancy she denies is not hers.
DENIED = re.compile(r"(?:又|也|并)?(?:不是|没有|没|未)(?:在)?(?:怀孕|怀上|怀了|怀着|孕期|孕妇|保胎)")


def situations_of(text: str, *, child_age_months: int | None = None, pregnant: bool | None = None,
                  miscarriage: bool | None = None) -> frozenset[str]:
    """The situations her words (and facts, when known) put her in."""
    text = DENIED.sub("", FEARED.sub("", text))
    found = {name for name, pattern in _PATTERNS.items() if pattern.search(text)}
    if _MISCARRIAGE.search(text) or miscarriage:
        found.add("流产")
        # After a miscarriage she is no longer pregnant; 怀孕3个月流产了 names both words.
        if not re.search(r"又怀|再次怀孕|现在怀", text):
            found.discard("怀孕")
        # 流产算不算产假 names the leave, not a birth: she is in the miscarriage case only.
        if not re.search(r"生孩子|生小孩|生宝宝|生娃|生了|生完|分娩|坐月子|月子|剖|顺产|产后|难产", text):
            found.discard("产假")
    if pregnant:
        found.add("怀孕")
    if child_age_months is not None and child_age_months < 12:
        found.add("哺乳")
    return frozenset(found)


def unmentioned(card: Card, situations: Iterable[str]) -> bool:
    """True when the card is about a situation of a group in which she names none at all."""
    hers = set(situations)
    return any(
        any(s in group for s in card.applies_to) and not hers.intersection(group)
        for name, group in SITUATION_GROUPS.items() if name not in EXCLUSIVE_ONLY
    )


def conflicts(card: Card, situations: Iterable[str]) -> bool:
    """True when the card is about a situation of one group and she is in another of that group."""
    hers = set(situations)
    for group in SITUATION_GROUPS.values():
        card_side = {s for s in card.applies_to if s in group}
        her_side = {s for s in hers if s in group}
        if card_side and her_side and not card_side & her_side:
            return True
    return False

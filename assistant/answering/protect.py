"""Protections that decide her case whatever card ranked first (劳动合同法第四十二条、第四十五条 …).

A general card tells any worker the general rule: N for a lawful dismissal, overtime limits, a 医疗期满
dismissal. For a worker in 孕期/产期/哺乳期, on sick leave or injured at work, or dismissed with no reason
given, that rule is the wrong one; these stages put the protecting card first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.answering.situation import conflicts
from assistant.answering.topic import Topic, named_leaves, pick_unit
from assistant.records import NATIONAL, Card

_STAGES = frozenset({"怀孕", "产假", "哺乳"})
_DISMISSAL = re.compile(r"辞退|辞了|把我辞|开除|解雇|裁员|裁掉|裁了|被裁|炒了|炒我|不用来了|别来了|让我走|叫我走|要我走|走人|劝退"
                        r"|解除(?:劳动)?合同|不要我了|业务调整")
# Her own fault or a closure: its own card and rule, for every protection below.
_FAULT_OR_CLOSURE = r"严重违纪|严重违反|旷工|违反规章|过错|偷|打架|犯罪|刑事|欺诈|解散|倒闭|注销|破产"
# 还能告吗 asks about time only when she says when it happened (2025年3月被辞退, 离职两年了), not about evidence.
_STILL_ABLE = re.compile(r"还能(?:去|再)?(?:申请)?(?:劳动)?仲裁|还能(?:去|再)?(?:起诉|告)")
# … and for the 三期 shield also an expiry or her own resignation.
_NOT_SHIELDED = re.compile(_FAULT_OR_CLOSURE + r"|严重失职|关门"
                           r"|合同到期|到期|辞职|协商解除|自愿|签了?协议|离职协议"
                           # 不干就走人: a threat about the job she is given, not a dismissal
                           r"|不(?:想)?干(?:就|可以)(?:走人|走|滚)"
                           # 还能申请仲裁吗: the time limit decides, not the protection
                           r"|" + _STILL_ABLE.pattern + r"|还来得及|时效|过期了|晚不晚")
# She asks whether she is still in time: the one-year limit (劳动争议调解仲裁法第二十七条) answers first.
_TIME_LIMIT_ASK = re.compile(r"还来得及|仲裁时效|时效(?:过|到|还|是|多)|过期了|晚不晚|过了多久还能")
TIME_LIMIT_CARD = "card:labor-arbitration-time-limit"
# The pressured-resignation card is for being pushed to resign or sign, not for being dismissed outright.
_PRESSED = re.compile(r"辞职|离职|签|协议|逼|劝|自愿|主动|写申请")
SHIELD_CARD = "card:pregnancy-no-dismissal"
PRESSED_CARD = "card:pregnancy-pressured-resignation"
EXPIRY_CARD = "card:contract-expiry-during-pregnancy"
ILLEGAL_CARD = "card:illegal-dismissal-compensation"
# Its answers speak of 录用条件 and the half month of a short service: only for a woman who says she is on probation.
PROBATION_PREGNANT_CARD = "card:probation-period-pregnancy"
_NOT_SHIELDED_SICK = re.compile(_FAULT_OR_CLOSURE)
_NO_REASON = re.compile(r"无故|没(?:有)?(?:任何)?(?:说|给)?(?:任何)?理由|啥理由都没|什么理由都没|不说理由|理由都没|莫名其妙|说不出理由")
_EXPIRY = re.compile(r"到期|期满|续签|不续|续约|合同到了")
_PROTECTION = frozenset({"劳动合同法#42", "女职工劳动保护特别规定#5"})
_PAY_CARDS = frozenset({"card:pregnancy-transfer-pay-cut", "card:pregnancy-standby-pay"})
# Her contract's term ending (not 产假期满, the end of her leave).
_CONTRACT_END = re.compile(r"合同[^，。？！,]{0,8}(?:到期|期满|到了|不续)|不续签|不续了|不再续|不续约|续签|续约")
_CONTINUED = "劳动合同法#45"  # the card already rests on the rule that a contract runs on through the 三期


# Protections that decide her case whatever general card ranked first: (her situation, what she asks about,
# the card with the protecting rule). A general card would tell her the rule for everyone else.
_SICK = re.compile(r"病假|住院|生病|看病|医疗期|手术|养病|非因工负伤")
_INJURED = re.compile(r"工伤|工作中受伤|干活受伤|被砸伤|摔伤|因工负伤|停工留薪")
# 停工留薪期满/到期 and 医疗期满 end a period of leave, not her job: only 合同到期 is an ending here.
_ENDING = re.compile(r"裁员|裁掉|被裁|裁我|(?<!停工留薪期)(?<!留薪期)(?<!最多12个月，)到期|不续|(?<!留薪)(?<!医疗)期满|辞退|开除|解除|让我走|走人|不用来了")
_OVERTIME = re.compile(r"加班|夜班|晚班|倒班|三班|通宵|值夜")
_PAY_CUT = re.compile(r"降薪|降工资|降我工资|扣工资|减工资|少发|工资.{0,10}?(?:降|减|扣|(?<!多)少)|降到|(?:补贴|津贴|奖金|绩效).{0,4}(?:取消|停|扣|减|没了|不发)")
_REST = re.compile(r"休息|歇一会|歇会|躺|工间休")
# 孕期禁忌劳动 (女职工劳动保护特别规定附录三): an outright ban, not a matter of a doctor's note.
_FORBIDDEN = re.compile(r"冷库|低温|冷水|零下|冷链|高处作业|爬高|爬梯|攀高|铅|苯|汞|放射|辐射|农药|有毒|麻醉剂"
                        r"|(?:频繁|一直|老是)(?:弯腰|下蹲|蹲)")  # 附录三（十）: frequent bending, climbing, squatting
# Pushed to sign her own resignation: signing would give up the 三期 protection (劳动合同法第四十二条).
_PRESSURE = re.compile(r"签.{0,14}(?:自愿|主动|个人原因).{0,6}(?:离职|辞职)|(?:自愿|主动)(?:离职|辞职)(?:申请|书|协议)"
                       r"|让我(?:主动)?(?:辞职|离职)|逼我(?:辞职|离职)|劝(?:我)?(?:辞职|离职)|劝退")
# 生育津贴比工资少: a question about the allowance, not a pay cut on her return; nor 陪产假工资扣不扣.
_ALLOWANCE = re.compile(r"生育津贴|生育金|津贴")
_PATERNITY = re.compile(r"陪产|护理假|照顾假|老公|丈夫")
# Harassed, then dismissed (as 旷工 for avoiding the harasser): the harassment card's dismissal answer.
_HARASSED = re.compile(r"性骚扰|骚扰|动手动脚|揩油|猥亵|(?:老|总|乱|偷偷)?摸我|摸(?:我的)?(?:手|腿|屁股|胸|腰)|黄图|黄色(?:图片|视频|笑话|段子)"
                       r"|黄段子|色情|荤段子|陪他(?:吃饭|喝酒|睡)|陪睡")
HARASSMENT_CARD = "card:sexual-harassment-workplace"
_PAY_CLAIM = re.compile(r"工资|加班费|补偿|赔偿金|仲裁")
# Cards on where and how to bring a claim: for a harassed worker they answer a question she did not ask.
_PROCEDURE_TOPICS = frozenset({"劳动仲裁", "维权途径", "劳动保障监察", "举证责任"})
NO_FAULT_CARD = "card:no-fault-dismissal-notice-pay"
# 劳动合同法第四十条: 医疗期满, 不能胜任, 客观情况重大变化 (a post abolished, a move she cannot follow).
_ARTICLE_40 = re.compile(r"部门(?:整个)?(?:撤|取消|没了|解散)|岗位(?:撤|取消|没了)|撤掉|撤销|客观情况|不胜任|不能胜任|医疗期满"
                         r"|搬迁|整体搬|搬到|调岗.{0,8}(?:不同意|没谈拢|谈不拢)|没谈拢|谈不拢")
_DEMOTED = re.compile(r"降职|降级|调岗|换岗|岗位.{0,6}(?:没了|被.{0,3}顶|给了别人|取消)|被人顶|顶了我|调去做|调我去")
# 哺乳期禁忌劳动 (附录四): poisons above the occupational limit, whatever else the employer says of her post.
_FORBIDDEN_NURSING = re.compile(r"铅|汞|苯|镉|锰|氟|溴|甲醇|有机磷|有机氯|农药|有毒|放射")
PROTECTIONS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("哺乳", _FORBIDDEN_NURSING, "card:forbidden-work-pregnancy-nursing"),
    ("怀孕", _PRESSURE, PRESSED_CARD),
    ("产假", _PRESSURE, PRESSED_CARD),
    ("哺乳", _PRESSURE, PRESSED_CARD),
    ("哺乳", _OVERTIME, "card:breastfeeding-no-overtime-night"),
    ("怀孕", _OVERTIME, "card:late-pregnancy-no-overtime-night"),
    ("怀孕", _REST, "card:late-pregnancy-no-overtime-night"),  # 满7个月 rest during working hours (第六条)
    ("怀孕", _FORBIDDEN, "card:forbidden-work-pregnancy-nursing"),
    ("怀孕", _PAY_CUT, "card:pregnancy-transfer-pay-cut"),
    ("哺乳", _PAY_CUT, "card:pregnancy-transfer-pay-cut"),
    # Back from maternity leave to a lower post or pay: 妇女权益保障法第四十八条, not only 第三十五条.
    ("产假", _PAY_CUT, "card:back-from-maternity-leave"),
    ("产假", _DEMOTED, "card:back-from-maternity-leave"),
)


def protect(topic: Topic, question: str, cards: Sequence[Card], facts: Any = None) -> Topic:
    """Her protected situation first: 哺乳期/孕期 overtime and pay cuts, 医疗期/工伤 before 裁员 or 到期."""
    shielded = shield(topic, question, cards, facts)
    if shielded is not topic:
        return shielded
    asks_time = bool(_TIME_LIMIT_ASK.search(question)) or (
        bool(_STILL_ABLE.search(question)) and bool(getattr(facts, "dates", ())))
    # Suing a harasser is a civil claim with its own three years, not the one-year arbitration limit.
    asks_time = asks_time and not (_HARASSED.search(question) and not _PAY_CLAIM.search(question))
    if asks_time and (topic.card is None or topic.card.id != TIME_LIMIT_CARD):
        # 还能去仲裁吗: whether she is still in time decides everything else the other card would say.
        limit = next((c for c in cards if c.id == TIME_LIMIT_CARD), None)
        if limit is not None and not conflicts(limit, topic.situations):
            return Topic(limit, pick_unit(limit, question, facts), True, topic.situations, topic.passed_over)
    # Harassed and dismissed, or asking how to act (黄段子 … 我能直接起诉经理吗): the harassment rule
    # (民法典第一千零一十条) answers, not a procedure card's.
    procedure = topic.card is not None and topic.card.topic in _PROCEDURE_TOPICS
    if _HARASSED.search(question) and (topic.card is None or topic.card.id != HARASSMENT_CARD) \
            and (getattr(facts, "dismissed", None) or _DISMISSAL.search(question) or procedure):
        harassment = next((c for c in cards if c.id == HARASSMENT_CARD), None)
        if harassment is not None and not conflicts(harassment, topic.situations):
            return Topic(harassment, pick_unit(harassment, question, facts), True, topic.situations,
                         topic.passed_over)
    # (in 试用期 a post abolished is no lawful ground at all (第二十一条): the probation card's unlawful answer stays)
    if getattr(facts, "no_notice", None) and getattr(facts, "dismissed", None) and _ARTICLE_40.search(question) \
            and not topic.situations & _STAGES and not _NOT_SHIELDED_SICK.search(question) \
            and not ("试用" in question and topic.card is not None and "试用" in topic.card.title) \
            and (topic.card is None or topic.card.id != NO_FAULT_CARD):
        # 部门撤了、调岗没谈拢，当天就让我走: a 第四十条 dismissal without 30 days' notice is N+1.
        no_fault = next((c for c in cards if c.id == NO_FAULT_CARD), None)
        if no_fault is not None:
            return Topic(no_fault, pick_unit(no_fault, question, facts), True, topic.situations, topic.passed_over)
    title = topic.card.title if topic.card is not None else ""
    own = set(topic.card.applies_to) if topic.card is not None else set()
    own_cites = set(topic.card.cites) if topic.card is not None else set()
    wanted: str | None = None
    for stage, asked, cid in PROTECTIONS:
        # A card for her stage that is already about what she asks (its title names it) stays; a general card,
        # or a 三期 card about something else (nursing time for a pay cut), gives way.
        if stage in topic.situations and asked.search(question) and not (stage in own and asked.search(title)) \
                and not _provincial_answer(topic, asked, question) and not _answers_itself(topic, stage, asked) \
                and not (stage == "产假" and (_ALLOWANCE.search(question) or _PATERNITY.search(question))) \
                and not (stage == "产假" and "哺乳" in own and "哺乳" in topic.situations):
            # (产假休完 and back nursing: a nursing card about her question is not a return-from-leave demotion)
            wanted = cid
            break
    if wanted is None and topic.situations & _STAGES and _CONTRACT_END.search(question) \
            and not _NOT_SHIELDED_SICK.search(question) and _CONTINUED not in own_cites \
            and not _provincial_answer(topic, _CONTRACT_END, question):
        wanted = EXPIRY_CARD  # a contract ending in 孕期/产期/哺乳期 runs on until they end (第四十五条)
    # A card for her 三期 stage (保胎 sick leave) already rests on the same protection (第四十二条): it stays.
    if wanted is None and _ENDING.search(question) and not _NOT_SHIELDED_SICK.search(question) \
            and not own & topic.situations & _STAGES:
        if _INJURED.search(question):
            wanted = "card:work-injury-leaving-job"
        elif _SICK.search(question):
            wanted = "card:sick-leave-medical-period"
    if wanted is None or (topic.card is not None and topic.card.id == wanted):
        return topic
    card = next((c for c in cards if c.id == wanted), None)
    if card is None or conflicts(card, topic.situations):
        return topic
    return Topic(card, pick_unit(card, question, facts), True, topic.situations, topic.passed_over)


def _answers_itself(topic: Topic, stage: str, asked: re.Pattern[str]) -> bool:
    """A card for her stage whose chosen conclusion already answers what she asks (哺乳时间 "不能扣工资")."""
    return (topic.card is not None and stage in topic.card.applies_to and topic.unit is not None
            and bool(asked.search(topic.unit.conclusion)))


def _provincial_answer(topic: Topic, asked: re.Pattern[str], question: str = "") -> bool:
    """Her province's own card already answers what she asks (黑龙江: 怀孕不满3个月 no night shifts), or the leave
    of its own she names (上海's 哺乳假 pay): its rule is the more specific one for her place, so the national
    card does not replace it."""
    if topic.card is None or topic.card.region == NATIONAL or topic.unit is None:
        return False
    return bool(named_leaves(question, topic.unit)) or bool(asked.search(topic.unit.conclusion))


def shield(topic: Topic, question: str, cards: Sequence[Card], facts: Any = None) -> Topic:
    """A worker in 孕期/产期/哺乳期 who was dismissed gets the 三期 rule (违法, 2N) whatever card ranked first;
    anyone dismissed without a reason given gets the unlawful-dismissal rule.

    The general dismissal cards tell anyone else what she is owed (N, N+1); for her that would present an
    illegal dismissal as a lawful one (劳动合同法第四十二条、第八十七条).
    """
    stage = topic.situations & _STAGES
    dismissed = bool(getattr(facts, "dismissed", None)) or bool(_DISMISSAL.search(question))
    # 入职体检查出怀孕就不要我了: not hired is a hiring question (妇女权益保障法第四十三条), not a dismissal.
    if not dismissed or _NOT_SHIELDED.search(question) or "求职" in topic.situations:
        return topic
    if not stage:
        # Dismissed without any reason given: the employer must state and prove one (第二十一条、第三十九条至第四十一条),
        # so the answer is the unlawful-dismissal rule (2N), not the lawful one's N.
        if _NO_REASON.search(question) and (topic.card is None or topic.card.id != ILLEGAL_CARD):
            card = next((c for c in cards if c.id == ILLEGAL_CARD), None)
            if card is not None:
                return Topic(card, pick_unit(card, question, facts), True, topic.situations, topic.passed_over)
        return topic
    # … but not a card about her pay (待岗、调岗降薪), whose answers are about wages, not the dismissal.
    if topic.card is not None and stage & set(topic.card.applies_to) and _PROTECTION & set(topic.card.cites) \
            and topic.card.id not in _PAY_CARDS \
            and not (topic.card.id == PRESSED_CARD and not _PRESSED.search(question)) \
            and not (topic.card.id == EXPIRY_CARD and not _EXPIRY.search(question)) \
            and not (topic.card.id == PROBATION_PREGNANT_CARD and "试用" not in question):
        return topic  # a 三期 card that itself rests on the protection (试用期怀孕被辞退, 派遣退回 …)
    card = next((c for c in cards if c.id == SHIELD_CARD), None)
    if card is None:
        return topic
    return Topic(card, pick_unit(card, question, facts), True, topic.situations, topic.passed_over)

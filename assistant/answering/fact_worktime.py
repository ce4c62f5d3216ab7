"""Her working time: hours a day and days a week (非全日制 test, hour limits, overtime from her schedule).

每天干5个小时, 一天做12个钟头; 早7点干到晚7点、中间休息1小时 (a clock span less her breaks); 一周上6天班.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.answering.fact_readers import HOURS, read_number
from assistant.answering.fact_rules import NUM, Scanner, parse_num

_WORK_VERB = r"(?:都|要|得|基本|一般|平均|大概|差不多|至少|工作|上班|干活|干|做|上|站|在店里)*(?:了)?"
_DAILY_WORK = re.compile(r"(?:每天|一天|每日|天天|每个工作日)(?:上午|下午|晚上|白天|早上|中午)?" + _WORK_VERB + r"\s*" + HOURS)
_WEEK_DAYS = re.compile(r"(?:一周|每周|一个星期|每个?星期|一个礼拜|每个?礼拜|一星期|一礼拜)" + _WORK_VERB
                        + rf"\s*(?P<n>{NUM})\s*天")
_WEEK_REST = re.compile(rf"(?:一周|每周|一个星期|每个?星期|一个礼拜|每个?礼拜)(?:只|就|才)?休(?:息)?\s*(?P<n>{NUM})\s*天")
_CLOCK = r"(?P<{0}>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*点(?P<{0}h>半)?"
_MORNING = r"(?:早上|早晨|上午|早)?"
_EVENING = r"(?P<pm>晚上|晚|下午|夜里|夜)?"
# 每天早7点干到晚7点: a span on the clock, with the verb between (干, 上班, 做).
_SPAN = re.compile(_MORNING + _CLOCK.format("a") + r"(?:开始)?(?:上班|干活|干|做|工作|上工)?(?:一直)?(?:干|做|上)?(?:到|至|-|—|~)"
                   + _EVENING + _CLOCK.format("b"))
# 中间休息1小时, 午休半小时, 吃饭一个钟头: time off inside the span.
_BREAK = re.compile(rf"(?:中间|中午|午休|吃饭)(?:休息|吃饭)?(?:有|就|只有|只)?\s*(?:(?P<n>{NUM})\s*个?(?P<half>半)?\s*(?:小时|钟头)|(?P<only>半)\s*(?:个)?(?:小时|钟头))")


def _clock(value: str, half: str | None) -> float:
    return parse_num(value) + (0.5 if half else 0)


def _span_hours(scanner: Scanner) -> float | None:
    """Hours of a clock span less the breaks inside it, when she gives one ("早7点干到晚7点，中间休息1小时" → 11)."""
    for m in scanner.matches(_SPAN):
        try:
            start, end = _clock(m.group("a"), m.group("ah")), _clock(m.group("b"), m.group("bh"))
        except ValueError:
            continue
        if (m.group("pm") and end < 12) or end <= start:
            end += 12  # 晚7点 is 19:00
        hours = end - start
        scanner.mask(m.start(), m.end())
        for b in scanner.matches(_BREAK):
            rest = 0.5 if b.group("only") else parse_num(b.group("n")) + (0.5 if b.group("half") else 0)
            if 0 < rest < hours:
                hours -= rest
            break
        return hours if 0 < hours <= 16 else None
    return None


def read_work_time(scanner: Scanner) -> dict[str, Any]:
    """Hours a day and days a week she works (not the overtime hours, which read_overtime has taken)."""
    out: dict[str, Any] = {}
    hours = read_number(scanner, _DAILY_WORK)
    if hours is None:
        hours = _span_hours(scanner)
    if hours is not None and 0 < hours <= 24:
        out["daily_work_hours"] = hours
    days = read_number(scanner, _WEEK_DAYS)
    if days is None and (rest := read_number(scanner, _WEEK_REST)) is not None and rest < 7:
        days = 7 - rest
    if days is not None and 0 < days <= 7:
        out["work_days_per_week"] = int(days)
    return out

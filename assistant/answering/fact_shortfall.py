"""How much of her pay she was shorted, per month (or per time) and for how many: 从5200降到4000，已经降了2个月.

The amounts feed one calculator (pay_shortfall): the sum she can claim back. Only plain patterns are read; when
either the amount or the count is unclear the answer states the rule without a sum.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from assistant.answering.fact_rules import AMOUNT, NUM, parse_amount, parse_num

_YUAN = r"(?:元|块钱|块)?"
# 每月 / 每个月 / 一个月, never the 月 of 三个月扣了600 (a total, not a monthly sum)
_PER = r"(?:每月|每个月|(?<![\d一二两三四五六七八九十几])一个月)"
# (pattern, kind): "cut" reads a, b (from a down to b); "each" reads x as the amount each month.
_AMOUNTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"从\s*(?P<a>{AMOUNT}){_YUAN}\s*(?:降到|降为|降成|减到|减为|变成|改成|砍到)\s*(?P<b>{AMOUNT})"), "cut"),
    # 被扣了3个月绩效，每月2500
    (re.compile(rf"(?:扣了|扣|停了|少发了)\s*(?P<n>{NUM})\s*个月\S{{0,6}}?[，,]\s*{_PER}(?P<x>{AMOUNT})"), "months"),
    (re.compile(rf"{_PER}(?:只|就)?(?:少发|少给|少了|扣|扣了|扣掉|扣发|克扣)\s*(?P<x>{AMOUNT}){_YUAN}"), "each"),
    (re.compile(rf"{_PER}(?P<x>{AMOUNT}){_YUAN}[，,、]?(?:也|都|全)?(?:被)?(?:扣了|扣掉|扣光|停了|停发|没发|不发)"), "each"),
    (re.compile(rf"(?:每次|一次)(?:扣|扣了)?\s*(?P<x>{AMOUNT}){_YUAN}"), "time"),
    (re.compile(rf"(?:扣了|扣)\s*(?P<n>{NUM})\s*次[、，,]?\s*(?:每次|一次)\s*(?P<x>{AMOUNT})"), "times"),
    # 每月800元住房补贴 … 停了: an allowance that stopped
    (re.compile(rf"{_PER}(?:给\S{{0,4}}?)?(?:发)?\s*(?P<x>{AMOUNT}){_YUAN}(?:的)?[“\"]?\S{{0,6}}?(?:补贴|津贴|绩效|奖金)"), "allowance"),
)
_COUNT_MONTHS = (
    re.compile(rf"(?:降|扣|停|少发|少给|没发|拖)了\s*(?P<n>{NUM})\s*个(?:多)?月"),
    re.compile(rf"(?P<n>{NUM})\s*个月(?:的)?(?:绩效|工资|补贴|奖金)?(?:都|全)?(?:被)?(?:扣|停|少发|没发)"),
    re.compile(rf"(?:已经|一共|总共|连续)\s*(?P<n>{NUM})\s*个月"),
    re.compile(rf"(?P<n>{NUM})\s*个月下来"),
)
_COUNT_TIMES = re.compile(rf"(?:扣|扣了|已经扣了)\s*(?P<n>{NUM})\s*次")
# 从2025年3月到现在, 2月起就停了, 7月开始: months since then, through last month (this month's pay is not yet due).
_SINCE = re.compile(r"(?:从|自)?\s*(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:份)?(?:起|开始|以来|到现在|至今)")


def _months_since(m: re.Match[str], today: date) -> int | None:
    year = int(m.group("y")) if m.group("y") else today.year
    month = int(m.group("m"))
    if not 1 <= month <= 12:
        return None
    start = year * 12 + month - 1
    if not m.group("y") and start >= today.year * 12 + today.month - 1:
        start -= 12  # 11月起 said in December means this year's November; said in March, last year's
    n = (today.year * 12 + today.month - 1) - start
    return n if 0 < n <= 120 else None


def read_shortfall(plain: str, today: date) -> dict[str, Any]:
    """Per-month (or per-time) shortfall and how many months (or times), when both are plain in her words."""
    for rx, kind in _AMOUNTS:
        m = rx.search(plain)
        if m is None:
            continue
        if kind == "cut":
            a, b = parse_amount(m.group("a")), parse_amount(m.group("b"))
            if a is None or b is None or not 0 < b < a:
                continue
            per = a - b
        else:
            x = parse_amount(m.group("x"))
            if x is None or x <= 0:
                continue
            per = x
        if kind == "months":
            return {"shortfall_per": per, "shortfall_count": int(parse_num(m.group("n"))), "shortfall_unit": "月"}
        if kind in ("time", "times"):
            n = parse_num(m.group("n")) if kind == "times" else None
            if n is None and (c := _COUNT_TIMES.search(plain)):
                n = parse_num(c.group("n"))
            return {"shortfall_per": per, "shortfall_count": int(n), "shortfall_unit": "次"} if n else {}
        count = next((int(parse_num(c.group("n"))) for c in (rx2.search(plain) for rx2 in _COUNT_MONTHS) if c), None)
        if count is None and (s := _SINCE.search(plain)):
            count = _months_since(s, today)
        if count:
            return {"shortfall_per": per, "shortfall_count": count, "shortfall_unit": "月"}
        return {}
    return {}

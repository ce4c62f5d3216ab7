"""Patterns and parsers for the facts in her question: amounts, durations, dates (used by facts.py).

Everyday Chinese numbers (一万二, 8k, 五年半, 去年3月, 上个月10号) are parsed here with the project's one
numeral converter (`cn_to_int`). dateparser was tried for the dates and reads 去年3月 as September and
2024年10月 as the year 2, so the few date forms workers use are matched directly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from assistant.calculators.base import add_months
from assistant.corpus.numerals import cn_to_int
from assistant.index.text import to_simplified

CN = "零〇一二两三四五六七八九十百千"
NUM = rf"(?:\d+(?:\.\d+)?|[{CN}]+)"
_DIGIT = "一二两三四五六七八九"
# 6000, 6000.5, 1万2, 1.2万, 1万5000, 8k, 8千5, 六千五, 一万二, 两万
AMOUNT = (rf"(?:\d+(?:\.\d+)?\s*(?:[万wW](?:\d+|[{_DIGIT}])?千?|[千kK](?:\d|[{_DIGIT}])?)?"
          rf"|[{CN}万]*[{CN}][{CN}万]*)")
_APPROX = "快|将近|差不多|大概|大约|约|近|接近|不到|几乎"
DUR = (rf"(?P<pre>{_APPROX})?\s*(?:"
       rf"(?P<y>{NUM})\s*年(?P<yh>半)?(?P<ym>多)?(?:零|又)?(?:(?P<m>{NUM})\s*个?(?P<mm>多)?月)?"
       rf"|(?P<half>半)\s*年(?P<hm>多)?"
       rf"|(?P<m2>{NUM})\s*个(?P<mh>半)?(?P<m2m>多)?月)(?P<post>左右|以上)?")
# 5年7个月 and 五年半 said without a verb still mean time worked; a bare 5年 or 8个月 might be anything.
BARE_DUR = (rf"(?P<pre>{_APPROX})?\s*(?P<y>{NUM})\s*年(?:(?P<yh>半)(?P<ym>多)?|零?(?P<m>{NUM})\s*个(?P<mm>多)?月)"
            rf"(?P<post>左右)?")
MASK = "□"

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date she gives, as written and as a date (the first day of the month or year when vaguer)."""

    text: str
    value: date
    precision: Precision
    role: str | None = None  # start (入职), end (离职/辞退), contract, birth, injury (受伤), now (现在…) or None
    # 9月1日: no year written (this year or last was guessed); a year said just before it is used instead.
    yearless: bool = field(default=False, compare=False, repr=False)


def normalize(text: str) -> str:
    """Simplified characters, half-width digits and punctuation, no spaces inside numbers."""
    s = unicodedata.normalize("NFKC", to_simplified(text))
    return re.sub(r"(?<=\d)[ ,](?=\d{3}\b)", "", s)


class Scanner:
    """Her text with the spans already read masked out, so one number is never read as two facts."""

    def __init__(self, text: str) -> None:
        self._chars = list(text)

    @property
    def text(self) -> str:
        """The text with read spans masked."""
        return "".join(self._chars)

    def mask(self, start: int, end: int) -> None:
        """Mark a span as read."""
        for i in range(start, end):
            self._chars[i] = MASK

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Every match in the unread text; the caller masks what it keeps."""
        yield from pattern.finditer(self.text)

    def take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The first match, masked."""
        m = pattern.search(self.text)
        if m:
            self.mask(m.start(), m.end())
        return m


def parse_num(s: str) -> float:
    """3 / 3.5 / 三 / 两 / 二十 → a number; ValueError when it is none."""
    s = s.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    return float(cn_to_int(s))


def parse_amount(s: str) -> float | None:
    """6000 / 1万2 / 1.2万 / 8k / 8千5 / 六千五 / 两万 → 元; None when it is not an amount."""
    s = s.strip().replace(" ", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([万wW千kK])?(.*)", s)
    try:
        if not m:
            return float(cn_to_int(s))
        head, unit, tail = float(m.group(1)), (m.group(2) or "").lower(), m.group(3)
        scale = {"万": 10000, "w": 10000, "千": 1000, "k": 1000}.get(unit, 1)
        value = head * scale
        if tail:
            digits = tail.rstrip("千")
            t = float(digits) if digits.isdigit() else float(cn_to_int(digits))
            # 1万2 = 12000 and 1万2千 = 12000, but 1万5000 = 15000: a lone digit is the next unit down.
            value += t * (scale // 10) if (len(digits) == 1 or (tail.endswith("千") and scale == 10000)) else t
        return value
    except ValueError:
        return None


def parse_duration(m: re.Match[str]) -> tuple[int, bool] | None:
    """Months and whether she said it loosely (多, 快, 左右), from a DUR or BARE_DUR match."""
    g = m.groupdict()
    approx = bool(g.get("pre") or g.get("post") or g.get("ym") or g.get("mm") or g.get("hm") or g.get("m2m"))
    try:
        if g.get("y"):
            months = parse_num(g["y"]) * 12 + (6 if g.get("yh") else 0) + (parse_num(g["m"]) if g.get("m") else 0)
        elif g.get("half"):
            months = 6
        elif g.get("m2"):
            months = parse_num(g["m2"])
            approx = approx or bool(g.get("mh"))  # 三个半月: kept as 3, flagged
        else:
            return None
    except ValueError:
        return None
    if months != int(months):
        approx = True
    return int(months), approx


_CN_DAY = rf"\d{{1,2}}|[{CN}]{{1,3}}"
_ROLE_WORDS = (
    ("end", re.compile(r"离职|辞退|开除|解雇|裁员|被裁|辞职|走人|终止|解除|不干|劝退|炒|停工|下岗|(?:底|末)?(?:就)?(?:到期|期满)"
                       r"|^(?:就|才|要)?走(?=[，。,；;！!？?]|$)")),
    # 让我上班一天 (a holiday shift) is not when she started.
    ("start", re.compile(r"入职|(?<![让叫要喊逼])(?<!让我)(?<!叫我)(?<!要我)(?<!安排)上班(?![一两二三四五六七八九十\d]+天)|进厂|进公司"
                         r"|开始工作|用工|来公司|报到|上岗|跳槽|到新公司|去新公司|进新公司|新单位|进的(?:一家|这家|这个|公司|厂|单位)|进了(?:一家|这家|公司|厂)")),
    ("contract", re.compile(r"签(?:了|的|订)?(?:劳动)?合同|补签|续签")),
    # 10月12日切菜的时候把手切伤了: the day of the accident (工伤认定 runs from it)
    ("injury", re.compile(r"受伤|切伤|摔伤|砸伤|烫伤|扭伤|压伤|夹伤|割伤|伤到|骨折|出了?事故|工伤事故")),
    ("birth", re.compile(r"出生|生(?:了|的|下)?(?:孩子|宝宝|小孩)|分娩|生产|生完|剖")),
)
_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?!\d)\s*(?:年|[./-](?=\d))\s*(?:(?P<m>\d{1,2})\s*(?:月份?|[./-](?=\d)|(?![\d个]))"
               r"\s*(?:(?P<d>\d{1,2})\s*[日号]?)?)?"),
    re.compile(r"(?<![\d.])(?P<yy>\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?"),
    re.compile(rf"(?P<rel>前年|去年|今年|明年)\s*(?:(?P<m>{_CN_DAY})\s*月份?\s*(?:(?P<d>{_CN_DAY})\s*[日号])?"
               r"|(?P<part>年初|年底|年末))?"),
    re.compile(rf"(?P<relm>上上个?月|上个?月|这个?月|本月)\s*(?:(?P<d>{_CN_DAY})\s*[日号])?"),
    re.compile(rf"(?P<n>\d+|[{CN}]+)\s*(?P<u>天|周|个星期|个月|年)(?:以)?前"),
    re.compile(r"(?P<word>今天|昨天|前天)"),
    # 被辞退半年了, 离职两年多了: time since the event, read as the event's date.
    re.compile(rf"(?<=辞退|开除|离职|辞职|被裁|裁员|走人|解除|解雇)(?:已经|都|快|有|才)?\s*(?:(?P<since>\d+|[{CN}]+)\s*(?:个)?(?P<su>天|周|个?星期|个?月|年)"
               r"(?P<sh>半)?|(?P<half>半)\s*(?:个)?(?P<hu>年|个?月))多?了"),
    re.compile(rf"(?<![\d年])(?P<m>\d{{1,2}}|[{CN}]{{1,2}})\s*月\s*(?P<d>{_CN_DAY})\s*[日号]"),
    re.compile(r"(?<![\d年个])(?P<mo>\d{1,2}|十[一二]|[一二三四五六七八九十])\s*月份"),
)


_SOON = re.compile(r"(?:这|本|下)(?:周|个?星期|个?礼拜|个?月)[一二三四五六日天末]?[（(]?\s*$|明天[（(]?\s*$|后天[（(]?\s*$|打算|准备|计划|想|定在|定于|约定|约好|说好")
_SAME_DAY_END = re.compile(r"当天(?:就)?(?:被)?(?:辞退|开除|解除|解雇|让我走|叫我走|要我走|走人)")
_NOW = re.compile(r"(?:现在|目前|如今|今天是|眼下)(?:是|已经|都)?\s*$")


def _role(text: str, start: int, end: int) -> str | None:
    if _NOW.search(text[max(0, start - 5):start]):
        return "now"  # 现在2026年12月了: the day she writes, not an event
    after, before = text[end:end + 12], text[max(0, start - 6):start]
    for window in (after, before):
        hits = [(m.start(), role) for role, rx in _ROLE_WORDS if (m := rx.search(window))]
        if hits:
            return min(hits)[1]
    # 11月30日公司要我签降薪协议，我不签，当天就被辞退了: the day she was dismissed, said further on.
    if _SAME_DAY_END.search(text[end:].split("。", 1)[0]):
        return "end"
    return None


def _date_of(g: dict[str, str | None], today: date) -> tuple[date, Precision] | None:
    def n(key: str) -> int | None:
        v = g.get(key)
        return None if v is None else int(parse_num(v))

    if g.get("word"):
        back = {"今天": 0, "昨天": 1, "前天": 2}[g["word"] or "今天"]
        return today - timedelta(days=back), "day"
    if g.get("su") or g.get("hu"):
        since = (g.get("su") or g.get("hu") or "").lstrip("个")
        if g.get("hu"):
            return (add_months(today, -6), "month") if since == "年" else (today - timedelta(days=15), "day")
        k = n("since") or 0
        if since == "天":
            return today - timedelta(days=k), "day"
        if since in ("周", "星期"):
            return today - timedelta(weeks=k), "day"
        months = k * (12 if since == "年" else 1) + (6 if g.get("sh") and since == "年" else 0)
        return add_months(today, -months), "month"
    if g.get("u"):
        k = n("n") or 0
        unit = g["u"]
        if unit == "天":
            return today - timedelta(days=k), "day"
        if unit in ("周", "个星期"):
            return today - timedelta(weeks=k), "day"
        return add_months(today, -k * (12 if unit == "年" else 1)), "month"
    if g.get("relm"):
        back = {"上上个月": 2, "上上月": 2, "上个月": 1, "上月": 1}.get(g["relm"] or "", 0)
        first = add_months(today.replace(day=1), -back)
        d = n("d")
        return (first.replace(day=d), "day") if d else (first, "month")
    if g.get("rel"):
        year = today.year - {"前年": 2, "去年": 1, "今年": 0, "明年": -1}[g["rel"] or "今年"]
        if g.get("part"):
            return date(year, 1 if g["part"] == "年初" else 12, 1), "month"
        m, d = n("m"), n("d")
        if m is None:  # 去年 alone is a year; 今年 alone (今年49岁) says nothing about a date
            return None if g["rel"] == "今年" else (date(year, 1, 1), "year")
        return (date(year, m, d), "day") if d else (date(year, m, 1), "month")
    if g.get("yy"):
        yy = n("yy") or 0
        year = 2000 + yy if yy <= today.year % 100 else 1900 + yy
    elif g.get("y"):
        year = n("y") or 0
    elif g.get("mo"):  # 3月份: this year, or last year when that month is still to come
        mo = n("mo") or 0
        guess = date(today.year, mo, 1)
        return (guess if guess <= today else date(today.year - 1, mo, 1)), "month"
    else:  # 3月1日: this year, or last year when that day is still to come
        m, d = n("m") or 0, n("d") or 0
        guess = date(today.year, m, d)
        return (guess if guess <= today else date(today.year - 1, m, d)), "day"
    m, d = n("m"), n("d")
    if m is None:
        return date(year, 1, 1), "year"
    return (date(year, m, d), "day") if d else (date(year, m, 1), "month")


def find_dates(scanner: Scanner, today: date) -> list[DateMention]:
    """Absolute and relative dates (2025年3月1日, 去年3月, 上个月10号, 3个月前), masked once read."""
    found: list[tuple[int, DateMention]] = []
    for rx in _DATE_PATTERNS:
        for m in scanner.matches(rx):
            try:
                value = _date_of(m.groupdict(), today)
            except ValueError:  # 2月30日, 13月
                continue
            if value is None or not (1940 <= value[0].year <= today.year + 1):
                continue
            scanner.mask(m.start(), m.end())
            role = _role(scanner.text, m.start(), m.end())
            yearless = rx is _DATE_PATTERNS[-2] or rx is _DATE_PATTERNS[-1]
            if yearless and _SOON.search(scanner.text[max(0, m.start() - 6):m.start()]):
                # 这周五（12月4日）就不干了: a day of this week or month is this year's, even if still ahead.
                ahead = value[0].replace(year=today.year)
                if -31 <= (ahead - today).days <= 62:
                    value, yearless = (ahead, value[1]), False
            found.append((m.start(), DateMention(m.group(0).strip(), value[0], value[1], role, yearless)))
    return _inherit_years([d for _, d in sorted(found, key=lambda pair: pair[0])], today)


def _inherit_years(dates: list[DateMention], today: date) -> list[DateMention]:
    """"2025年3月1日入职……9月1日被辞退": a date without a year follows the year of the date before it."""
    out: list[DateMention] = []
    for d in dates:
        prev = out[-1] if out else None
        # 2011年9月1日入职……11月30日走: a leaving day years after the start date is this year's, not 2011's.
        long_ago = prev is not None and d.role == "end" and prev.value.year < today.year - 1
        if long_ago and d.yearless:
            # … and 12月10号辞职 a week from today is the coming one she plans, not last year's.
            ahead = d.value.replace(year=today.year)
            if 0 < (ahead - today).days <= 62:
                d = DateMention(d.text, ahead, d.precision, d.role, False)
        if d.yearless and prev is not None and not prev.yearless and prev.precision != "year" and not long_ago:
            try:
                value = d.value.replace(year=prev.value.year)
                # 2025年11月入职，3月被辞退: the next year; but not past today when the same year is behind her
                # (合同2026年11月30日到期。10月8日我查出病来: that October, not the next).
                if value < prev.value and not (value.replace(year=value.year + 1) > today >= value):
                    value = value.replace(year=prev.value.year + 1)
            except ValueError:  # 2月29日
                value = d.value
            d = DateMention(d.text, value, d.precision, d.role, False)
        out.append(d)
    return out

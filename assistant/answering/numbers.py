"""Numbers a reader takes as facts (98天, 十万元, 两倍, 百分之八十, 2021年1月1日) and whether a source states them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from assistant.corpus.numerals import CN_NUMBER_CHARS, cn_to_int

# Unit words after a number, longest first, each mapped to the kind of quantity it measures: 15日 and
# 十五天 are the same claim, 15个月 is another one.
UNITS: dict[str, str] = {
    "个工作日": "day", "工作日": "day", "天": "day", "日": "day",
    "个星期": "week", "星期": "week", "周岁": "age", "周年": "year", "周": "week",
    "个月": "month", "月": "month", "年": "year",
    "个小时": "hour", "小时": "hour", "分钟": "minute",
    "倍": "times", "%": "percent", "元": "yuan", "块钱": "yuan", "块": "yuan", "岁": "age",
    "次": "count", "人": "people", "公斤": "kg", "千克": "kg",
}
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_CN = rf"[{CN_NUMBER_CHARS}]+"
_NUM = rf"(?:\d+(?:\.\d+)?|{_CN})"
_CN_DIGITS = "零〇○一二三四五六七八九"
_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_PATTERN = re.compile(
    rf"(?P<date>(?P<y>\d{{4}}|[{_CN_DIGITS}]{{4}})\s*年\s*(?P<m>{_DAY})\s*月(?:\s*(?P<d>{_DAY})\s*[日号])?)"
    rf"|(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))"
    rf"|(?P<md>(?P<mm>{_DAY})月(?P<dd>{_DAY})[日号])"
    rf"|(?P<frac>(?P<den>{_NUM})分之(?P<numr>{_NUM}))"
    rf"|(?P<double>双倍|翻倍)"
    # 一次性 (a lump sum) is not a count of times.
    rf"|(?P<n>{_NUM})(?P<big>[万亿](?!分之))?\s*(?P<unit>{_UNIT_ALT})?(?!性)"
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number in a text: as written, its canonical value and the kind of quantity (empty when unitless)."""

    raw: str
    value: str
    unit: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Grounding:
    """The numbers stated by the texts an answer may rest on (sources, calculations, her question)."""

    pairs: frozenset[tuple[str, str]]
    values: frozenset[str]

    def states(self, mention: NumberMention) -> bool:
        """True when a source states this number with the same kind of quantity (or one side has no unit)."""
        if (mention.value, mention.unit) in self.pairs or (mention.value, "") in self.pairs:
            return True
        return not mention.unit and mention.value in self.values


def _width(text: str) -> str:
    # NFKC per character, so that offsets stay those of the original text (１５％ → 15%).
    return "".join(n if len(n := unicodedata.normalize("NFKC", ch)) == 1 else ch for ch in text)


def _value(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text[:1].isdigit() else Decimal(cn_to_int(text))
    except (ValueError, InvalidOperation):
        return None


def _fmt(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def _date(y: str, m: str, d: str | None) -> str | None:
    parts = [_value(p) for p in (y, m, *([d] if d else []))]
    if any(p is None for p in parts):
        return None
    return "-".join(f"{int(p):02d}" if i else f"{int(p)}" for i, p in enumerate(parts) if p is not None)


def _is_marker(text: str, start: int, end: int) -> bool:
    """List numbering (1. / 2、 / （3）) and ordinals (第二) are not claims."""
    before, after = text[max(0, start - 1):start], text[end:end + 1]
    if before == "第" or (before in ("（", "(") and after in ("）", ")")):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return after in (".", "、", ")", "）") and not text[line_start:start].strip()


def _mention(m: re.Match[str], text: str) -> NumberMention | None:
    raw = m.group(0)
    if m.group("date"):
        value = _date(m.group("y"), m.group("m"), m.group("d"))
        return NumberMention(raw, value, "date", m.start(), m.end()) if value else None
    if m.group("iso"):
        value = _date(m.group("iy"), m.group("im"), m.group("id"))
        return NumberMention(raw, value, "date", m.start(), m.end()) if value else None
    if m.group("md"):
        value = _date("0", m.group("mm"), m.group("dd"))
        return NumberMention(raw, value[2:], "date", m.start(), m.end()) if value else None
    if m.group("double"):
        return NumberMention(raw, "2", "times", m.start(), m.end())
    if m.group("frac"):
        den, numr = _value(m.group("den")), _value(m.group("numr"))
        if den is None or numr is None or den == 0:
            return None
        if den == 100:
            return NumberMention(raw, _fmt(numr), "percent", m.start(), m.end())
        return NumberMention(raw, f"{_fmt(numr)}/{_fmt(den)}", "fraction", m.start(), m.end())
    number, unit = m.group("n"), m.group("unit")
    chinese = not number[:1].isdigit()
    if (chinese and not unit) or _is_marker(text, m.start(), m.end("n")):
        return None  # 一定, 统一, 十分: numeral characters in ordinary words
    amount = _value(number)
    if amount is None:
        return None
    if m.group("big"):
        amount *= 10_000 if m.group("big") == "万" else 100_000_000
    return NumberMention(raw, _fmt(amount), UNITS.get(unit or "", ""), m.start(), m.end())


def find_numbers(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[NumberMention]:
    """Every number in `text` outside the `skip` spans (citations, law titles), in order."""
    norm = _width(text)
    out: list[NumberMention] = []
    for m in _PATTERN.finditer(norm):
        if any(s <= m.start() < e for s, e in skip):
            continue
        found = _mention(m, norm)
        if found is not None:
            # Report the number as the reader sees it, not in its normalised width.
            out.append(replace(found, raw=text[found.start:found.end].rstrip()))
    return out


def grounding_of(texts: Iterable[str]) -> Grounding:
    """The numbers the given texts state; a date also grounds its year and its month."""
    pairs: set[tuple[str, str]] = set()
    for text in texts:
        for m in find_numbers(text):
            pairs.add((m.value, m.unit))
            parts = m.value.split("-")
            if m.unit == "date" and len(parts[0]) == 4:
                pairs.update({(parts[0], "year"), (f"{parts[0]}-{parts[1]}", "date")})
                if len(parts) == 3:
                    pairs.add((f"{parts[1]}-{parts[2]}", "date"))
    return Grounding(frozenset(pairs), frozenset(v for v, _ in pairs))

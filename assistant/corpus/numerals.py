"""Chinese numerals as used in article labels (第一千零一十条) and amounts (十万, 二〇二一) to and from ints."""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千"
# Amounts also use 万 and 亿 (十万元, 一万二); article numbers never do, so citation patterns keep the shorter set.
CN_NUMBER_CHARS = CN_NUMERAL_CHARS + "万亿"


def cn_to_int(text: str) -> int:
    """Parse 四十二 / 一千零一十 / 42 / ４２, amounts (十万, 一亿三千万), years written digit by digit (二〇二一),
    and everyday forms: 一万二, 1万2, 3千, 六千五 (= 6500); raise ValueError on anything else."""
    s = text.strip().translate(_FULLWIDTH)
    if not s:
        raise ValueError("empty numeral")
    if s.isdigit():
        return int(s)
    # Tokens: runs of Arabic digits, single Chinese digits, units.
    tokens = re.findall(r"[0-9]+|.", s)
    if any(not t.isdigit() and t not in _DIGITS and t not in _UNITS and t not in _BIG_UNITS for t in tokens):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if len(tokens) > 1 and all(t in _DIGITS for t in tokens):
        # Digits without units are read one by one, as years are written (二〇二一).
        return int("".join(str(_DIGITS[t]) for t in tokens))
    total = section = 0
    current: int | None = None
    last_unit = 0
    zero_seen = False
    for tok in tokens:
        if tok.isdigit():
            current = int(tok)
        elif tok in _DIGITS:
            if _DIGITS[tok] == 0:
                zero_seen, current = True, None
                continue
            current = _DIGITS[tok]
        elif tok in _UNITS:
            # A bare unit (十 in 十二) means one of it.
            section += (1 if current is None else current) * _UNITS[tok]
            current, last_unit, zero_seen = None, _UNITS[tok], False
        elif tok == "万":
            total += ((section + (current or 0)) or 1) * _BIG_UNITS[tok]
            section, current, last_unit, zero_seen = 0, None, _BIG_UNITS[tok], False
        else:  # 亿 scales everything before it (一亿三千万)
            total = ((total + section + (current or 0)) or 1) * _BIG_UNITS[tok]
            section, current, last_unit, zero_seen = 0, None, _BIG_UNITS[tok], False
    if current is not None:
        # 六千五 and 一万二 leave out the next unit down (6500, 12000); 一千零五 (with 零) does not.
        if last_unit >= 100 and not zero_seen and current < 10:
            current *= last_unit // 10
        section += current
    return total + section


def int_to_cn(n: int) -> str:
    """Write 42 as 四十二 and 1010 as 一千零一十, the way statutes number articles."""
    if n < 0:
        raise ValueError("negative numbers are not article numbers")
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    zero_pending = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit_value)
        if d:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(digits[d] + unit)
        elif parts:
            zero_pending = True
    out = "".join(parts)
    # Statutes write 十二, not 一十二, when ten leads.
    return out[1:] if out.startswith("一十") else out


def article_label(n: int) -> str:
    """Label of article n, e.g. 第四十二条."""
    return f"第{int_to_cn(n)}条"


_ARTICLE_NUMBER = re.compile(rf"^第?\s*([0-9０-９]+|[{CN_NUMERAL_CHARS}]+)\s*条?$")


def parse_article_number(text: str) -> int:
    """An article number as written in a path or a form: 42, ４２, 四十二, 第四十二条, 第42条; ValueError otherwise."""
    m = _ARTICLE_NUMBER.match(text.strip())
    if not m:
        raise ValueError(f"not an article number: {text!r}")
    return cn_to_int(m.group(1))

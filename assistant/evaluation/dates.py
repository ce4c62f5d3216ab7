"""Dates as legal staff write them: 2026年11月1日, 2026年11月1号, 2026-11-01, 2026/11/1, 2026.11.1."""

from __future__ import annotations

import re
from datetime import date

import dateparser

from assistant.errors import InvalidInputError

_NUMERIC = re.compile(r"^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*(?:[月./-]\s*(\d{1,2})\s*[日号]?)?\s*月?\s*$")
_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "YMD", "REQUIRE_PARTS": ["year", "month"]}


def parse_day(text: str, option: str = "--since") -> date:
    """The calendar day `text` names; InvalidInputError in Chinese when it names none."""
    # 号 is the everyday word for 日 in dates; dateparser knows only 日.
    cleaned = text.strip().replace("号", "日")
    parsed = dateparser.parse(cleaned, languages=["zh", "en"], settings=_SETTINGS)
    if parsed is None:
        raise InvalidInputError(f"{option} 的日期“{text}”无法识别，请写成 2026年11月1日 或 2026-11-01")
    day: date = parsed.date()
    # dateparser reorders impossible numbers (2026年13月1日 → 13 January): a written date must mean itself.
    m = _NUMERIC.match(text)
    if m and (int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)) != (day.year, day.month, day.day):
        raise InvalidInputError(f"{option} 的日期“{text}”不存在，请检查月份和日期")
    return day

"""Provincial maternity-leave rules read from the provincial files in the corpus (and one public rule).

Each entry was read by hand from `/work/shared/corpus/statutes/provincial` (see MANIFEST.md for versions):
浙江 第二十二条, 上海 第三十一条, 广东 第三十条, 河南 第二十七条 and 山东 第二十五条 of their 人口与计划生育条例;
福建 第十三条 and 黑龙江 第十一条 of their 女职工劳动保护条例. Beijing's stored file is the superseded 2016 text,
so its entry carries the publicly known 2021 rule with no article id. Provinces not listed fall back to the
national 98 days with a note that their extra leave is not in the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

NATIONAL_DAYS = 98
NATIONAL_ARTICLE = "女职工劳动保护特别规定#7"
# (months pregnant at least, days, most days when the rule gives a range): the national 第七条第二款.
NATIONAL_MISCARRIAGE: tuple[tuple[int, int, int | None], ...] = ((0, 15, None), (4, 42, None))


@dataclass(frozen=True, slots=True)
class RegionalMaternity:
    """One province's maternity-leave rule as the corpus states it."""

    province: str
    source: str  # the law and article, as shown to her, e.g. 《浙江省人口与计划生育条例》第二十二条
    article: str | None  # corpus id; None when the rule is publicly known but its text is not stored
    extra_by_order: tuple[int, ...] = ()  # days added to the national 98, by birth order (the last repeats)
    extra_text: str = ""  # the rule in the law's words, e.g. 一孩延长产假六十天，二孩、三孩延长产假九十天
    total: int | None = None  # the province states the whole leave instead of an addition (黑龙江 180)
    total_max: int | None = None  # upper end when the total is a range (福建 158–180)
    cesarean_extra: bool = False  # 剖宫产 also earns the 15 days of 难产
    miscarriage: tuple[tuple[int, int, int | None], ...] = ()  # as NATIONAL_MISCARRIAGE; () = national
    approximate: bool = False  # the addition is in months (河南 三个月): days are counted on the calendar
    note: str = ""  # caveat shown with every result of this province


REGIONAL: dict[str, RegionalMaternity] = {
    r.province: r
    for r in (
        RegionalMaternity(
            "浙江", "《浙江省人口与计划生育条例》第二十二条", "浙江省人口与计划生育条例#22", (60, 90),
            "一孩延长产假六十天，二孩、三孩延长产假九十天",
        ),
        RegionalMaternity(
            "上海", "《上海市人口与计划生育条例》第三十一条", "上海市人口与计划生育条例#31", (60,),
            "女方除享受国家规定的产假外，还可以再享受生育假六十天",
        ),
        RegionalMaternity(
            "广东", "《广东省人口与计划生育条例》第三十条", "广东省人口与计划生育条例#30", (80,),
            "女方享受八十日的奖励假",
        ),
        RegionalMaternity(
            "河南", "《河南省人口与计划生育条例》第二十七条", "河南省人口与计划生育条例#27", (90,),
            "除国家规定的产假外，增加产假三个月", approximate=True,
            note="语料库中的河南条例为2020年6月3日修正文本（文件名标为2021-11-27），请以现行条例核对。",
        ),
        RegionalMaternity(
            "山东", "《山东省人口与计划生育条例》第二十五条", "山东省人口与计划生育条例#25", (60,),
            "除国家规定的产假外，增加产假六十日",
            note="语料库中的山东条例为2016年文本，可能已经过时，请以现行条例为准。",
        ),
        RegionalMaternity(
            "北京", "北京市人口与计划生育条例2021年11月26日修正文本", None, (60,),
            "女方除享受国家规定的产假外，享受延长生育假六十日",
            note="依据公开信息，正文未收录：北京市2021年修正的条例规定延长生育假六十日，经单位同意可再增加一至三个月；"
            "语料库中的北京条例是已被取代的2016年文本，不作为依据。",
        ),
        RegionalMaternity(
            "福建", "《福建省女职工劳动保护条例》第十三条", "福建省女职工劳动保护条例#13",
            extra_text="女职工产假为一百五十八天至一百八十天，具体天数由用人单位规定", total=158, total_max=180,
            miscarriage=((0, 15, 30), (3, 42, None), (7, 98, None)),
        ),
        RegionalMaternity(
            "黑龙江", "《黑龙江省女职工劳动保护条例》第十一条", "黑龙江省女职工劳动保护条例#11",
            extra_text="女职工生育依法享受一百八十日围产期产假；难产或者剖宫产的，增加产假十五日", total=180,
            cesarean_extra=True, miscarriage=((0, 21, None), (3, 42, None)),
        ),
    )
}

# Provinces whose rule the corpus lacks although workers ask about them (MANIFEST "Known gaps").
KNOWN_GAPS = {"云南": "语料库未收录云南省的人口与计划生育条例和女职工劳动保护特别规定"}


def regional_articles() -> tuple[str, ...]:
    """Every provincial article id the table cites."""
    return tuple(r.article for r in REGIONAL.values() if r.article)

"""Question normalisation: 繁→简, the place she names, and everyday words mapped to legal terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.corpus.statutes import PROVINCES
from assistant.errors import ConfigError, InvalidInputError
from assistant.index.text import to_simplified
from assistant.records import NATIONAL as NATIONAL_NAME

# Cities workers name, mapped to the province whose rules apply. Province names map to themselves.
CITIES = {
    "昆明": "云南", "大理": "云南", "丽江": "云南", "曲靖": "云南", "玉溪": "云南", "西双版纳": "云南",
    "广州": "广东", "深圳": "广东", "东莞": "广东", "佛山": "广东", "珠海": "广东", "惠州": "广东", "中山": "广东",
    "杭州": "浙江", "宁波": "浙江", "温州": "浙江", "义乌": "浙江", "绍兴": "浙江", "嘉兴": "浙江", "金华": "浙江",
    "郑州": "河南", "洛阳": "河南", "开封": "河南", "新乡": "河南", "南阳": "河南",
    "济南": "山东", "青岛": "山东", "烟台": "山东", "潍坊": "山东", "临沂": "山东",
    "福州": "福建", "厦门": "福建", "泉州": "福建", "漳州": "福建", "莆田": "福建",
    "哈尔滨": "黑龙江", "大庆": "黑龙江", "齐齐哈尔": "黑龙江", "牡丹江": "黑龙江",
    "南京": "江苏", "苏州": "江苏", "无锡": "江苏", "常州": "江苏", "成都": "四川", "武汉": "湖北",
    "长沙": "湖南", "西安": "陕西", "合肥": "安徽", "南昌": "江西", "贵阳": "贵州", "南宁": "广西",
    "石家庄": "河北", "太原": "山西", "沈阳": "辽宁", "大连": "辽宁", "长春": "吉林", "兰州": "甘肃",
    "呼和浩特": "内蒙古", "乌鲁木齐": "新疆", "银川": "宁夏", "西宁": "青海", "拉萨": "西藏", "海口": "海南",
    "三亚": "海南", "浦东": "上海", "朝阳区": "北京", "海淀": "北京",
}
_PLACE_RE = re.compile("|".join(sorted({*CITIES, *PROVINCES}, key=len, reverse=True)))


@dataclass(frozen=True, slots=True)
class Synonym:
    """Everyday words and the legal terms they add to a query."""

    when: tuple[str, ...]
    add: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NormalizedQuery:
    """A question ready for search."""

    original: str
    text: str
    region: str | None
    legal_terms: tuple[str, ...]

    @property
    def expanded(self) -> str:
        """The question followed by the legal terms it maps to."""
        return self.text + (" " + " ".join(self.legal_terms) if self.legal_terms else "")


def load_synonyms(path: Path) -> list[Synonym]:
    """Read corpus/synonyms.yaml; a malformed file is a configuration error."""
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return [Synonym(tuple(map(str, d["when"])), tuple(map(str, d["add"]))) for d in data]
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigError(f"同义词表格式错误：{path}: {exc}") from exc


def detect_region(text: str) -> str | None:
    """The province a question names, directly or through a city (昆明 → 云南); None if none."""
    m = _PLACE_RE.search(text)
    if not m:
        return None
    return CITIES.get(m.group(0), m.group(0))


_SUFFIX = re.compile(r"(?:省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$")
UNKNOWN_REGION = ("不是已知的地区。可用的地区有：" + "、".join(PROVINCES)
                  + "（也可以填城市名，如 昆明、深圳，或填 全国）")


def resolve_region(name: str) -> str | None:
    """The province a `region` setting names (上海, 上海市, 云南省, 昆明 → 云南); None for 全国 or blank.

    Anything else is an InvalidInputError on the field `region` that lists the known regions: an
    unknown region silently ignored would answer with national law as if it were hers."""
    text = to_simplified(name or "").strip()
    if not text or text in (NATIONAL_NAME, "国家"):
        return None
    base = _SUFFIX.sub("", text) or text
    for candidate in (text, base):
        if candidate in PROVINCES:
            return candidate
        if candidate in CITIES:
            return CITIES[candidate]
    raise InvalidInputError(f"所填地区{UNKNOWN_REGION}", field="region")


def normalize(question: str, synonyms: list[Synonym]) -> NormalizedQuery:
    """Simplify, find the region and add legal terms for the everyday words used."""
    text = re.sub(r"\s+", " ", to_simplified(question)).strip()
    terms: list[str] = []
    for syn in synonyms:
        if any(w in text for w in syn.when):
            terms.extend(t for t in syn.add if t not in text)
    return NormalizedQuery(question, text, detect_region(text), tuple(dict.fromkeys(terms)))

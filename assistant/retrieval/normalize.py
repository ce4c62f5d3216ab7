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
    # Provinces whose own rules the corpus holds: every prefecture-level city (and the capitals' districts).
    **dict.fromkeys(("昆明", "曲靖", "玉溪", "保山", "昭通", "丽江", "普洱", "临沧", "楚雄", "红河", "文山", "西双版纳",
                     "大理", "德宏", "怒江", "迪庆"), "云南"),
    **dict.fromkeys(("广州", "深圳", "珠海", "汕头", "佛山", "韶关", "湛江", "肇庆", "江门", "茂名", "惠州", "梅州",
                     "汕尾", "河源", "阳江", "清远", "东莞", "中山", "潮州", "揭阳", "云浮"), "广东"),
    **dict.fromkeys(("杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水", "义乌"),
                    "浙江"),
    **dict.fromkeys(("郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌", "漯河", "三门峡",
                     "南阳", "商丘", "信阳", "周口", "驻马店", "济源"), "河南"),
    **dict.fromkeys(("济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂",
                     "德州", "聊城", "滨州", "菏泽"), "山东"),
    **dict.fromkeys(("福州", "厦门", "莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德"), "福建"),
    **dict.fromkeys(("哈尔滨", "齐齐哈尔", "鸡西", "鹤岗", "双鸭山", "大庆", "伊春", "佳木斯", "七台河", "牡丹江",
                     "黑河", "绥化", "大兴安岭"), "黑龙江"),
    **dict.fromkeys(("东城区", "西城区", "朝阳区", "海淀", "丰台", "石景山", "门头沟", "房山", "通州区", "顺义", "昌平",
                     "大兴区", "怀柔", "平谷", "密云", "延庆", "亦庄", "中关村"), "北京"),
    **dict.fromkeys(("浦东", "黄浦区", "徐汇", "长宁区", "静安", "普陀区", "虹口", "杨浦", "闵行", "宝山区", "嘉定",
                     "金山区", "松江", "青浦", "奉贤", "崇明", "陆家嘴", "张江"), "上海"),
    # Other provinces' large cities: her province is named even where the corpus lacks its rules.
    "南京": "江苏", "苏州": "江苏", "无锡": "江苏", "常州": "江苏", "南通": "江苏", "徐州": "江苏", "扬州": "江苏",
    "昆山": "江苏", "成都": "四川", "绵阳": "四川", "武汉": "湖北", "宜昌": "湖北", "襄阳": "湖北", "长沙": "湖南",
    "株洲": "湖南", "西安": "陕西", "合肥": "安徽", "芜湖": "安徽", "南昌": "江西", "赣州": "江西", "贵阳": "贵州",
    "遵义": "贵州", "南宁": "广西", "柳州": "广西", "桂林": "广西", "石家庄": "河北", "保定": "河北", "唐山": "河北",
    "廊坊": "河北", "太原": "山西", "大同": "山西", "沈阳": "辽宁", "大连": "辽宁", "长春": "吉林", "吉林市": "吉林",
    "兰州": "甘肃", "呼和浩特": "内蒙古", "包头": "内蒙古", "乌鲁木齐": "新疆", "银川": "宁夏", "西宁": "青海",
    "拉萨": "西藏", "海口": "海南", "三亚": "海南",
}
# Names that are also everyday words when a certain character follows (三明治, 普洱茶).
_NOT_BEFORE = {"三明": "治", "普洱": "茶"}
_PLACE_RE = re.compile("|".join(
    name + (f"(?!{_NOT_BEFORE[name]})" if name in _NOT_BEFORE else "")
    for name in sorted({*CITIES, *PROVINCES}, key=len, reverse=True)))


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

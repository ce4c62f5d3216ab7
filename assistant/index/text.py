"""Text preparation shared by indexing and querying: 繁→简, Chinese word tokens, passages per record."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from assistant.records import Article, Card, Case, Record

# Legal and everyday terms jieba would otherwise split, so BM25 can match them whole.
LEGAL_TERMS = (
    "三期", "孕期", "产期", "哺乳期", "经期", "产假", "流产假", "产前检查", "产检", "哺乳时间", "生育津贴",
    "生育保险", "生育假", "陪产假", "育儿假", "护理假", "夜班劳动", "延长劳动时间", "调岗", "降薪", "调岗降薪",
    "经济补偿", "赔偿金", "违法解除", "解除劳动合同", "终止劳动合同", "劳动合同", "劳动仲裁", "仲裁时效",
    "劳动争议", "劳动报酬", "加班费", "最低工资", "年休假", "带薪年休假", "性骚扰", "性别歧视", "就业歧视",
    "同工同酬", "用人单位", "劳动者", "女职工", "工会", "劳动保障监察", "试用期", "医疗期", "工伤",
    "社会保险", "社保", "无固定期限", "二倍工资", "双倍工资", "竞业限制", "禁忌从事", "劳动范围", "举证责任",
    "规章制度", "被迫解除", "不胜任工作", "客观情况", "劳务派遣", "集体合同", "婚育", "生育", "怀孕",
    "哺乳", "辞退", "开除", "孕妇", "难产", "多胞胎", "人工流产", "先兆流产", "保胎", "计划生育",
)
_STOPWORDS = frozenset(
    ["的", "了", "是", "在", "我", "你", "她", "他", "吗", "呢", "吧", "啊", "呀", "嘛", "么", "和", "与", "及", "或", "就", "都", "也", "还", "被", "把", "给", "对", "从", "向", "为", "以", "之", "其", "该", "这", "那", "个", "些", "有", "没", "没有", "不", "要", "会", "能", "可以", "可", "怎么", "怎么办", "怎样", "如何", "什么", "多少", "哪些", "哪", "谁", "吗？", "请问", "一下", "一个", "我们", "他们", "她们", "公司", "单位", "现在", "已经", "因为", "所以", "如果", "但是", "而且", "或者", "以及", "按照", "根据", "规定", "本法", "条", "第", "，", "。", "、", "；", "：", "？", "！", "“", "”", "《", "》", "（", "）", "(", ")", ",", ".", ";", ":", "?", "!", '"', "'", "-", "—", "…", "·"]
) | {" "}
_PUNCT_RE = re.compile(r"[\s\u3000，。、；：？！“”‘’《》（）()\[\]【】,.;:?!\"'<>/\\|~`@#$%^&*+=_—…·-]+")


@lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for term in LEGAL_TERMS:
        jieba.add_word(term, freq=200000)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=1)
def _t2s() -> object:
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional Chinese to Simplified (a no-op on Simplified text)."""
    return str(_t2s().convert(text))  # type: ignore[attr-defined]


def tokenize(text: str) -> list[str]:
    """Chinese word tokens for BM25: jieba search-mode words plus character bigrams of long words."""
    jb = _jieba()
    words = [w for w in jb.cut_for_search(text) if w.strip()]  # type: ignore[attr-defined]
    out: list[str] = []
    for w in words:
        w = w.strip().lower()
        if not w or w in _STOPWORDS or _PUNCT_RE.fullmatch(w):
            continue
        out.append(w)
    return out


def passage(record: Record) -> str:
    """The text a record is indexed under (dense and lexical)."""
    if isinstance(record, Article):
        chapter = f"（{record.chapter}）" if record.chapter else ""
        return f"《{record.law}》{record.label}{chapter} {record.text}"
    if isinstance(record, Case):
        return f"典型案例：{record.title}\n{record.facts[:400]}\n{record.analysis[:400]}"
    if isinstance(record, Card):
        return f"{record.title}\n{' '.join(record.keywords)}\n{record.text}"
    raise TypeError(f"unknown record {record!r}")


def extra_passages(record: Record) -> list[str]:
    """Further short texts a record is found by in dense search (a card's sample questions)."""
    if isinstance(record, Card):
        return [record.title, *record.questions]
    return []


def lexical_text(record: Record) -> str:
    """The text BM25 indexes: the passage plus, for cards, their questions."""
    extra = " ".join(extra_passages(record)) if isinstance(record, Card) else ""
    return passage(record) + " " + extra

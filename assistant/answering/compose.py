"""Default mode: an answer composed from the best-matching knowledge card and articles quoted from the corpus."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.answering.verify import citation_of
from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.documents import suggest_templates
from assistant.records import (
    NATIONAL,
    Article,
    Card,
    Case,
    CaseRef,
    Citation,
    DocumentSuggestion,
    Hit,
    NextStep,
)
from assistant.retrieval.retriever import article_ids

ARBITRATION_LIMIT_ID = "劳动争议调解仲裁法#27"
# Articles named by the fixed next steps; they may appear in any answer.
STEP_ARTICLES = (ARBITRATION_LIMIT_ID,)
DISCLAIMER = "以上内容根据本资料库收录的法律法规整理，仅供参考，不构成正式法律意见；具体情况请咨询工会律师（12351）或当地劳动仲裁机构。"
LOW_SUMMARY = ("资料库中没有找到与您的问题直接对应的依据，我不想凭猜测回答。建议您拨打 12351 职工服务热线，"
               "请工会律师根据您的具体情况帮您判断；下面列出的条文可能相关，仅供参考。")
# Provinces whose key women-worker rules are known to be missing from the corpus (MANIFEST "Known gaps").
KNOWN_GAPS = {
    "云南": "《云南省女职工劳动保护特别规定》（2024年11月1日起施行）和《云南省人口与计划生育条例》的正文尚未收入资料库，"
            "其中的延长产假、痛经假、卫生费等地方待遇无法逐条核对，请以云南省政府公布的正式文本为准，或拨打 12351 咨询。",
}
_EVIDENCE = (
    (("孕", "产", "哺乳", "流产"), "孕检单、病历和诊断证明"),
    (("工资", "加班", "扣", "奖金", "津贴", "补偿", "赔偿"), "工资条、银行流水和考勤记录"),
    (("辞退", "解除", "开除", "裁员", "辞职", "离职", "走人"), "单位的解除或辞退通知（书面的最好）"),
    (("骚扰",), "聊天记录、录音录像、证人和向单位投诉的记录"),
    (("招聘", "面试", "录用", "歧视"), "招聘广告截图、面试记录和聊天记录"),
)
# Minimum overlap between a question and the retriever's top card for the card to be trusted.
TOP_CARD_MATCH = 0.1
COMMON_SHARE = 0.12
CITE_FROM_RANKING = 1
CITE_FROM_CARD = 3
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_BIGRAM_STRIP = re.compile(r"[\s，。、！？；：,.!?;:“”‘’（）()《》\"']")


@dataclass(frozen=True, slots=True)
class Draft:
    """Everything composed for one question before verification."""

    summary: str
    body: str
    citations: tuple[Citation, ...]
    cases: tuple[CaseRef, ...]
    next_steps: tuple[NextStep, ...]
    documents: tuple[DocumentSuggestion, ...]
    notices: tuple[str, ...]
    grounding: Literal["high", "low"]
    allowed: frozenset[str]
    topic: str = ""
    card: Card | None = None
    regional_card: Card | None = None
    sources: tuple[str, ...] = field(default=())


def region_label(region: str) -> str:
    """Label shown beside a provincial rule, e.g. 【上海地方规定】."""
    return f"【{region}地方规定】"


def _bigrams(text: str) -> set[str]:
    s = _BIGRAM_STRIP.sub("", text)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def common_bigrams(cards: Sequence[Card]) -> frozenset[str]:
    """Bigrams found in many cards (怎么, 公司, 可以 …): they say nothing about which card fits."""
    df: dict[str, int] = {}
    for c in cards:
        for b in _bigrams(" ".join((c.title, *c.questions))):
            df[b] = df.get(b, 0) + 1
    cutoff = max(3, int(len(cards) * COMMON_SHARE))
    return frozenset(b for b, n in df.items() if n >= cutoff)


def card_match(question: str, card: Card, common: frozenset[str] = frozenset()) -> float:
    """How clearly the question is about this card: keyword hits plus content-bigram overlap with its questions."""
    q = _bigrams(question) - common
    if not q:
        return 0.0
    kw = sum(1 for k in card.keywords if len(k) >= 2 and k in question)
    overlap = max((len(q & _bigrams(t)) / len(q) for t in (card.title, *card.questions)), default=0.0)
    return kw + 2 * overlap


def first_paragraph(text: str, limit: int = 220) -> str:
    """The first paragraph, cut at a sentence end near `limit` characters."""
    para = text.strip().split("\n\n")[0].strip()
    if len(para) <= limit:
        return para
    out = ""
    for sent in _SENTENCE_END.split(para):
        if len(out) + len(sent) > limit and out:
            break
        out += sent
    return out or para[:limit]


def holding(case: Case) -> str:
    """One line saying how the case was decided, taken from its result or analysis text."""
    for part in (case.result, case.analysis):
        sent = _SENTENCE_END.split(part.strip())[0].strip() if part.strip() else ""
        if sent:
            return sent if len(sent) <= 90 else sent[:88] + "…"
    return case.title.strip()


def next_steps(question: str, topic: str) -> tuple[NextStep, ...]:
    """What she can do, in order: evidence, talks, union, inspection, arbitration (one year), court."""
    text = question + topic
    kept = [ev for words, ev in _EVIDENCE if any(w in text for w in words)]
    evidence = "、".join(dict.fromkeys([*kept, "劳动合同", "单位的书面通知和聊天记录"]))
    return (
        NextStep("保留证据", f"注意保存{evidence}等材料，重要的谈话可以录音，原件自己留好。"),
        NextStep("与单位协商", "先以书面形式（短信、微信或信件）向单位提出您的要求，并保留记录。"),
        NextStep("找工会帮忙", "联系单位工会或当地总工会，也可以拨打 12351 职工服务热线，请工会律师提供法律帮助。"),
        NextStep("向劳动保障监察投诉", "单位违反劳动保障法律的，可以拨打 12333 或到当地人社局劳动保障监察机构投诉举报。"),
        NextStep("申请劳动仲裁", "协商不成的，可以向劳动人事争议仲裁委员会申请仲裁（不收费）。注意时效一般为一年，"
                              "从知道或应当知道权利被侵害之日起计算（《劳动争议调解仲裁法》第二十七条）。"),
        NextStep("向法院起诉", "对仲裁裁决不服的，可以在收到裁决书之日起十五日内向人民法院起诉。"),
    )


def _pick_card(question: str, hits: Sequence[Hit], common: frozenset[str]) -> tuple[Card | None, bool]:
    """The best-ranked card whose keywords the question uses, else the top card if it shares enough words."""
    # A card pinned for "怎么办" is the next-steps supplement, never what the answer is about.
    cards = [h.record for h in hits if isinstance(h.record, Card) and h.via != "asked"][:5]
    if not cards:
        return None, False
    named = next((c for c in cards if card_match(question, c, common) >= 1.0), None)
    if named is not None:
        return named, True
    return cards[0], card_match(question, cards[0], common) >= TOP_CARD_MATCH


def _citations(
    corpus: Corpus, hits: Sequence[Hit], card: Card | None, region: str | None, max_national: int
) -> list[Article]:
    chosen: list[Article] = []

    def add(aid: str) -> None:
        art = corpus.articles.get(aid)
        if art is None or art in chosen or not art.current:
            return
        if art.region != NATIONAL and art.region != region:
            return
        chosen.append(art)

    for h in hits:
        if h.via == "exact" and isinstance(h.record, Article):
            chosen.append(h.record)  # asked for by name: shown even when not in force, with its status
    if chosen and card is None:
        return chosen  # a direct lookup shows the articles asked for, not their neighbours
    # The retriever's own article ranking already folds in the cards' citations; the matched card's
    # first citation is added in case the ranking missed it.
    ranked = [h.id for h in hits if isinstance(h.record, Article)]
    for aid in [*ranked[:CITE_FROM_RANKING], *(card.cites[:CITE_FROM_CARD] if card else ()), *ranked]:
        if sum(a.region == NATIONAL for a in chosen) >= max_national:
            break
        add(aid)
    national = [a for a in chosen if a.region == NATIONAL][:max(max_national, 1)]
    regional = [a for a in chosen if a.region != NATIONAL]
    return national + regional


def _regional(corpus: Corpus, hits: Sequence[Hit], region: str) -> tuple[Card | None, list[Article]]:
    card = next((h.record for h in hits if isinstance(h.record, Card) and h.record.region == region), None)
    arts: list[Article] = []
    ids = [*(card.cites if card else ()), *(h.id for h in hits[:8] if isinstance(h.record, Article))]
    for aid in ids:
        art = corpus.articles.get(aid)
        if art is not None and art.region == region and art.current and art not in arts:
            arts.append(art)
    return card, arts[:2]


def _cases(corpus: Corpus, hits: Sequence[Hit], cited: Sequence[str]) -> list[Case]:
    found = [h.record for h in hits if isinstance(h.record, Case)]
    if len(found) < 2:
        key = set(cited[:2])
        found += [c for c in corpus.cases if key & set(c.cites) and c not in found]
    return found[:2]


def region_notices(corpus_regions: set[str], region: str | None, has_regional: bool) -> list[str]:
    """Say where the corpus lacks her province's rules rather than guessing them."""
    if not region or region == NATIONAL:
        return []
    out: list[str] = []
    if region not in corpus_regions:
        out.append(f"资料库暂未收录{region}的地方性法规，以下是全国通用的规定；{region}可能有更优待遇（如延长产假），"
                   "请以当地正式文本为准，或拨打 12351 咨询。")
    elif not has_regional:
        out.append(f"资料库中没有找到{region}针对这个问题的地方规定，以下是全国通用的规定。")
    if region in KNOWN_GAPS:
        out.append(KNOWN_GAPS[region])
    return out


_COMMON_CACHE: dict[int, frozenset[str]] = {}


def _common(corpus: Corpus) -> frozenset[str]:
    key = id(corpus)
    if key not in _COMMON_CACHE:
        _COMMON_CACHE[key] = common_bigrams(corpus.cards)
    return _COMMON_CACHE[key]


def compose(
    question: str,
    hits: Sequence[Hit],
    corpus: Corpus,
    settings: Settings,
    *,
    region: str | None = None,
    known: Mapping[str, str] | None = None,
) -> Draft:
    """Compose the answer from cards and quoted articles; grounding is low when no card clearly matches."""
    card, card_ok = _pick_card(question, hits, _common(corpus))
    exact = any(h.via == "exact" for h in hits)
    grounded = exact or card_ok
    allowed = {aid for h in hits for aid in ((h.id,) if isinstance(h.record, Article) else h.record.cites)}
    allowed.update(STEP_ARTICLES)
    regional_card, regional_arts = _regional(corpus, hits, region) if region and region != NATIONAL else (None, [])
    notices = region_notices({a.region for a in corpus.articles.values()}, region,
                             bool(regional_card or regional_arts))
    topic = card.topic if card and grounded else ""
    if grounded:
        arts = _citations(corpus, hits, card if card_ok else None, region, settings.answer_max_citations)
        arts += [a for a in regional_arts if a not in arts]
        summary = first_paragraph(card.text) if card and card_ok else "您问到的条文原文如下。"
        parts = [card.text.strip()] if card and card_ok else []
        if card and card.region != NATIONAL:
            summary = region_label(card.region) + summary
            parts = [region_label(card.region) + p for p in parts]
        if regional_card and regional_card is not card:
            summary += f"\n{region_label(regional_card.region)}{first_paragraph(regional_card.text, 160)}"
            parts.append(f"{region_label(regional_card.region)}\n{regional_card.text.strip()}")
    else:
        reached = [corpus.articles.get(aid) for aid, _ in article_ids(hits, corpus)]
        arts = [a for a in reached if a is not None and a.current and a.region in {NATIONAL, region}][:2]
        summary = LOW_SUMMARY
        parts = [LOW_SUMMARY]
        notices.append("本次回答的依据不充分（检索到的资料与问题匹配度较低），请以工会律师的意见为准。")
    citations = tuple(citation_of(a) for a in arts)
    cases = _cases(corpus, hits, [c.id for c in citations]) if grounded else []
    for c in cases:
        allowed.update(c.cites)
    known_fields: dict[str, object] = dict(known or {})
    if region:
        known_fields.setdefault("region", region)
    topics = tuple(dict.fromkeys(c.topic for c in [card, *(h.record for h in hits[:4] if isinstance(h.record, Card))]
                                 if grounded and isinstance(c, Card) and c.topic))
    docs = suggest_templates(question, topics, settings=settings, known=known_fields, limit=3)
    return Draft(
        summary=summary,
        body="\n\n".join(parts),
        citations=citations,
        cases=tuple(CaseRef(c.id, c.title, c.publisher, c.date, holding(c)) for c in cases),
        next_steps=next_steps(question, topic),
        documents=tuple(DocumentSuggestion(d.template_id, d.title, d.reason,
                                           tuple(sorted((k, str(v)) for k, v in d.prefilled.items())))
                        for d in docs),
        notices=tuple(notices),
        grounding="high" if grounded else "low",
        allowed=frozenset(allowed),
        topic=topic,
        card=card if grounded else None,
        regional_card=regional_card,
        sources=tuple(h.id for h in hits),
    )

"""Default mode: the answer composed from the best-fitting card's conclusion, her numbers and quoted articles."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.answering.calcs import compute
from assistant.answering.conclusion import Conclusion, conclude, first_paragraph, with_result
from assistant.answering.guidance import Gap, Guidance, step_articles
from assistant.answering.parts import SAME_ANSWER, PartAnswer, answer_overlap, later_answers, names_unit
from assistant.answering.protect import protect
from assistant.answering.situation import conflicts, situations_of, unmentioned
from assistant.answering.topic import (
    GROUNDED_WITHIN,
    NAMED_MATCH,
    TOP_CARD_MATCH,
    Topic,
    card_match,
    choose_topic,
    common_bigrams,
    pick_unit,
)
from assistant.answering.verify import citation_of
from assistant.config import Settings
from assistant.corpus import Corpus
from assistant.documents import prefilled_text, suggest_templates
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

__all__ = ["DISCLAIMER", "LOW_SUMMARY", "Draft", "compose", "first_paragraph", "region_label"]

DISCLAIMER = "以上内容根据本资料库收录的法律法规整理，仅供参考，不构成正式法律意见；具体情况请咨询工会律师（12351）或当地劳动仲裁机构。"
LOW_SUMMARY = ("资料库中没有找到与您的问题直接对应的依据，我不想凭猜测回答。建议您拨打 12351 职工服务热线，"
               "请工会律师根据您的具体情况帮您判断；下面列出的条文可能相关，仅供参考。")
LOW_NOTICE = "本次回答的依据不充分（检索到的资料与问题匹配度较低），请以工会律师的意见为准。"
EXACT_SUMMARY = "您问到的条文原文如下。"
# "第四十二条讲了什么": she wants the article itself, not the topic around it.
_LOOKUP = re.compile(r"是什么|讲了?什么|讲的什么|讲了啥|讲啥|说的是|说了什么|说了啥|什么内容|内容|原文|怎么规定|规定了什么|怎么说")
LOOKUP_QUOTE_CHARS = 220
CITE_FROM_RANKING = 1
CITE_FROM_CARD = 3
_SENTENCE_END = re.compile(r"(?<=[。！？；])")


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
    calculations: tuple[Any, ...] = ()
    follow_up: str | None = None
    gap: str | None = None
    passed_over: tuple[str, ...] = ()


def region_label(region: str) -> str:
    """Label shown beside a provincial rule, e.g. 【上海地方规定】."""
    return f"【{region}地方规定】"


def holding(case: Case) -> str:
    """One line saying how the case was decided, taken from its result or analysis text."""
    for part in (case.result, case.analysis):
        sent = _SENTENCE_END.split(part.strip())[0].strip() if part.strip() else ""
        if sent:
            return sent if len(sent) <= 90 else sent[:88] + "…"
    return case.title.strip()


def _citations(
    corpus: Corpus, hits: Sequence[Hit], card: Card | None, region: str | None, max_national: int,
    lead: Sequence[str] = (),
) -> list[Article]:
    """Articles to quote: those the conclusion rests on first, then the ranking's and the card's."""
    chosen: list[Article] = []

    def add(aid: str, *, rests_on: bool = False) -> None:
        art = corpus.articles.get(aid)
        if art is None or art in chosen or not art.current:
            return
        # Another province's article is never shown for her, unless her conclusion itself names it (陪产假 by
        # province, listed because she named none).
        if art.region != NATIONAL and art.region != region and not rests_on:
            return
        chosen.append(art)

    for h in hits:
        if h.via == "exact" and isinstance(h.record, Article):
            chosen.append(h.record)  # asked for by name: shown even when not in force, with its status
    if chosen and card is None:
        return chosen  # a direct lookup shows the articles asked for, not their neighbours
    for aid in lead:
        add(aid, rests_on=True)
    # The retriever's own article ranking already folds in the cards' citations; the card's first
    # citations are added in case the ranking missed them.
    ranked = [h.id for h in hits if isinstance(h.record, Article)]
    for aid in [*ranked[:CITE_FROM_RANKING], *(card.cites[:CITE_FROM_CARD] if card else ()), *ranked]:
        if sum(a.region == NATIONAL for a in chosen) >= max_national:
            break
        add(aid)
    national = [a for a in chosen if a.region == NATIONAL][:max(max_national, 1)]
    regional = [a for a in chosen if a.region != NATIONAL]
    return national + regional


def regional_fits(card: Card, question: str, situations: frozenset[str], common: frozenset[str]) -> bool:
    """Her province's card speaks to this question: not about another woman's case, and about her words
    beyond the province's name (a 广东 maternity-leave card says nothing to a 广东 period-pain question)."""
    if conflicts(card, situations) or unmentioned(card, situations):
        return False
    return card_match(question.replace(card.region, ""), card, common) >= TOP_CARD_MATCH


def _regional(
    corpus: Corpus, hits: Sequence[Hit], region: str, question: str = "", situations: frozenset[str] = frozenset(),
) -> tuple[Card | None, list[Article]]:
    common = _common(corpus)
    card = next((h.record for h in hits if isinstance(h.record, Card) and h.record.region == region
                 and regional_fits(h.record, question, situations, common)), None)
    arts: list[Article] = []
    ids = [*(card.cites if card else ()), *(h.id for h in hits if isinstance(h.record, Article))]
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


# Topics where provinces add to the national rule (extra leave, allowances): only there is "更优待遇" worth saying.
_PROVINCES_ADD = re.compile(r"产假|生育|哺乳|陪产|育儿|护理假|婚假|经期|女职工")


def region_notices(corpus_regions: set[str], region: str | None, has_regional: bool, gap: Gap | None,
                   topic: str = "") -> list[str]:
    """Say where the corpus lacks her province's rules rather than guessing them."""
    if not region or region == NATIONAL:
        return []
    out: list[str] = []
    if region not in corpus_regions:
        better = f"{region}可能有更优待遇（如延长产假），" if not topic or _PROVINCES_ADD.search(topic) else ""
        out.append(f"资料库暂未收录{region}的地方性法规，以下是全国通用的规定；{better}"
                   "请以当地正式文本为准，或拨打 12351 咨询。")
    elif not has_regional:
        out.append(f"资料库中没有找到{region}针对这个问题的地方规定，以下是全国通用的规定。")
    if gap is not None:
        out.append(gap.statement)
    return out


_COMMON_CACHE: dict[int, frozenset[str]] = {}


def _common(corpus: Corpus) -> frozenset[str]:
    key = id(corpus)
    if key not in _COMMON_CACHE:
        _COMMON_CACHE[key] = common_bigrams(corpus.cards)
    return _COMMON_CACHE[key]


def _is_lookup(question: str, corpus: Corpus) -> bool:
    """True when the question only names an article and asks what it says."""
    rest = question
    for ref in corpus.find_citations(question):
        rest = rest.replace(ref.raw, "")
    rest = re.sub(r"[《》\s，。？?！!、]|中华人民共和国", "", rest)
    for alias in corpus.aliases:
        rest = rest.replace(alias, "")
    return len(rest) <= 4 or bool(_LOOKUP.search(rest) and len(rest) <= 12)


def _lookup_summary(arts: Sequence[Article]) -> str:
    """What the asked-for article says, its first sentence quoted with its title."""
    if not arts:
        return EXACT_SUMMARY
    first = arts[0]
    lines = [ln.strip() for ln in first.text.strip().splitlines() if ln.strip()]
    quote = lines[0]
    # A list article (…下列情形之一的，…:) says nothing without its items; add them while they fit.
    for item in lines[1:]:
        if (quote[-1:] not in ":：" and not quote.endswith("；")) or len(quote) + len(item) > LOOKUP_QUOTE_CHARS:
            break
        quote += item
    if len(quote) > LOOKUP_QUOTE_CHARS:
        quote = "".join(_SENTENCE_END.split(quote)[:1]).strip() or quote[:LOOKUP_QUOTE_CHARS]
    more = "" if len(arts) == 1 else f"另有{len(arts) - 1}条一并列出，"
    return f"{first.title}规定：“{quote}”{more}全文见下方条文原文。"


NOT_FOR_OVERAGE = frozenset({"double_wage_demand"})


def _named_card(question: str, hits: Sequence[Hit], common: frozenset[str], region: str | None) -> Card | None:
    """A card among the best ranked whose subject she names (two of its keywords, or one and its question)."""
    cards = [h.record for h in hits if isinstance(h.record, Card) and h.via != "asked"
             and h.record.region in {NATIONAL, region}][:GROUNDED_WITHIN]
    return next((c for c in cards if card_match(question.replace(c.region, ""), c, common) >= NAMED_MATCH), None)


def _gap_card(
    corpus: Corpus, gap: Gap | None, hits: Sequence[Hit] = (), situations: frozenset[str] = frozenset(),
) -> Card | None:
    """The card written for this gap; of several (停缴 during leave, 离职 before the birth), the best ranked,
    one for her own situation first (保胎 sick pay for a pregnant worker, the general one for anyone else)."""
    if gap is None:
        return None
    ranked = [h.record for h in hits if isinstance(h.record, Card) and h.record.gap == gap.id]
    ranked += [c for c in corpus.cards if c.gap == gap.id and c not in ranked]
    def fit(c: Card) -> int:
        if conflicts(c, situations) or unmentioned(c, situations):
            return 2
        return 0 if set(c.applies_to) & situations else 1
    return min(ranked, key=fit, default=None)  # min keeps the ranking among equals


def _situations(question: str, facts: Any) -> frozenset[str]:
    return situations_of(question, child_age_months=getattr(facts, "child_age_months", None),
                         pregnant=getattr(facts, "pregnant", None), miscarriage=getattr(facts, "miscarriage", None))


def _conclusion(topic: Topic, facts: Any, regional_card: Card | None, question: str) -> Conclusion:
    assert topic.card is not None
    card, unit = topic.card, topic.unit
    calc, ask, known = compute(unit.calc, facts) if unit is not None else (None, None, "")
    regional = None
    if regional_card is not None and regional_card is not card:
        other = pick_unit(regional_card, question, facts)
        line = other.conclusion.replace("{calc}", "") if other else first_paragraph(regional_card.text, 160)
        regional = (region_label(regional_card.region), line)
    result = conclude(card, unit, calc=calc, question=ask, known=known, regional=regional, asked=question)
    if card.region != NATIONAL:
        label = region_label(card.region)
        result = Conclusion(label + result.summary, result.body, result.calculations, result.follow_up)
    if regional is not None and regional_card is not None:
        body = f"{result.body}\n\n{regional[0]}\n{regional_card.text.strip()}".strip()
        result = Conclusion(result.summary, body, result.calculations, result.follow_up)
    return result


_LESSER_CLAIMS = frozenset({"severance", "notice_severance"})


def _fresh(card: Card, summary: str, calculations: Sequence[Any]) -> Callable[[PartAnswer, list[PartAnswer]], bool]:
    """Whether another part's answer adds something: not what is already said, not the same calculation twice,
    not another card's take on what her card computes (产假 from her province's card, then the national one)."""
    def fresh(more: PartAnswer, chosen: list[PartAnswer]) -> bool:
        said = "\n".join([summary, *(a.unit.conclusion for a in chosen)])
        # One card's answer to a question she names (育儿假 after 护理假) is new, however alike the wording.
        if answer_overlap(more.unit.conclusion, said) >= SAME_ANSWER and not (
                more.card is card and names_unit(more.part, more.unit, said)):
            return False
        computed = {c.name for c in calculations} | {a.unit.calc for a in chosen}
        if "illegal_dismissal" in computed:
            computed |= _LESSER_CLAIMS  # N or N+1 after 2N for the same dismissal would contradict it
        if "notice_severance" in computed:
            computed.add("severance")  # N alone after N+1 would give her a second, smaller figure
        if more.card is not card:
            computed |= {u.calc for u in card.answers}
        return not more.unit.calc or more.unit.calc not in computed
    return fresh


def compose(
    question: str,
    hits: Sequence[Hit],
    corpus: Corpus,
    settings: Settings,
    *,
    guidance: Guidance,
    region: str | None = None,
    known: Mapping[str, str] | None = None,
    facts: Any = None,
    parts: Sequence[tuple[str, Sequence[Hit]]] = (),
    regional: Sequence[Hit] = (),
) -> Draft:
    """Compose the answer: conclusion for her question first; grounding is low when no card clearly fits."""
    situations = _situations(question, facts)
    triggered = guidance.gap_for(question, None)
    # A gap's words in passing (春节 in a question on how 浙江's 产假 days are counted) do not turn away a
    # well-ranked card whose subject she names.
    named = _named_card(question, hits, _common(corpus), region)
    passing = triggered is not None and named is not None and named.gap != triggered.id
    topic = choose_topic(question, hits, situations=situations, common=_common(corpus), region=region,
                         prefer=None if passing else _gap_card(corpus, triggered, hits, situations), facts=facts)
    chosen = topic
    topic = protect(topic, question, corpus.cards, facts)
    # A protection rule stored in full (孕期不得依第四十条解除) answers even where the question also runs into a gap.
    protected = topic.card is not chosen.card
    exact = any(h.via == "exact" for h in hits)
    lookup = exact and _is_lookup(question, corpus)
    card = topic.card if topic.grounded and not lookup else None
    gap = guidance.gap_for(question, card)
    # A known gap with no card of its own: the honest answer is that we lack the rule.
    gap_only = gap is not None and gap.triggers and (card is None or card.gap != gap.id) and not exact \
        and not (protected and card is not None) and not (passing and card is not None)
    grounded = (exact or card is not None) and not gap_only
    allowed = {aid for h in hits for aid in ((h.id,) if isinstance(h.record, Article) else h.record.cites)}
    regional_card, regional_arts = _regional(corpus, [*hits, *regional], region, question, situations) \
        if region and region != NATIONAL else (None, [])
    notices = region_notices({a.region for a in corpus.articles.values()}, region,
                             bool(regional_card or regional_arts), guidance.region_gap(region),
                             card.topic if card is not None else "")
    calculations: tuple[Any, ...] = ()
    follow_up = None
    if grounded:
        lead: list[str] = []
        if card is not None:
            result = _conclusion(topic, facts, regional_card, question)
            summary, body = result.summary, result.body
            calculations, follow_up = result.calculations, result.follow_up
            lead = [*(topic.unit.cites if topic.unit else ()), *(a for c in calculations for a in c.articles)]
            for more in later_answers(question, hits, parts, topic, common=_common(corpus), region=region,
                                      facts=facts, fresh=_fresh(card, summary, calculations)):
                calc2, _, known2 = compute(more.unit.calc, facts)
                summary += f"\n另外，{with_result(more.unit.conclusion, calc2, None, known2)}"
                calculations += (calc2,) if calc2 is not None else ()
                lead += [*more.unit.cites, *(calc2.articles if calc2 is not None else ())]
                allowed.update(more.card.cites)
                allowed.update(h.id for h in more.hits if isinstance(h.record, Article))
        arts = _citations(corpus, hits, card, region, settings.answer_max_citations, lead)
        if card is None:
            summary, body = _lookup_summary(arts), ""
        arts += [a for a in regional_arts if a not in arts]
        allowed.update(lead)
    else:
        reached = [corpus.articles.get(aid) for aid, _ in article_ids(hits, corpus)]
        arts = [a for a in reached if a is not None and a.current and a.region in {NATIONAL, region}][:2]
        summary = body = LOW_SUMMARY
        if not gap_only:
            notices.append(LOW_NOTICE)
    if gap is not None and gap.region is None:
        if gap_only:
            summary = body = f"关于{gap.title}：{gap.statement}"
        elif grounded and gap.named_in(question) and gap.short not in summary:
            # She asks what that very text says: first that we do not hold it, then what the stored law decides.
            summary = f"资料库没有收录{gap.short}，无法告诉您它的具体规定；能依据已收录法律确定的是：{summary}"
        notices.insert(0, gap.statement)
    citations = tuple(citation_of(a) for a in arts)
    cases = _cases(corpus, hits, [c.id for c in citations]) if grounded else []
    for c in cases:
        allowed.update(c.cites)
    steps = guidance.next_steps(card.steps if card is not None else "", question)
    allowed.update(step_articles(corpus, steps))
    known_fields: dict[str, object] = dict(known or {})
    if region:
        known_fields.setdefault("region", region)
    topics = tuple(dict.fromkeys(c.topic for c in [card, *(h.record for h in hits[:4] if isinstance(h.record, Card))]
                                 if grounded and isinstance(c, Card) and c.topic))
    docs = suggest_templates(question, topics, settings=settings, known=known_fields, limit=3)
    if "超龄" in situations:
        # An over-age worker signs a 用工协议, not a labour contract: the 二倍工资 letter (第八十二条) is not hers.
        docs = [d for d in docs if d.template_id not in NOT_FOR_OVERAGE]
    return Draft(
        summary=summary,
        body=body,
        citations=citations,
        cases=tuple(CaseRef(c.id, c.title, c.publisher, c.date, holding(c)) for c in cases),
        next_steps=steps,
        documents=tuple(DocumentSuggestion(d.template_id, d.title, d.reason,
                                           tuple(sorted((k, prefilled_text(v)) for k, v in d.prefilled.items())))
                        for d in docs),
        notices=tuple(dict.fromkeys(notices)),
        grounding="high" if grounded else "low",
        allowed=frozenset(allowed),
        topic=card.topic if card is not None else "",
        card=card,
        regional_card=regional_card,
        sources=tuple(h.id for h in hits),
        calculations=calculations,
        follow_up=follow_up,
        gap=gap.id if gap is not None else None,
        passed_over=topic.passed_over,
    )

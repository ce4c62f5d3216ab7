"""AnswerService: the LCEL answer chain (normalise → scope → retrieve → compose or LLM → verify → Answer)."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.documents import Document
from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answering.compose import DISCLAIMER, Draft, compose, first_paragraph
from assistant.answering.conversations import Conversation, ConversationStore
from assistant.answering.events import Event, closing_events, event, sources_event
from assistant.answering.facts import Facts, extract_facts, facts_from_known, facts_to_known
from assistant.answering.grounding import grounding_for
from assistant.answering.guidance import load_guidance
from assistant.answering.jsonshape import answer_to_json
from assistant.answering.llm import build_messages, make_chat_model, stream_tokens
from assistant.answering.parts import question_parts
from assistant.answering.retriever_lc import CorpusRetriever, hit_of
from assistant.answering.scope import STRONG_ANCHORS, WEAK_ANCHORS, ScopeDecision, classify
from assistant.answering.verify import (
    AnswerVerifier,
    Checked,
    citation_of,
    verification_notice,
    verify_citations,
    verify_text,
)
from assistant.calculators.base import china_today
from assistant.config import Settings
from assistant.errors import InvalidInputError, LLMError
from assistant.index.text import to_simplified
from assistant.records import NATIONAL, Answer, Article, Hit
from assistant.retrieval.normalize import detect_region, resolve_region
from assistant.retrieval.retriever import Filters
from assistant.runtime import Runtime
from assistant.storage import open_storage

log = logging.getLogger(__name__)
_FOLLOW_UP = re.compile(r"^(那|那么|还有|如果|要是|另外|那如果|可是|但是|我在|我是)|[呢吗嘛]\s*[？?]?$")
_EMPLOYER = re.compile(r"(?:在|是)([\u4e00-\u9fa5A-Za-z0-9（）()]{2,30}?(?:有限公司|公司|集团|工厂|厂))")
MAX_PARTS = 3  # her first question and at most two more get a search each
# How deep her province's own articles are looked for, and how many are shown.
REGIONAL_K = 40
REGIONAL_MAX = 3
FALLBACK_NOTICE = "智能生成服务暂时不可用，以下为根据资料库自动整理的回答。"
UNVERIFIED_NOTICE = "智能生成的回答无法在资料库中核实，以下为根据资料库自动整理的回答。"


@dataclass(frozen=True)
class State:
    """What flows through the chain; each stage returns a new State."""

    question: str
    region_arg: str | None = None
    conversation_id: str | None = None
    conversation: Conversation | None = None
    decision: ScopeDecision | None = None
    query: str = ""
    region: str | None = None
    hits: tuple[Hit, ...] = ()
    parts: tuple[tuple[str, tuple[Hit, ...]], ...] = ()  # her message's parts, each with its own retrieval
    regional: tuple[Hit, ...] = ()  # her province's own articles for the message, from a deeper search
    draft: Draft | None = None
    checked: Checked | None = None  # the model's reply, verified once
    mode: str = "compose"
    notices: tuple[str, ...] = ()
    known: dict[str, str] = field(default_factory=dict)
    facts: Facts | None = None
    owner: str | None = None  # who may read the conversation (None: a trusted local caller)


def _facts(text: str, known: dict[str, str]) -> Facts:
    """Facts of her question on top of those remembered from the conversation (stored in `known`)."""
    found = extract_facts(text, today=china_today(), previous=facts_from_known(known))
    known.update(facts_to_known(found))
    return found


class AnswerService:
    """Built once from a Runtime; answers questions with quoted, verified citations."""

    def __init__(
        self, runtime: Runtime, settings: Settings | None = None, *,
        chat_model: BaseChatModel | None = None, store: ConversationStore | None = None,
    ) -> None:
        self.runtime = runtime
        self.settings = settings or runtime.settings
        self.corpus = runtime.corpus
        self.chat_model = chat_model if chat_model is not None else make_chat_model(self.settings)
        self.store = store or open_storage(self.settings).conversations
        self.retriever = CorpusRetriever(retriever=runtime.retriever, k=self.settings.answer_search_k)
        self.guidance = load_guidance(self.settings.next_steps_file, self.settings.gaps_file, self.corpus)
        self._regions = frozenset(a.region for a in self.corpus.articles.values()) - {NATIONAL}
        self._anchors = tuple({k for c in self.corpus.cards for k in c.keywords if len(k) >= 2}
                              | {a for a in self.corpus.aliases if len(a) >= 3})
        self.chain: Runnable[State, Answer] = self._build_chain()
        # The stream runs the same stages one by one, to send the sources before the answer is written.
        self._retrieval: Runnable[State, State] = RunnableLambda(self._prepare) | RunnableLambda(self._retrieve)

    @property
    def mode(self) -> str:
        """'llm' when a chat model is configured, else 'compose'."""
        return "llm" if self.chat_model is not None else "compose"

    # -- public API ----------------------------------------------------------------------------
    def ask(self, question: str, *, region: str | None = None, conversation_id: str | None = None,
            owner: str | None = None) -> Answer:
        """Answer one question (in `owner`'s conversation when an id is given; NotFoundError for another's)."""
        return self.chain.invoke(State(question, region, conversation_id, owner=owner))

    def stream(
        self, question: str, *, region: str | None = None, conversation_id: str | None = None,
        owner: str | None = None,
    ) -> Iterator[Event]:
        """The answer as events (see events.py): safety, sources as soon as they are chosen, the summary,
        the body (LLM tokens verified sentence by sentence, once), the other sections, then a small done."""
        state = self._retrieval.invoke(State(question, region, conversation_id, owner=owner))
        if state.decision is not None and state.decision.safety:
            yield event("safety", state.decision.safety)
        state = self._compose(state)
        sent: dict[str, Any] = {}
        sent_ids: set[str] = set()
        if state.draft is not None:
            cited, _ = verify_citations(state.draft.citations, self.corpus)
            sent_ids = {c.id for c in cited}
            yield sources_event(cited)
            # The conclusion the card gives her question; in LLM mode without a card the model's first
            # paragraph replaces it once the reply is verified.
            sent["summary"] = self._summary(state.draft)
            yield event("summary", sent["summary"])
        tokens: list[str] = []
        if self._use_llm(state) and state.draft is not None:
            verifier, failed = self._verifier(state, state.draft), False
            try:
                for piece in self._verified_stream(state, state.draft, verifier):
                    tokens.append(piece)
                    yield event("token", piece)
            except LLMError:
                failed = True
            state = self._with_reply(state, None if failed else verifier)
        data = answer_to_json(self._finish(state))
        yield from closing_events(data, sent=sent, sent_ids=sent_ids, tokens="".join(tokens))

    def new_conversation(self, owner: str = "local") -> str:
        """A new stored conversation owned by `owner`; its server-issued id."""
        return self.store.create(owner)

    def purge_older_than(self, days: float) -> int:
        """Delete stored conversations older than `days` days."""
        return self.store.purge_older_than(days)

    # -- the chain -----------------------------------------------------------------------------
    def _build_chain(self) -> Runnable[State, Answer]:
        # Sequential on purpose: a RunnableParallel here hopped to a thread pool on every question,
        # which only added locking under load (the state passes through unchanged anyway).
        retrieve: Runnable[State, State] = RunnableLambda(self._retrieve)
        prep = RunnableLambda(self._prepare) | retrieve | RunnableLambda(self._compose)
        return prep | RunnableLambda(self._generate) | RunnableLambda(self._finish)

    def _prepare(self, state: State) -> State:
        """Normalise, load the conversation, check scope and safety, and work out the search query."""
        text = re.sub(r"\s+", " ", to_simplified(state.question or "")).strip()
        if not text:
            raise InvalidInputError("问题不能为空")
        if len(text) > self.settings.max_question_chars:
            raise InvalidInputError(f"问题太长（{len(text)} 字），请控制在 {self.settings.max_question_chars} 字以内")
        conv = self.store.get(state.conversation_id, owner=state.owner) if state.conversation_id else None
        has_history = bool(conv and conv.turns)
        decision = classify(text, has_history=has_history, extra_anchors=self._anchors)
        region = resolve_region(state.region_arg or "") or detect_region(text) or (conv.region if conv else None)
        query = decision.question
        if has_history and conv is not None and conv.query and len(query) <= 25 and (
                _FOLLOW_UP.search(query) or detect_region(query) == query.strip("我在是。，！ ")):
            own_topic = any(w in query for w in (*STRONG_ANCHORS, *WEAK_ANCHORS))
            # A follow-up with its own topic ("那产假呢") keeps only the earlier topic; one without
            # ("我在昆明") repeats the earlier question so retrieval has something to search for.
            query = f"{query} {conv.topic or ''}".strip() if own_topic else f"{conv.query} {query}"
        known = dict(conv.known) if conv else {}
        facts = _facts(text, known)
        m = _EMPLOYER.search(text)
        if m:
            known["employer"] = m.group(1)
        if region:
            known["region"] = region
        return dataclasses.replace(state, question=text, conversation=conv, decision=decision, query=query,
                                   region=region, known=known, notices=decision.notices, facts=facts)

    def _documents(self, state: State) -> list[Document]:
        if state.decision is None or not state.decision.in_scope:
            return []
        return self.retriever.for_region(state.region).invoke(state.query)

    def _retrieve(self, state: State) -> State:
        """Ask the LangChain retriever and keep its documents as hits on the state."""
        hits = tuple(hit_of(d, self.corpus) for d in self._documents(state))
        parts: list[tuple[str, tuple[Hit, ...]]] = []
        if hits:
            # A message asking two things: each later part gets its own search, so its answer is not lost.
            for part in question_parts(state.query)[1:MAX_PARTS]:
                docs = self.retriever.for_region(state.region).invoke(part)
                parts.append((part, tuple(hit_of(d, self.corpus) for d in docs)))
        return dataclasses.replace(state, hits=hits, parts=tuple(parts), regional=self._regional(state, hits))

    def _regional(self, state: State, hits: tuple[Hit, ...]) -> tuple[Hit, ...]:
        """Her province's articles ranked a little deeper than the answer's hits: a long message about 停工 in
        山东 ranks national cards first, yet the province's own article on it should be shown, not called missing."""
        region = state.region
        if not hits or not region or region not in self._regions:
            return ()
        found = self.retriever.retriever.search(state.query, k=REGIONAL_K, filters=Filters(region=region)).hits
        return tuple(h for h in found if isinstance(h.record, Article) and h.record.region == region)[:REGIONAL_MAX]

    def _compose(self, state: State) -> State:
        if state.decision is None or not state.decision.in_scope:
            return state
        draft = compose(state.query, state.hits, self.corpus, self.settings, guidance=self.guidance,
                        region=state.region, known=state.known, facts=state.facts, parts=state.parts,
                        regional=state.regional)
        return dataclasses.replace(state, draft=draft)

    def _use_llm(self, state: State) -> bool:
        # Low grounding never goes to the model: it would only be asked to guess.
        return self.chat_model is not None and state.draft is not None and state.draft.grounding == "high"

    def _generate(self, state: State) -> State:
        if not self._use_llm(state) or state.draft is None:
            return state
        verifier = self._verifier(state, state.draft)
        try:
            for _ in self._verified_stream(state, state.draft, verifier):
                pass
        except LLMError:
            return self._with_reply(state, None)
        return self._with_reply(state, verifier)

    def _verifier(self, state: State, draft: Draft) -> AnswerVerifier:
        """A verifier for this question: the draft's sources, calculations and her words ground the numbers."""
        history = [t.question for t in (state.conversation.turns if state.conversation else ())]
        safety = state.decision.safety if state.decision else None
        grounding = grounding_for(
            self.corpus, question=state.question, region=state.region, allowed=draft.allowed,
            citations=draft.citations,
            cases=draft.cases, next_steps=draft.next_steps, calculations=getattr(draft, "calculations", ()),
            extra=[*history, DISCLAIMER, safety or ""])
        return AnswerVerifier(self.corpus, draft.allowed, grounding)

    def _verified_stream(self, state: State, draft: Draft, verifier: AnswerVerifier) -> Iterator[str]:
        """Model tokens, released a sentence at a time once verified (verification happens here, once)."""
        assert self.chat_model is not None
        messages = build_messages(self.settings, self._prompt_values(state, draft))
        for piece in stream_tokens(self.chat_model, messages):
            if out := verifier.feed(piece):
                yield out
        if out := verifier.close():
            yield out

    def _with_reply(self, state: State, verifier: AnswerVerifier | None) -> State:
        """The verified reply on the state; the composed answer when the model failed or nothing survived."""
        if verifier is None:
            return dataclasses.replace(state, mode="fallback", notices=(*state.notices, FALLBACK_NOTICE))
        checked = verifier.result()
        if not checked.kept:
            notice = UNVERIFIED_NOTICE if checked.verification.sentences else FALLBACK_NOTICE
            return dataclasses.replace(state, checked=checked, mode="fallback", notices=(*state.notices, notice))
        return dataclasses.replace(state, checked=checked, mode="llm")

    def _prompt_values(self, state: State, draft: Draft) -> dict[str, str]:
        sources = []
        if draft.card is not None:
            sources.append(f"[说明] {draft.card.title}\n{draft.card.text}")
        if draft.regional_card is not None and draft.regional_card is not draft.card:
            sources.append(f"[说明] {draft.regional_card.title}\n{draft.regional_card.text}")
        sources += [f"[条文] 《{c.law}》{c.label}（{c.level}，{c.region}）\n{c.text}" for c in draft.citations]
        # Her numbers worked out by the calculators: the only computed figures the model may state.
        sources += [f"[计算] {calc.title}：{calc.text}\n" + "\n".join(calc.steps)
                    for calc in getattr(draft, "calculations", ())]
        history = "\n".join(f"问：{t.question}" for t in (state.conversation.turns if state.conversation else ()))
        return {"sources": "\n\n".join(sources), "history": history or "（无）", "region": state.region or "未说明",
                "question": state.decision.question if state.decision else state.question,
                "conclusion": draft.summary}

    def _finish(self, state: State) -> Answer:
        """Verify everything shown, build the Answer and remember the turn."""
        decision = state.decision
        assert decision is not None
        notices = list(state.notices)
        if not decision.in_scope or state.draft is None:
            answer = Answer(
                question=state.question, summary=decision.reply, citations=(), cases=(), next_steps=(),
                documents=(), disclaimer=DISCLAIMER, grounding="low", in_scope=False, mode="compose",
                region=state.region, conversation_id=state.conversation_id,
                notices=tuple(([decision.safety] if decision.safety else []) + notices),
                safety=decision.safety, body=decision.reply)
            self._remember(state, answer, topic=None)
            return answer
        draft = state.draft
        checked = state.checked
        if checked is not None and state.mode == "llm":
            # Verified once while it streamed: never verified again, so marks cannot nest.
            body = checked.text
            # The conclusion she reads first stays the verified one the card gives her question; the model
            # explains it. Without a card (an article asked for by name) the model's first paragraph leads.
            summary = self._summary(draft) if draft.card is not None else first_paragraph(body, 200)
            citations = tuple(citation_of(self.corpus.articles[i]) for i in checked.valid_ids) or draft.citations
            notice = verification_notice(checked.verification)
            if notice:
                notices.append(notice)
        else:
            summary = self._summary(draft)
            body = verify_text(draft.body, self.corpus, draft.allowed).text
            citations = draft.citations
        citations, cite_notices = verify_citations(citations, self.corpus)
        notices += cite_notices + list(draft.notices)
        if decision.safety:
            notices.insert(0, decision.safety)
        answer = Answer(
            question=state.question, summary=summary, citations=citations, cases=draft.cases,
            next_steps=draft.next_steps, documents=draft.documents, disclaimer=DISCLAIMER,
            grounding=draft.grounding, in_scope=True, mode="llm" if state.mode == "llm" else (
                "fallback" if state.mode == "fallback" else "compose"),
            region=state.region, conversation_id=state.conversation_id, notices=tuple(dict.fromkeys(notices)),
            safety=decision.safety, body=body, sources=draft.sources, topic=draft.topic,
            calculations=draft.calculations, follow_up=draft.follow_up, gap=draft.gap,
            verification=checked.verification if checked is not None else None)
        self._remember(state, answer, topic=draft.topic or None)
        return answer

    def _summary(self, draft: Draft) -> str:
        """The draft's conclusion with every citation in it verified."""
        return verify_text(draft.summary, self.corpus, draft.allowed).text

    def _remember(self, state: State, answer: Answer, *, topic: str | None) -> None:
        if not state.conversation_id:
            return
        conv = state.conversation
        keep_query = state.query if answer.in_scope else (conv.query if conv else None)
        self.store.append(state.conversation_id, state.question, answer.summary[:300], region=state.region,
                          topic=topic or (conv.topic if conv else None), query=keep_query, known=state.known,
                          owner=state.owner, grounding=answer.grounding, in_scope=answer.in_scope,
                          safety=bool(answer.safety), mode=answer.mode)

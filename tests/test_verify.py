"""Citation verification with LangChain fake chat models: invented and repealed citations never pass as valid."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from _answer_fixtures import runtime, service
from _llm_cases import CASES, ISSUE_BODY, ISSUE_NOTICE, ISSUE_REPLY, PAY, Case, check_answer
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGenerationChunk

from assistant.answering import answer_to_json, assemble
from assistant.answering.grounding import answer_ungrounded, grounding_for, ungrounded_numbers
from assistant.answering.verify import (
    REMOVED,
    AnswerVerifier,
    check_citations,
    sentence_end,
    split_sentences,
    verification_notice,
    verify_model_text,
    verify_text,
)
from assistant.records import Verification

QUESTION = "我怀孕了，公司要辞退我，合法吗"
HALLUCINATED = (
    "单位不能辞退怀孕的你。依据《劳动合同法》第四十二条，孕期不得依第四十条解除合同；"
    "另外《劳动合同法》第一百二十条规定单位要双倍赔偿。按照《合同法》第五十二条，这类约定无效，"
    "《女职工劳动保护规定》第四条也禁止这样做。"
)


@dataclass(frozen=True)
class _Calc:
    """The part of a calculators.Calculation that grounds numbers."""

    text: str
    steps: tuple[str, ...]


def test_verify_text_removes_invented_and_flags_repealed() -> None:
    corpus = runtime().corpus
    allowed = {"劳动合同法#42", "劳动合同法#40"}
    out = verify_text(HALLUCINATED, corpus, allowed)
    assert "第一百二十条" not in out.text and REMOVED in out.text
    assert "《合同法》已于2021-01-01废止" in out.text and "《民法典》" in out.text
    assert "《女职工劳动保护规定》已于2012-04-28废止" in out.text and "《女职工劳动保护特别规定》" in out.text
    assert out.valid_ids == ("劳动合同法#42",)
    statuses = {c.raw: c.status for c in out.checks}
    assert statuses["《劳动合同法》第一百二十条"] == "not_found"
    assert statuses["《合同法》第五十二条"] == "repealed_law"


def test_existing_but_unretrieved_article_is_flagged_not_trusted() -> None:
    corpus = runtime().corpus
    out = verify_text("参见《劳动法》第六十一条。", corpus, allowed=set())
    assert out.valid_ids == () and "未经核对" in out.text
    checks = check_citations("《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第三十二条", corpus,
                             {"最高人民法院关于审理劳动争议案件适用法律问题的解释（一）#32"})
    assert checks[0].status == "not_current"


def test_sentences_split_at_chinese_punctuation_but_not_inside_quotes() -> None:
    text = "不合法！第四十七条规定：“每满一年支付一个月工资。六个月以上不满一年的，按一年计算。”你可以要求补偿；\n先协商？好的"
    assert split_sentences(text) == [
        "不合法！", "第四十七条规定：“每满一年支付一个月工资。六个月以上不满一年的，按一年计算。”", "你可以要求补偿；\n",
        "先协商？", "好的"]
    assert "".join(split_sentences(text)) == text
    # Mid-stream, a sentence is complete only once the character after its end has arrived (it may be ”).
    assert sentence_end("单位不得降薪。", final=False) is None
    assert sentence_end("单位不得降薪。根", final=False) == 7


def test_verifier_drops_the_claim_with_its_invented_citation_and_marks_repeal_once() -> None:
    corpus = runtime().corpus
    grounding = grounding_for(corpus, question=PAY, allowed={"女职工劳动保护特别规定#5"})
    checked = verify_model_text(ISSUE_REPLY, corpus, {"女职工劳动保护特别规定#5"}, grounding)
    assert checked.text == ISSUE_BODY
    assert checked.valid_ids == ("女职工劳动保护特别规定#5",)
    assert checked.verification == Verification(sentences=5, dropped_citations=1, repealed=1)
    assert verification_notice(checked.verification) == ISSUE_NOTICE


def test_streaming_one_character_at_a_time_gives_the_same_single_pass() -> None:
    corpus = runtime().corpus
    allowed = {"女职工劳动保护特别规定#5"}
    verifier = AnswerVerifier(corpus, allowed, grounding_for(corpus, question=PAY, allowed=allowed))
    pieces = [out for ch in ISSUE_REPLY if (out := verifier.feed(ch))] + [verifier.close()]
    assert "".join(pieces).strip() == ISSUE_BODY
    # Nothing of the dropped sentence was ever released, not even a fragment.
    assert not any("第一百" in p or "十万" in p for p in pieces)
    assert verifier.result().verification.dropped == 1


def test_unretrieved_and_unknown_law_citations_drop_their_sentence() -> None:
    corpus = runtime().corpus
    text = "参见《劳动法》第六十一条，孕妇不得加班。依照《公司员工手册》第三条处理。可以找工会。"
    checked = verify_model_text(text, corpus, allowed=set(), grounding=None)
    assert checked.text == "可以找工会。\n\n〔有2处说法无法在资料库中核实，已删去〕"
    assert checked.verification.dropped_citations == 2 and checked.valid_ids == ()


def test_numbers_are_grounded_by_sources_calculations_and_her_question() -> None:
    corpus = runtime().corpus
    allowed = {"女职工劳动保护特别规定#7"}
    calc = _Calc(text="经济补偿为3个月工资，共24000元", steps=("工作满3年，每满一年支付一个月工资",))
    grounding = grounding_for(corpus, question="我月薪8000元，干了3年", allowed=allowed, calculations=[calc])
    text = ("女职工生育享受九十八天产假。你月薪8000元。经济补偿共24000元。公司还要赔偿你十万元。"
            "产假是180天。加班费按150%支付。依据《女职工劳动保护特别规定》第七条办理。")
    checked = verify_model_text(text, corpus, allowed, grounding)
    assert checked.text.startswith("女职工生育享受九十八天产假。你月薪8000元。经济补偿共24000元。依据")
    assert checked.verification.dropped_numbers == 3  # 十万元, 180天, 150%
    # The regression guard reports the same numbers for any text.
    found = ungrounded_numbers(text, corpus, grounding)
    assert [u.numbers for u in found] == [("十万元",), ("180天",), ("150%",)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("make_model", [
    lambda text: FakeListChatModel(responses=[text]),  # streams one character at a time
    lambda text: GenericFakeChatModel(messages=iter([AIMessage(content=text)])),
], ids=["fake_list", "generic_fake"])
def test_llm_answers_with_fake_models(tmp_path: Path, case: Case, make_model: Any) -> None:
    reply = "".join(case.chunks)
    answer = service(tmp_path, chat_model=make_model(reply)).ask(case.question)
    check_answer(case, answer_to_json(answer))
    corpus = runtime().corpus
    for c in answer.citations:
        assert corpus.articles[c.id].text == c.text and c.status == "现行有效"
    assert answer_ungrounded(answer, corpus) == []
    events = list(service(tmp_path, chat_model=make_model(reply)).stream(case.question))
    tokens = "".join(e["data"] for e in events if e["event"] == "token")
    assert events[-1]["event"] == "done" and [e["event"] for e in events][:2] == ["sources", "summary"]
    streamed = assemble(events)
    check_answer(case, streamed)
    assert tokens.strip() == streamed["body"]  # the stream showed exactly the verified body
    assert "body" not in [e["event"] for e in events]  # …and never sent it twice


def test_nothing_verifiable_falls_back_to_the_composed_answer(tmp_path: Path) -> None:
    svc = service(tmp_path, chat_model=FakeListChatModel(responses=["依据《劳动合同法》第一百二十条，赔你十万元。"]))
    answer = svc.ask(PAY)
    assert answer.mode == "fallback" and answer.citations and "十万" not in answer.body
    assert any("无法在资料库中核实" in n for n in answer.notices)
    assert answer.verification is not None and answer.verification.dropped == 1


class _Broken(FakeListChatModel):
    """A chat model whose endpoint times out, streamed or not."""

    def _call(self, *args: object, **kwargs: object) -> str:
        raise TimeoutError("model timed out")

    def _stream(self, *args: object, **kwargs: object) -> Iterator[ChatGenerationChunk]:
        raise TimeoutError("model timed out")


def test_llm_failure_falls_back_to_composed_answer(tmp_path: Path) -> None:
    svc = service(tmp_path, chat_model=_Broken(responses=["x"]))
    answer = svc.ask(QUESTION)
    assert answer.mode == "fallback" and answer.citations
    assert any("暂时不可用" in n for n in answer.notices)
    events = list(svc.stream(QUESTION))
    assert events[-1]["data"]["mode"] == "fallback" and assemble(events)["body"] == answer.body


def test_compose_mode_quotes_verbatim(tmp_path: Path) -> None:
    svc = service(tmp_path)
    answer = svc.ask(QUESTION)
    corpus = runtime().corpus
    assert answer.mode == "compose" and answer.citations
    for c in answer.citations:
        art = corpus.articles[c.id]
        assert c.text == art.text and c.version == art.version and c.level == art.level
    assert "第一百二十条" not in answer.body


def test_llm_mode_keeps_the_verified_conclusion_first(tmp_path: Path) -> None:
    composed = service(tmp_path).ask(PAY)
    reply = "因为《女职工劳动保护特别规定》第五条禁止因怀孕降低工资，所以单位不能这样做。您可以先书面提出异议。"
    answer = service(tmp_path, chat_model=FakeListChatModel(responses=[reply])).ask(PAY)
    assert answer.mode == "llm"
    # The conclusion the card gives her question leads; the model only explains it below.
    assert answer.summary == composed.summary and answer.summary not in answer.body
    assert answer.body.startswith("因为《女职工劳动保护特别规定》第五条")

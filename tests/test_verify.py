"""Citation verification with LangChain fake chat models: invented and repealed citations never pass as valid."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _answer_fixtures import runtime, service
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGenerationChunk

from assistant.answering.verify import REMOVED, check_citations, verify_text

QUESTION = "我怀孕了，公司要辞退我，合法吗"
HALLUCINATED = (
    "单位不能辞退怀孕的你。依据《劳动合同法》第四十二条，孕期不得依第四十条解除合同；"
    "另外《劳动合同法》第一百二十条规定单位要双倍赔偿。按照《合同法》第五十二条，这类约定无效，"
    "《女职工劳动保护规定》第四条也禁止这样做。"
)


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


@pytest.mark.parametrize("make_model", [
    lambda: FakeListChatModel(responses=[HALLUCINATED]),
    lambda: GenericFakeChatModel(messages=iter([AIMessage(content=HALLUCINATED)])),
])
def test_llm_answer_contains_no_invalid_citation(tmp_path: Path, make_model: object) -> None:
    svc = service(tmp_path, chat_model=make_model())  # type: ignore[operator]
    answer = svc.ask(QUESTION)
    assert answer.mode == "llm" and answer.in_scope
    ids = {c.id for c in answer.citations}
    assert "劳动合同法#120" not in ids and not any(c.law in {"合同法", "女职工劳动保护规定"} for c in answer.citations)
    assert "劳动合同法#42" in ids
    assert "第一百二十条" not in answer.body
    assert "废止" in answer.body
    corpus = runtime().corpus
    for c in answer.citations:
        assert corpus.articles[c.id].text == c.text and c.status == "现行有效"
    assert any("已删除或标注" in n for n in answer.notices)


def test_streamed_tokens_are_verified(tmp_path: Path) -> None:
    svc = service(tmp_path, chat_model=GenericFakeChatModel(messages=iter([AIMessage(content=HALLUCINATED)])))
    events = list(svc.stream(QUESTION))
    tokens = "".join(e["data"] for e in events if e["event"] == "token")
    assert tokens and "第一百二十条" not in tokens and "废止" in tokens
    assert events[-1]["event"] == "done" and events[-1]["data"]["mode"] == "llm"


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
    done = list(svc.stream(QUESTION))[-1]
    assert done["data"]["mode"] == "fallback"


def test_compose_mode_quotes_verbatim(tmp_path: Path) -> None:
    svc = service(tmp_path)
    answer = svc.ask(QUESTION)
    corpus = runtime().corpus
    assert answer.mode == "compose" and answer.citations
    for c in answer.citations:
        art = corpus.articles[c.id]
        assert c.text == art.text and c.version == art.version and c.level == art.level
    assert "第一百二十条" not in answer.body

"""LLM mode end to end: the app pointed at a stand-in OpenAI-compatible server through ASSISTANT_LLM_BASE_URL."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _llm_cases import CASES, ISSUE_BODY, ISSUE_REPLY, PAY, Case, check_answer
from api_support import client, shared_runtime, sse_events
from fastapi.testclient import TestClient
from langchain_openai import ChatOpenAI
from llm_standin import StandIn, standin_server
from pydantic import SecretStr
from typer.testing import CliRunner

from assistant.answering import AnswerService, answer_to_json, assemble
from assistant.cli import app as cli_app
from assistant.config import Settings


@pytest.fixture(scope="module")
def standin() -> Iterator[StandIn]:
    with standin_server() as server:
        yield server


@pytest.fixture(scope="module")
def api(standin: StandIn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASSISTANT_LLM_BASE_URL", standin.base_url)
        with client(tmp_path_factory.mktemp("llm-data"), with_answers=True, api_auth=False, rate_limits=False) as c:
            yield c


def _ask(api: TestClient, endpoint: str, question: str) -> dict[str, Any]:
    if endpoint == "chat":
        r = api.post("/v1/chat", json={"message": question})
        assert r.status_code == 200, r.text
        assert r.json()["conversation_id"]
        return dict(r.json())
    if endpoint == "ask":
        r = api.post("/v1/ask", json={"question": question})
        assert r.status_code == 200, r.text
        return dict(r.json())
    with api.stream("POST", "/v1/ask/stream", json={"question": question}) as r:
        assert r.status_code == 200
        events = sse_events("".join(r.iter_text()))
    assert events[-1]["event"] == "done"
    streamed = assemble(events)
    tokens = "".join(e["data"] for e in events if e["event"] == "token")
    assert tokens.strip() == streamed["body"]  # what streamed is what was verified, once
    return streamed


@pytest.mark.parametrize("endpoint", ["ask", "chat", "stream"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_endpoints_against_the_stand_in(api: TestClient, standin: StandIn, case: Case, endpoint: str) -> None:
    standin.reply(case.chunks)
    before = len(standin.requests)
    data = _ask(api, endpoint, case.question)
    assert len(standin.requests) == before + 1
    request = standin.requests[-1]
    assert request["stream"] is True
    # The model sees the quoted sources it may cite.
    assert "【资料】" in request["messages"][-1]["content"]
    check_answer(case, data)


def test_a_chat_follow_up_keeps_her_own_numbers_grounded(api: TestClient, standin: StandIn) -> None:
    standin.reply(["不合法。单位不得因怀孕降低你的工资。"])
    first = api.post("/v1/chat", json={"message": "我月薪6500元，怀孕了公司要给我降薪合法吗"}).json()
    standin.reply(["按你说的月薪6500元，单位不得因怀孕降低你的工资。另外单位还要赔你3万元。"])
    second = api.post("/v1/chat", json={"conversation_id": first["conversation_id"],
                                        "message": "那单位要给我降薪，合法吗"}).json()
    assert second["mode"] == "llm" and "月薪6500元" in second["body"] and "3万元" not in second["body"]
    assert second["verification"]["dropped_numbers"] == 1


def test_a_non_streaming_endpoint_gets_the_same_verification(standin: StandIn, tmp_path: Path) -> None:
    rt = shared_runtime()
    model = ChatOpenAI(model="stand-in", base_url=standin.base_url, api_key=SecretStr("x"), max_retries=0,
                       timeout=30, disable_streaming=True)
    svc = AnswerService(rt, rt.settings.model_copy(update={"data_dir": tmp_path}), chat_model=model)
    standin.reply([ISSUE_REPLY])
    data = answer_to_json(svc.ask(PAY))
    assert not standin.requests[-1].get("stream")
    assert data["body"] == ISSUE_BODY


def test_eval_run_reports_what_verification_corrected(standin: StandIn, real_settings: Settings) -> None:
    standin.reply([ISSUE_REPLY])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "set.jsonl"
        data.write_text(json.dumps({"id": "q1", "question": PAY, "expected_citations": ["《女职工劳动保护特别规定》第五条"],
                                    "in_scope": True}, ensure_ascii=False) + "\n", encoding="utf-8")
        out = Path(tmp) / "run"
        env = {"ASSISTANT_CORPUS_DIR": str(real_settings.corpus_dir), "ASSISTANT_INDEX_DIR": str(real_settings.index_dir),
               "ASSISTANT_DATA_DIR": tmp, "ASSISTANT_EMBEDDING_MODEL": "none", "ASSISTANT_LLM_BASE_URL": standin.base_url}
        result = CliRunner().invoke(cli_app, ["eval", "run", "--dataset", str(data), "--out", str(out)], env=env)
        assert result.exit_code == 0, result.output
        assert "模型回答核对" in result.output
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        row = json.loads((out / "results.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert row["answer"]["mode"] == "llm"
    assert row["answer"]["verification"] == {"sentences": 5, "dropped": 1, "dropped_citations": 1,
                                             "dropped_numbers": 0, "repealed": 1, "flagged": 0}
    v = summary["answer"]["llm_verification"]
    assert v["answers"] == 1 and v["dropped"] == 1 and v["repealed"] == 1 and v["corrected_share"] == 1.0

"""POST /v1/ask, /v1/chat and /v1/ask/stream with the real AnswerService on a BM25-only index."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import client, make_settings, shared_runtime, sse_events
from fastapi.testclient import TestClient

from assistant.api import create_app

answering = pytest.importorskip("assistant.answering")
if not hasattr(answering, "AnswerService"):
    pytest.skip("assistant.answering has no AnswerService yet", allow_module_level=True)
assemble = answering.assemble

QUESTION = "怀孕了公司要给我降薪合法吗"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with client(
        tmp_path_factory.mktemp("ask-data"), with_answers=True, api_auth=False, rate_limits=False
    ) as c:
        yield c


def test_ask(api: TestClient) -> None:
    r = api.post("/v1/ask", json={"question": QUESTION})
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["question"] == QUESTION and a["in_scope"] is True and a["mode"] == "compose"
    cite = next(c for c in a["citations"] if c["id"] == "女职工劳动保护特别规定#5")
    assert cite["label"] == "第五条" and "降低其工资" in cite["text"] and cite["version"]
    assert any(d["template_id"] == "pregnancy_transfer_objection" for d in a["documents"])
    assert a["disclaimer"] and a["summary"]
    assert "assistant_answers_total" in api.get("/metrics").text


def test_ask_rejects_bad_input(api: TestClient) -> None:
    r = api.post("/v1/ask", json={"question": ""})
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"
    r = api.post("/v1/ask", json={"question": "产假" * 400})
    assert r.status_code == 422 and "500 字以内" in r.json()["message"]
    assert api.post("/v1/ask", json={"question": "x", "extra": 1}).status_code == 422


def test_chat_keeps_the_conversation(api: TestClient) -> None:
    first = api.post("/v1/chat", json={"message": "我在上海，产假有多少天"}).json()
    cid = first["conversation_id"]
    assert cid
    second = api.post("/v1/chat", json={"conversation_id": cid, "message": "那男方有陪产假吗"})
    assert second.status_code == 200 and second.json()["conversation_id"] == cid
    bad = api.post("/v1/chat", json={"conversation_id": "../../x", "message": "你好"})
    assert bad.status_code == 404 and bad.json()["code"] == "not_found"


def test_stream_sends_sources_first_and_joins_to_the_plain_answer(api: TestClient) -> None:
    plain = api.post("/v1/ask", json={"question": QUESTION})
    with api.stream("POST", "/v1/ask/stream", json={"question": QUESTION}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        body = "".join(r.iter_text())
    evs = sse_events(body)
    names = [e["event"] for e in evs]
    # The quoted articles first, then the conclusion, then the rest; each section once; a small done last.
    assert names[:2] == ["sources", "summary"] and names[-1] == "done", names
    assert len(names) == len(set(names)) and "token" not in names
    assert names[2:-1] == [n for n in ("body", "calculations", "cases", "next_steps", "documents", "notices")
                           if n in names]
    assert [e["id"] for e in evs] == [str(i) for i in range(1, len(evs) + 1)]
    assert any(c["id"] == "女职工劳动保护特别规定#5" and c["number"] == 5 for c in evs[0]["data"])
    done = evs[-1]["data"]
    assert not {"summary", "body", "citations", "next_steps", "documents"} & set(done)
    assert done["conversation_id"].startswith("c_") and done["citation_ids"]
    # Joined, the events are exactly the answer of /v1/ask (whose id is empty: it stores nothing).
    joined = assemble(evs)
    assert {**joined, "conversation_id": None} == plain.json()
    # `done` no longer repeats the answer: the stream is about as large as the plain answer.
    assert len(json.dumps(done, ensure_ascii=False)) < 600
    assert len(body.encode()) < 1.25 * len(plain.content)


def test_stream_pings_while_an_answer_is_slow(tmp_path: Path) -> None:
    class Slow:
        def new_conversation(self, owner: str = "local") -> str:
            return "c_" + "S" * 24

        def stream(self, question: str, **_: Any) -> Iterator[dict[str, Any]]:
            yield {"event": "summary", "data": "答"}
            time.sleep(0.6)  # the model thinks; pings keep proxies from closing the connection
            yield {"event": "done", "data": {"mode": "llm", "grounding": "high"}}

    settings = make_settings(tmp_path, api_auth=False, rate_limits=False, sse_ping_seconds=0.1)
    app = create_app(settings, runtime=shared_runtime(), answers=Slow())
    with TestClient(app) as c, c.stream("POST", "/v1/ask/stream", json={"question": "q"}) as r:
        body = "".join(r.iter_text())
    assert ": ping" in body
    assert [e["event"] for e in sse_events(body)] == ["summary", "done"]


def test_stream_bad_input_is_a_plain_error(api: TestClient) -> None:
    r = api.post("/v1/ask/stream", json={"question": "产假" * 400})
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"

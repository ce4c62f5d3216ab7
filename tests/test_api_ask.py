"""POST /v1/ask, /v1/chat and /v1/ask/stream with the real AnswerService on a BM25-only index."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from api_support import client
from fastapi.testclient import TestClient

answering = pytest.importorskip("assistant.answering")
if not hasattr(answering, "AnswerService"):
    pytest.skip("assistant.answering has no AnswerService yet", allow_module_level=True)

QUESTION = "怀孕了公司要给我降薪合法吗"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with client(
        tmp_path_factory.mktemp("ask-data"), with_answers=True, api_auth=False, rate_limits=False
    ) as c:
        yield c


def events(text: str) -> list[tuple[str, Any]]:
    """Parse an SSE body into (event, data) pairs."""
    out: list[tuple[str, Any]] = []
    for frame in text.strip().split("\n\n"):
        lines = frame.split("\n")
        name = next(line[7:] for line in lines if line.startswith("event: "))
        data = "\n".join(line[6:] for line in lines if line.startswith("data: "))
        out.append((name, json.loads(data)))
    return out


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


def test_stream(api: TestClient) -> None:
    with api.stream("POST", "/v1/ask/stream", json={"question": QUESTION}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        body = "".join(r.iter_text())
    evs = events(body)
    names = [n for n, _ in evs]
    assert names[-1] == "done" and "section" in names
    sections = [d["name"] for n, d in evs if n == "section"]
    assert "citations" in sections and "summary" in sections
    done = evs[-1][1]
    assert any(c["id"] == "女职工劳动保护特别规定#5" for c in done["citations"])


def test_stream_bad_input_is_a_plain_error(api: TestClient) -> None:
    r = api.post("/v1/ask/stream", json={"question": "产假" * 400})
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"

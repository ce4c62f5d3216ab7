"""The HTTP API on a real (BM25-only) index: auth, limits, errors, search, laws, documents, feedback."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import docx
import pytest
from api_support import client, make_settings
from db_dump import dump_database
from fastapi.testclient import TestClient
from sqlalchemy import update

from assistant.storage import Storage, open_storage, schema, utcnow
from assistant.storage.keys import KeyStore


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> dict[str, str]:
    """The storage backend every test of this module runs against: SQLite, then a real PostgreSQL."""
    if request.param == "sqlite":
        return {}
    from services import create_database

    return {"database_url": create_database(request.getfixturevalue("postgres_admin"), "api_suite")}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-data")


@pytest.fixture(scope="module")
def api(data_dir: Path, db: dict[str, str]) -> Iterator[TestClient]:
    with client(data_dir, rate_limits=False, **db) as c:
        yield c


@pytest.fixture(scope="module")
def storage(data_dir: Path, db: dict[str, str]) -> Storage:
    return open_storage(make_settings(data_dir, **db))


def keys(data_dir: Path, db: dict[str, str] | None = None) -> KeyStore:
    return open_storage(make_settings(data_dir, **(db or {}))).keys


@pytest.fixture(scope="module")
def key(storage: Storage) -> dict[str, str]:
    _, plain = storage.keys.create("测试")
    return {"X-API-Key": plain}


def test_health_ready_metrics(api: TestClient) -> None:
    assert api.get("/healthz").json() == {"status": "ok"}
    ready = api.get("/readyz").json()
    assert ready["mode"] == "bm25-only" and ready["records"] > 2000 and ready["status"] == "degraded"
    text = api.get("/metrics").text
    assert 'assistant_http_requests_total{method="GET",route="/healthz",status="200"}' in text
    assert "assistant_index_records" in text


def test_auth(api: TestClient, key: dict[str, str], storage: Storage) -> None:
    r = api.get("/v1/laws")
    assert r.status_code == 401
    assert r.json() == {"code": "unauthorized", "message": "缺少访问密钥：请在请求头 X-API-Key 中提供"}
    assert api.get("/v1/laws", headers={"X-API-Key": "ak_nope_nope"}).status_code == 401
    assert api.get("/v1/laws", headers=key).status_code == 200
    bearer = {"Authorization": "Bearer " + key["X-API-Key"]}
    assert api.get("/v1/laws", headers=bearer).status_code == 200
    store = storage.keys
    k, plain = store.create("将被吊销")
    assert api.get("/v1/laws", headers={"X-API-Key": plain}).status_code == 200
    store.revoke(k.id)
    r = api.get("/v1/laws", headers={"X-API-Key": plain})
    assert r.status_code == 401 and "吊销" in r.json()["message"]


def test_keys_are_stored_hashed(storage: Storage, key: dict[str, str]) -> None:
    secret = key["X-API-Key"].split("_", 2)[2]
    assert secret not in dump_database(storage) and "api_keys" in dump_database(storage)


def widget_token(api: TestClient, origin: str = "http://localhost:8000") -> str:
    r = api.post("/v1/widget/token", headers={"X-API-Key": "demo-widget-key", "Origin": origin})
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


def test_widget_key_only_from_allowed_origins(api: TestClient) -> None:
    w = {"X-API-Key": "demo-widget-key", "X-Widget-Token": widget_token(api)}
    assert api.get("/v1/documents", headers={**w, "Origin": "http://localhost:8000"}).status_code == 200
    assert (
        api.get("/v1/documents", headers={**w, "Origin": "http://testserver"}).status_code == 200
    )  # same origin
    assert api.get("/v1/documents", headers={**w, "Referer": "http://127.0.0.1:8000/page"}).status_code == 200
    r = api.get("/v1/documents", headers={**w, "Origin": "https://evil.example"})
    assert r.status_code == 401 and r.json()["message"] == "此网页来源未被允许使用问答组件"
    assert api.get("/v1/documents", headers=w).status_code == 401  # no origin at all


def test_cors_preflight(api: TestClient) -> None:
    ok = api.options(
        "/v1/ask/stream",
        headers={
            "Origin": "http://localhost:8000",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-api-key",
        },
    )
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "http://localhost:8000"
    bad = api.options(
        "/v1/ask/stream", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in bad.headers


def test_auth_can_be_disabled(tmp_path: Path) -> None:
    with client(tmp_path, api_auth=False) as c:
        assert c.get("/v1/laws").status_code == 200


def test_rate_limit_per_client(tmp_path: Path) -> None:
    with client(tmp_path, api_auth=False, address_limit="3/10 seconds") as c:
        codes = [c.get("/v1/documents").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = c.get("/v1/documents")
        assert r.json()["code"] == "rate_limited" and "秒后再试" in r.json()["message"]
        assert 1 <= int(r.headers["Retry-After"]) <= 10
        assert c.get("/healthz").status_code == 200  # health checks are never limited


def test_rate_limit_per_key(tmp_path: Path, db: dict[str, str]) -> None:
    with client(tmp_path, key_limit="2/minute", address_limit="1/minute", **db) as c:
        _, plain = keys(tmp_path, db).create("限流")
        h = {"X-API-Key": plain}
        assert [c.get("/v1/documents", headers=h).status_code for _ in range(3)] == [200, 200, 429]
        assert int(c.get("/v1/documents", headers=h).headers["Retry-After"]) >= 30


def test_body_limits(api: TestClient, key: dict[str, str]) -> None:
    big = b'{"helpful": true, "comment": "' + b"x" * 70_000 + b'"}'
    r = api.post("/v1/feedback", content=big, headers={**key, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.json() == {"code": "payload_too_large", "message": "请求内容过大，请控制在 64 KB 以内"}

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming in
        yield b'{"helpful": true, "comment": "'
        for _ in range(10):
            yield b"x" * 10_000
        yield b'"}'

    r = api.post("/v1/feedback", content=chunks(), headers={**key, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "payload_too_large"


def test_question_size(api: TestClient, key: dict[str, str]) -> None:
    r = api.get("/v1/search", params={"q": "产假" * 300}, headers=key)
    assert r.status_code == 422 and r.json() == {
        "code": "invalid_input",
        "message": "问题太长（600 字），请控制在 500 字以内",
    }
    r = api.get("/v1/search", params={"q": "产假" * 1001}, headers=key)
    assert r.status_code == 422 and "最多 2000 字" in r.json()["message"]


def test_validation_and_routing_errors(api: TestClient, key: dict[str, str]) -> None:
    r = api.get("/v1/search", params={"k": 0}, headers=key)
    assert r.status_code == 422
    body = r.json()
    assert (
        body["code"] == "invalid_input" and "「q」为必填项" in body["message"] and "「k」" in body["message"]
    )
    r = api.post("/v1/feedback", content=b"{not json", headers={**key, "Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"
    assert api.get("/v1/nothing", headers=key).json() == {
        "code": "not_found",
        "message": "没有这个接口或资源",
    }
    r = api.delete("/v1/laws", headers=key)
    assert r.status_code == 405 and r.json()["code"] == "method_not_allowed"


def test_search(api: TestClient, key: dict[str, str]) -> None:
    r = api.get("/v1/search", params={"q": "怀孕了公司要给我降薪合法吗", "k": 5}, headers=key)
    assert r.status_code == 200
    body = r.json()
    assert body["mode"] == "bm25-only" and len(body["hits"]) == 5
    ids = [h["id"] for h in body["hits"]]
    assert "女职工劳动保护特别规定#5" in ids
    art = next(h for h in body["hits"] if h["id"] == "女职工劳动保护特别规定#5")
    assert art["kind"] == "article" and art["label"] == "第五条" and "降低其工资" in art["text"]
    only = api.get("/v1/search", params={"q": "产假", "law": "劳动法", "k": 3}, headers=key).json()
    assert {h["law"] for h in only["hits"]} == {"劳动法"}
    local = api.get(
        "/v1/search", params={"q": "产假多少天", "region": "上海", "level": "地方性法规"}, headers=key
    ).json()
    assert local["region"] == "上海" and all(
        h["region"] == "上海" for h in local["hits"] if h["kind"] == "article"
    )
    exact = api.get("/v1/search", params={"q": "劳动合同法第四十二条"}, headers=key).json()
    assert exact["hits"][0]["id"] == "劳动合同法#42" and exact["hits"][0]["via"] == "exact"


def test_laws_and_articles(api: TestClient, key: dict[str, str]) -> None:
    laws = api.get("/v1/laws", headers=key).json()
    titles = {law["title"]: law for law in laws}
    assert titles["女职工劳动保护特别规定"]["articles"] == 16
    r = api.get("/v1/laws/女职工劳动保护特别规定/articles/5", headers=key).json()
    assert r["title"] == "《女职工劳动保护特别规定》第五条" and r["version"]
    alias = api.get("/v1/laws/中华人民共和国劳动合同法/articles/42", headers=key).json()
    assert alias["id"] == "劳动合同法#42"
    r = api.get("/v1/laws/劳动合同法/articles/999", headers=key)
    assert r.status_code == 404 and r.json() == {"code": "not_found", "message": "《劳动合同法》没有第999条"}
    assert api.get("/v1/laws/不存在的法/articles/1", headers=key).status_code == 404


def test_documents(api: TestClient, key: dict[str, str]) -> None:
    docs = api.get("/v1/documents", headers=key).json()
    assert len(docs) >= 16 and {"id", "title", "description"} <= set(docs[0])
    schema = api.get("/v1/documents/pregnancy_transfer_objection", headers=key).json()
    assert schema["title"] == "孕期调岗降薪异议书"
    fields = {f["name"]: f for f in schema["fields"]}
    assert fields["applicant_phone"]["type"] == "phone" and fields["applicant_name"]["required"]
    assert api.get("/v1/documents/nope", headers=key).status_code == 404
    assert api.get("/v1/documents/..%2Fetc", headers=key).status_code in (404, 422)


def test_render_document(api: TestClient, key: dict[str, str], storage: Storage) -> None:
    fields = {
        "applicant_name": "李娟",
        "applicant_phone": "13812345678",
        "employer_name": "某某纺织有限公司",
        "original_position": "质检员",
        "new_position": "保洁员",
        "notice_date": "2026-10-08",
        "requests": ["恢复原岗位"],
        "facts": "公司在我告知怀孕后把我调去做保洁并降薪。",
        "objection_date": datetime.now().date().isoformat(),
    }
    r = api.post("/v1/documents/pregnancy_transfer_objection/render", json={"fields": fields}, headers=key)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert r.headers["content-disposition"].startswith("attachment;")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert "李娟" in text and "保洁员" in text
    # Counted by template for the demand report; the field values are not stored anywhere.
    assert storage.documents.counts()["pregnancy_transfer_objection"] >= 1
    assert "李娟" not in dump_database(storage)
    bad = api.post(
        "/v1/documents/pregnancy_transfer_objection/render",
        json={"fields": {**fields, "applicant_phone": "99999", "applicant_name": ""}},
        headers=key,
    )
    assert bad.status_code == 422
    body = bad.json()
    assert body["code"] == "validation_failed"
    assert {"field": "applicant_name", "message": "「异议人姓名」为必填项"} in body["detail"]
    assert any(p["field"] == "applicant_phone" and "联系电话" in p["message"] for p in body["detail"])
    assert "99999" not in body["message"]


def test_feedback_is_redacted(api: TestClient, key: dict[str, str], storage: Storage) -> None:
    r = api.post(
        "/v1/feedback",
        headers=key,
        json={
            "helpful": False,
            "comment": "请联系我 138 1234 5678，身份证 11010119900307123X",
            "question": "我的电话13912345678，被辞退了",
        },
    )
    assert r.status_code == 201 and r.json()["stored"] is True
    row = storage.feedback.list(1)[0]
    assert row.helpful is False and "1234" not in row.comment and "[手机号]" in row.comment
    assert "[号码]" in row.comment and "13912345678" not in row.question
    assert row.client.startswith("key:")
    assert api.post("/v1/feedback", headers=key, json={"comment": "x"}).status_code == 422


def test_retention(storage: Storage) -> None:
    with storage.engine.begin() as conn:
        conn.execute(schema.feedback.delete())
    for _ in range(2):
        storage.feedback.add(helpful=True, comment="", question="", conversation_id=None, client="x")
    with storage.engine.begin() as conn:
        fb = schema.feedback
        first = min(f.id for f in storage.feedback.list())
        conn.execute(update(fb).where(fb.c.id == first).values(created_at=utcnow() - timedelta(days=40)))
    assert storage.purge(feedback_days=30, conversation_days=30) == 1
    assert len(storage.feedback.list()) == 1


def test_access_log_has_no_phone_numbers(
    api: TestClient, key: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="assistant.access"):
        api.get("/v1/search", params={"q": "我的手机13812345678身份证110101199003071234"}, headers=key)
        api.get("/v1/laws/13812345678/articles/1", headers=key)
    text = caplog.text
    assert "/v1/search" in text and "/v1/laws/[手机号]/articles/1" in text
    assert "13812345678" not in text and "110101199003071234" not in text and "testclient" not in text


def test_openapi(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    for path in (
        "/v1/ask",
        "/v1/chat",
        "/v1/ask/stream",
        "/v1/search",
        "/v1/laws",
        "/v1/laws/{law}/articles/{n}",
        "/v1/documents",
        "/v1/documents/{template_id}",
        "/v1/documents/{template_id}/render",
        "/v1/feedback",
        "/healthz",
        "/readyz",
        "/metrics",
    ):
        assert path in spec["paths"], path
    assert spec["components"]["schemas"]["AskRequest"]["examples"][0]["question"]


def test_widget_and_demo_page(api: TestClient) -> None:
    js = api.get("/widget.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert (
        ".innerHTML" not in js.text
        and "insertAdjacentHTML" not in js.text
        and "webkitSpeechRecognition" in js.text
        and "zh-CN" in js.text
    )
    page = api.get("/").text
    assert 'data-key="demo-widget-key"' in page and 'lang="zh-CN"' in page


def test_keys_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: dict[str, str]) -> None:
    from typer.testing import CliRunner

    from assistant.cli import app

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    if db:
        from services import create_database

        url = create_database(db["database_url"].rsplit("/", 1)[0] + "/postgres", "keys_cli")
        monkeypatch.setenv("ASSISTANT_DATABASE_URL", url)
        db = {"database_url": url}
    runner = CliRunner()
    created = runner.invoke(app, ["keys", "create", "--name", "工会App"])
    assert created.exit_code == 0, created.output
    plain = created.output.strip().splitlines()[-1]
    assert plain.startswith("ak_")
    listed = runner.invoke(app, ["keys", "list", "--json"])
    [row] = json.loads(listed.output)
    assert row["name"] == "工会App" and row["revoked_at"] is None and plain not in listed.output
    assert keys(tmp_path, db).verify(plain) is not None
    assert runner.invoke(app, ["keys", "revoke", row["id"]]).exit_code == 0
    assert keys(tmp_path, db).verify(plain) is None
    assert runner.invoke(app, ["keys", "revoke", "nope"]).exit_code != 0

"""Issue 16 item 4, point by point: one API a union-app developer can build on without surprises."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
from api_support import client, sse_events
from fastapi.testclient import TestClient

from assistant.answering import ANSWER_SCHEMA_VERSION, assemble
from assistant.api.schema import SCHEMA_FILE, schema_text
from assistant.corpus.statutes import PROVINCES

QUESTION = "怀孕了公司要给我降薪合法吗"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with client(tmp_path_factory.mktemp("consistency"), with_answers=True, rate_limits=False) as c:
        yield c


@pytest.fixture(scope="module")
def key(api: TestClient) -> dict[str, str]:
    _, plain = api.app.state.assistant.storage.keys.create("一致性")  # type: ignore[attr-defined]
    return {"X-API-Key": plain}


def _stream(api: TestClient, key: dict[str, str], body: dict[str, Any]) -> list[dict[str, Any]]:
    with api.stream("POST", "/v1/ask/stream", json=body, headers=key) as r:
        assert r.status_code == 200, r.read()
        return sse_events("".join(r.iter_text()))


# 1. The article number is `number` everywhere -------------------------------------------------------------
def test_the_article_number_has_one_name(api: TestClient, key: dict[str, str]) -> None:
    answer = api.post("/v1/ask", json={"question": QUESTION}, headers=key).json()
    sources = _stream(api, key, {"question": QUESTION})[0]["data"]
    hits = api.get("/v1/search", params={"q": "劳动合同法第四十二条"}, headers=key).json()["hits"]
    article = api.get("/v1/laws/劳动合同法/articles/42", headers=key).json()
    calc = api.get("/v1/calc/severance", params={"months_worked": 67, "monthly_wage": 8000}, headers=key).json()
    objects = [*answer["citations"], *sources, *[h for h in hits if h["kind"] == "article"], article,
               *calc["citations"]]
    assert len(objects) >= 5
    for obj in objects:
        assert "article" not in obj, obj
        assert obj["number"] == int(obj["id"].rsplit("#", 1)[1]), obj
    assert all("article" not in h and "number" in h for h in hits)  # cases and cards: number null


# 2. A citation's title is filled in /v1/ask as in the stream ---------------------------------------------
def test_citation_titles_are_filled_alike(api: TestClient, key: dict[str, str]) -> None:
    plain = api.post("/v1/ask", json={"question": QUESTION}, headers=key).json()["citations"]
    streamed = _stream(api, key, {"question": QUESTION})[0]["data"]
    assert plain and all(c["title"] == f"《{c['law']}》{c['label']}" for c in plain)
    assert [c["title"] for c in plain] == [c["title"] for c in streamed]


# 3. An unknown region is a 422 that lists the known regions ----------------------------------------------
@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/v1/ask", {"question": QUESTION, "region": "火星"}),
    ("POST", "/v1/chat", {"message": QUESTION, "region": "火星"}),
    ("POST", "/v1/ask/stream", {"question": QUESTION, "region": "火星"}),
    ("GET", "/v1/search", None),
])
def test_an_unknown_region_is_refused_with_the_known_ones(
        api: TestClient, key: dict[str, str], method: str, path: str, body: dict[str, Any] | None) -> None:
    if body is None:
        r = api.get(path, params={"q": "产假", "region": "火星"}, headers=key)
    else:
        r = api.request(method, path, json=body, headers=key)
    assert r.status_code == 422, r.text
    err = r.json()
    assert err["code"] == "invalid_input" and [d["field"] for d in err["detail"]] == ["region"]
    assert all(p in err["message"] for p in PROVINCES)


def test_known_regions_are_read_in_any_usual_form(api: TestClient, key: dict[str, str]) -> None:
    for written, region in (("上海市", "上海"), ("昆明", "云南"), ("广东省", "广东")):
        r = api.post("/v1/ask", json={"question": "产假有多少天", "region": written}, headers=key)
        assert r.status_code == 200 and r.json()["region"] == region, (written, r.text)
    r = api.get("/v1/search", params={"q": "产假", "region": "上海市"}, headers=key)
    assert r.status_code == 200 and r.json()["region"] == "上海"


# 4. /v1/search pages with offset, and a bad k states the range -------------------------------------------
def test_search_pages_through_one_ranking(api: TestClient, key: dict[str, str]) -> None:
    q = {"q": "怀孕被辞退怎么办"}
    whole = api.get("/v1/search", params={**q, "k": 20}, headers=key).json()
    first = api.get("/v1/search", params={**q, "k": 10}, headers=key).json()
    second = api.get("/v1/search", params={**q, "k": 10, "offset": first["next_offset"]}, headers=key).json()
    assert first["next_offset"] == 10 and (first["offset"], second["offset"]) == (0, 10)
    assert [h["id"] for h in first["hits"] + second["hits"]] == [h["id"] for h in whole["hits"]]
    assert [h["rank"] for h in second["hits"]] == list(range(11, 21))
    last = api.get("/v1/search", params={**q, "k": 10, "offset": 90}, headers=key).json()
    assert last["next_offset"] is None
    for bad in ({"k": 0}, {"k": 101}, {"k": "many"}):
        r = api.get("/v1/search", params={**q, **bad}, headers=key)
        assert r.status_code == 422
        assert r.json()["detail"] == [{"field": "k", "message": "查询参数「k」应为 1 到 100 之间的整数"}]
    r = api.get("/v1/search", params={**q, "offset": -1}, headers=key)
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "offset"
    assert "0 到 99" in r.json()["message"]


# 5. Article paths accept Chinese numerals ------------------------------------------------------------------
def test_article_paths_accept_chinese_numerals(api: TestClient, key: dict[str, str]) -> None:
    ids = {api.get(f"/v1/laws/劳动合同法/articles/{n}", headers=key).json()["id"]
           for n in ("42", "四十二", "第四十二条", "第42条", "４２")}
    assert ids == {"劳动合同法#42"}
    assert api.get("/v1/laws/民法典/articles/一千零一十", headers=key).json()["id"] == "民法典#1010"
    r = api.get("/v1/laws/劳动合同法/articles/第几条", headers=key)
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "n"
    r = api.get("/v1/laws/劳动合同法/articles/九百九十九", headers=key)
    assert r.status_code == 404 and r.json()["message"] == "《劳动合同法》没有第999条"


# 6. Every error detail entry names its field --------------------------------------------------------------
def test_error_details_name_their_fields(api: TestClient, key: dict[str, str]) -> None:
    cases: list[tuple[str, str, dict[str, Any], set[str]]] = [
        ("POST", "/v1/ask", {"json": {}}, {"question"}),
        ("POST", "/v1/ask", {"json": {"question": "x", "extra": 1}}, {"extra"}),
        ("POST", "/v1/chat", {"json": {"message": ""}}, {"message"}),
        ("POST", "/v1/feedback", {"json": {"helpful": "maybe", "rating": 9}}, {"helpful", "rating"}),
        ("GET", "/v1/search", {"params": {"k": 0}}, {"q", "k"}),
        ("GET", "/v1/laws/劳动合同法/articles/abc", {}, {"n"}),
        ("GET", "/v1/calc/severance", {"params": {"months_worked": "五年"}}, {"months_worked", "monthly_wage"}),
        ("POST", "/v1/documents/pregnancy_transfer_objection/render",
         {"json": {"fields": {"applicant_phone": "12345", "nope": "x"}}}, {"applicant_name", "applicant_phone", "nope"}),
        ("POST", "/v1/documents/labor_arbitration_application/render",
         {"json": {"fields": {"respondents": [{"what": 1}]}}}, {"respondents[0].what"}),
    ]
    for method, path, kwargs, expected in cases:
        r = api.request(method, path, headers=key, **kwargs)
        assert r.status_code == 422, (path, r.text)
        detail = r.json()["detail"]
        assert detail and all(d["field"] and d["message"] for d in detail), (path, detail)
        assert expected <= {d["field"] for d in detail}, (path, detail)


# 7. OpenAPI: the API-key security scheme and an example for every route -----------------------------------
def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _has_example(spec: dict[str, Any], content: dict[str, Any]) -> bool:
    for media in content.values():
        if "example" in media or "examples" in media:
            return True
        schema = _resolve(spec, media.get("schema", {}))
        if schema.get("type") == "array":
            schema = _resolve(spec, schema.get("items", {}))
        if "examples" in schema or "example" in schema:
            return True
    return False


def test_openapi_declares_the_key_and_an_example_for_every_route(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {"type": "apiKey", "in": "header", "name": "X-API-Key",
                                 "description": schemes["ApiKey"]["description"]}
    assert schemes["WidgetToken"]["name"] == "X-Widget-Token" and schemes["Bearer"]["scheme"] == "bearer"
    public = {"/healthz", "/readyz", "/metrics", "/v1/schema/answer"}
    missing: list[str] = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            where = f"{method.upper()} {path}"
            security = op.get("security")
            if path in public:
                assert not security, where
            elif path == "/v1/widget/token":
                assert security == [{"ApiKey": []}], where
            else:  # an app key alone, or the widget key together with its browser token
                assert security == [{"ApiKey": []}, {"Bearer": []}, {"ApiKey": [], "WidgetToken": []}], where
            for param in op.get("parameters", []):
                if not ("example" in param or "examples" in param or "examples" in param.get("schema", {})):
                    missing.append(f"{where} parameter {param['name']}")
            body = op.get("requestBody")
            if body and not _has_example(spec, body["content"]):
                missing.append(f"{where} request body")
            ok = next(code for code in op["responses"] if code.startswith("2"))
            content = op["responses"][ok].get("content")
            if ok != "204" and not (content and _has_example(spec, content)):
                missing.append(f"{where} response {ok}")
    assert missing == [], missing
    assert "swagger-ui" in api.get("/docs").text  # Swagger UI shows Authorize for the declared schemes


# 8. The answer's JSON Schema is published and versioned ----------------------------------------------------
def test_the_answer_schema_is_published_versioned_and_true(api: TestClient, key: dict[str, str]) -> None:
    r = api.get("/v1/schema/answer")  # public, like /openapi.json
    assert r.status_code == 200
    schema = r.json()
    assert schema["version"] == ANSWER_SCHEMA_VERSION and schema["$id"].endswith("/" + ANSWER_SCHEMA_VERSION)
    # The published file is the served schema (regenerate with scripts/write_answer_schema.py, bump the version).
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == schema, "docs/answer.schema.json is stale"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    validator = jsonschema_rs.Draft202012Validator({k: v for k, v in schema.items() if k != "version"})
    answers = [
        api.post("/v1/ask", json={"question": QUESTION}, headers=key).json(),
        api.post("/v1/chat", json={"message": "孩子不到一岁，每天有多长哺乳时间"}, headers=key).json(),
        api.post("/v1/ask", json={"question": "老公打我怎么办"}, headers=key).json(),
        assemble(_stream(api, key, {"question": "产假有多少天"})),
    ]
    for answer in answers:
        errors = [e.message for e in validator.iter_errors(answer)]
        assert errors == [], errors
        assert answer["schema_version"] == ANSWER_SCHEMA_VERSION
        assert set(answer) == set(schema["properties"])
    assert answers[1]["calculations"], "the calculations field is exercised"

"""The attack run's findings F1–F9 and the fairness points of issue 12, reproduced against the server.

Each test is the finding's reproduction: it failed on the server as it was (client-chosen conversation
ids, a second redactor, raw paths in logs and labels, loopback-trusted X-Forwarded-For, no headers…)
and passes now.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import answer_service, client, make_settings, shared_runtime, sse_events
from browser_support import live_server
from db_dump import dump_database
from fastapi.testclient import TestClient
from pii_samples import PROBES

from assistant.api import create_app
from assistant.api.logs import RedactingJsonFormatter
from assistant.storage import open_storage

WIDGET = {"X-API-Key": "demo-widget-key", "Origin": "http://localhost:8000"}
QUESTION = "怀孕了公司要给我降薪合法吗"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with client(tmp_path_factory.mktemp("sec"), with_answers=True, rate_limits=False) as c:
        yield c


def app_key(c: TestClient, name: str = "app") -> dict[str, str]:
    return {"X-API-Key": c.app.state.assistant.storage.keys.create(name)[1]}  # type: ignore[attr-defined]


def widget(c: TestClient) -> dict[str, str]:
    token = c.post("/v1/widget/token", headers=WIDGET).json()["token"]
    return {**WIDGET, "X-Widget-Token": token}


# -- F1: conversation ids are issued by the server and bound to their caller ----------------------------
def test_f1_conversation_ids_are_bound_to_the_caller(api: TestClient) -> None:
    alice, mallory = app_key(api, "alice"), app_key(api, "mallory")
    first = api.post("/v1/chat", json={"message": "我在上海，在某某纺织有限公司上班，产假有多少天"}, headers=alice).json()
    cid = first["conversation_id"]
    assert cid.startswith("c_") and len(cid) >= 26  # 144 random bits
    # Another key, the public widget (any browser) and a forged id all get 404, never her context.
    for headers in (mallory, widget(api)):
        for path, body in (("/v1/chat", {"message": "那我能拿多少", "conversation_id": cid}),
                           ("/v1/ask", {"question": "那我能拿多少", "conversation_id": cid})):
            r = api.post(path, json=body, headers=headers)
            assert r.status_code == 404 and r.json()["code"] == "not_found", r.text
            assert "上海" not in r.text and "纺织" not in r.text
        with api.stream("POST", "/v1/ask/stream", json={"question": "那呢", "conversation_id": cid},
                        headers=headers) as r:
            assert r.status_code == 404
        assert api.delete(f"/v1/conversations/{cid}", headers=headers).status_code == 404
    for forged in ("my-own-id", "c_" + "A" * 24, "../../x"):
        r = api.post("/v1/chat", json={"message": "你好", "conversation_id": forged}, headers=alice)
        assert r.status_code == 404 and r.json()["code"] == "not_found"
    # Nothing was appended by the others; she continues her own conversation.
    store = api.app.state.assistant.storage.conversations  # type: ignore[attr-defined]
    assert len(store.get(cid).turns) == 1
    again = api.post("/v1/chat", json={"message": "那陪产假呢", "conversation_id": cid}, headers=alice)
    assert again.status_code == 200 and again.json()["region"] == "上海"
    assert api.delete(f"/v1/conversations/{cid}", headers=alice).status_code == 204
    assert api.post("/v1/chat", json={"message": "还在吗", "conversation_id": cid}, headers=alice).status_code == 404


def test_f1_widget_browsers_are_apart(api: TestClient) -> None:
    one, two = widget(api), widget(api)
    with api.stream("POST", "/v1/ask/stream", json={"question": QUESTION}, headers=one) as r:
        body = "".join(r.iter_text())
    done = sse_events(body)[-1]["data"]
    cid = done["conversation_id"]
    assert cid and api.post("/v1/ask", json={"question": "那呢", "conversation_id": cid}, headers=one).status_code == 200
    assert api.post("/v1/ask", json={"question": "那呢", "conversation_id": cid}, headers=two).status_code == 404
    forged = {**WIDGET, "X-Widget-Token": one["X-Widget-Token"][:-2] + "xx"}
    r = api.post("/v1/ask", json={"question": QUESTION}, headers=forged)
    assert r.status_code == 401 and r.json()["code"] == "widget_token_invalid"
    assert api.post("/v1/ask", json={"question": QUESTION}, headers=WIDGET).status_code == 401  # no token at all


# -- F2: one redactor for feedback too (all eleven formats) -----------------------------------------------
def test_f2_feedback_is_redacted_like_everything_else(api: TestClient) -> None:
    text = "，".join(p for p, _ in PROBES)
    r = api.post("/v1/feedback", json={"helpful": False, "comment": text, "question": text}, headers=app_key(api))
    assert r.status_code == 201
    dump = dump_database(api.app.state.assistant.storage)  # type: ignore[attr-defined]
    for _, value in PROBES:
        assert value not in dump, value


# -- F3 and F6: the access log is JSON lines with redacted, escaped paths --------------------------------
@pytest.fixture()
def json_log() -> Iterator[io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(RedactingJsonFormatter("%(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("assistant.access")
    logger.addHandler(handler)
    old = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield out
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old)


def test_f3_paths_in_the_log_are_redacted(api: TestClient, json_log: io.StringIO) -> None:
    key = app_key(api)
    for probe, _ in PROBES:
        api.get(f"/v1/laws/{probe}/articles/1", headers=key)
    text = json_log.getvalue()
    assert text.count("\n") == len(PROBES)
    for _, value in PROBES:
        assert value not in text, value


def test_f6_a_newline_in_the_path_cannot_forge_a_line(api: TestClient, json_log: io.StringIO) -> None:
    api.get("/%0aINFO%20assistant.access:%20GET%20/admin%20200")
    api.get("/%0d%0a%7B%22level%22:%22INFO%22%7D")
    lines = json_log.getvalue().splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert records[0]["path"].startswith("/\\x0aINFO") and records[0]["status"] == 404
    assert records[1]["path"].startswith("/\\x0d\\x0a") and all(r["name"] == "assistant.access" for r in records)


# -- F4: no client-chosen value becomes a key, in conversations or in feedback ---------------------------
def test_f4_phone_number_as_conversation_id_is_refused(api: TestClient) -> None:
    key = app_key(api)
    r = api.post("/v1/chat", json={"message": "你好", "conversation_id": "13812345678"}, headers=key)
    assert r.status_code == 404
    r = api.post("/v1/feedback", json={"helpful": True, "conversation_id": "13812345678"}, headers=key)
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert "13812345678" not in dump_database(api.app.state.assistant.storage)  # type: ignore[attr-defined]


# -- F5: X-Forwarded-For only from trusted proxies; failed keys are throttled per address ----------------
def _hammer(url: str, headers: dict[str, str], n: int, forwarded: bool) -> list[int]:
    codes = []
    with httpx.Client(base_url=url, timeout=30) as h:
        token = h.post("/v1/widget/token", headers=headers).json()["token"]
        for i in range(n):
            extra = {"X-Forwarded-For": f"10.0.{i // 250}.{i % 250 + 1}"} if forwarded else {}
            # A fresh token per call as well: neither a forged address nor a new token gets around the limit.
            if i % 2:
                token = h.post("/v1/widget/token", headers={**headers, **extra}).json().get("token", token)
            codes.append(h.get("/v1/documents", headers={**headers, **extra, "X-Widget-Token": token}).status_code)
    return codes


def test_f5_forged_forwarded_for_does_not_dodge_the_limit(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, address_limit="5/minute", widget_token_limit="100/minute",
                             allowed_origins=["http://localhost:8000"])
    rt = shared_runtime()
    with live_server(settings, rt, None) as url:
        codes = _hammer(url, WIDGET, 8, forwarded=True)
    assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}


def test_f5_forwarded_for_is_believed_from_a_configured_proxy(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, address_limit="5/minute", widget_token_limit="100/minute",
                             trusted_proxies="127.0.0.1", allowed_origins=["http://localhost:8000"])
    with live_server(settings, shared_runtime(), None) as url:
        codes = _hammer(url, WIDGET, 8, forwarded=True)
    assert codes == [200] * 8  # eight different visitors behind the union's own reverse proxy


def test_f5_failed_keys_are_throttled_per_address(tmp_path: Path) -> None:
    with client(tmp_path, auth_failure_limit="10/minute") as c:
        codes = [c.get("/v1/laws", headers={"X-API-Key": f"ak_{i:06d}_guess"}).status_code for i in range(12)]
        assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]
        r = c.get("/v1/laws", headers={"X-API-Key": "ak_x_y"})
        assert r.status_code == 429 and "身份验证失败次数过多" in r.json()["message"]
        assert int(r.headers["Retry-After"]) >= 1 and r.headers["RateLimit-Remaining"] == "0"
        # Even the right key waits: the address is the one being throttled, not the key.
        good = app_key(c)
        assert c.get("/v1/laws", headers=good).status_code == 429


# -- F7: bounded metric labels ---------------------------------------------------------------------------
def test_f7_methods_and_paths_do_not_grow_metrics(api: TestClient) -> None:
    before = len(api.get("/metrics").text)
    for i in range(300):
        api.request(f"FOO{i}", f"/nothing/{i}")
        api.get(f"/v1/laws/{i}/articles/{i}")
    text = api.get("/metrics").text
    assert "FOO" not in text and "/nothing/" not in text and "/v1/laws/1/" not in text
    assert 'method="other",route="unmatched"' in text and 'route="/v1/laws/{law}/articles/{n}"' in text
    assert len(text) - before < 8_000


# -- F8: security headers, no server header, offline docs that can be turned off -------------------------
def test_f8_security_headers(api: TestClient) -> None:
    for path in ("/", "/v1/laws", "/healthz", "/nothing", "/docs", "/widget.js"):
        h = api.get(path).headers
        assert h["x-content-type-options"] == "nosniff", path
        assert h["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert "frame-ancestors 'none'" in h["content-security-policy"], path
    demo = api.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in demo and "unsafe-inline" not in demo and "unsafe-eval" not in demo


def test_f8_no_server_header_from_uvicorn(tmp_path: Path) -> None:
    with live_server(make_settings(tmp_path), shared_runtime(), None) as url:
        r = httpx.get(url + "/healthz")
    assert r.status_code == 200 and "server" not in r.headers and r.headers["x-content-type-options"] == "nosniff"


def test_f8_docs_work_offline_and_can_be_turned_off(api: TestClient, tmp_path: Path) -> None:
    page = api.get("/docs")
    assert page.status_code == 200 and "https://" not in page.text and "http://" not in page.text
    for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css"):
        r = api.get(asset)
        assert r.status_code == 200 and len(r.content) > 10_000, asset
    assert "'sha256-" in page.headers["content-security-policy"]
    with client(tmp_path, docs_enabled=False) as off:
        assert off.get("/docs").status_code == 404 and off.get("/openapi.json").status_code == 404
        assert off.get("/healthz").status_code == 200


# -- F9: private database files ----------------------------------------------------------------------------
def test_f9_database_files_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with client(data) as c:
        c.post("/v1/feedback", json={"helpful": True}, headers=app_key(c))
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    files = sorted(data.glob("assistant.sqlite3*"))
    assert files and {f.name for f in files} >= {"assistant.sqlite3"}
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f


# -- Fairness: an app key is limited per key only; RateLimit headers; streaming in the fair pool -----------
def test_app_key_is_not_capped_by_its_address(tmp_path: Path) -> None:
    with client(tmp_path) as c:  # the default limits
        key = app_key(c)
        started = time.monotonic()
        codes = [c.get("/v1/documents", headers=key) for _ in range(100)]
        assert time.monotonic() - started < 10
        assert {r.status_code for r in codes} == {200}
        last = codes[-1].headers
        assert last["RateLimit-Limit"] == "600" and last["RateLimit-Remaining"] == "500"
        assert 0 < int(last["RateLimit-Reset"]) <= 60


def test_rate_limit_headers_on_success_and_on_429(tmp_path: Path) -> None:
    with client(tmp_path, key_limit="3/minute") as c:
        key = app_key(c)
        rs = [c.get("/v1/documents", headers=key) for _ in range(4)]
        assert [r.status_code for r in rs] == [200, 200, 200, 429]
        assert [r.headers["RateLimit-Remaining"] for r in rs] == ["2", "1", "0", "0"]
        assert all(r.headers["RateLimit-Limit"] == "3" for r in rs)
        assert int(rs[3].headers["RateLimit-Reset"]) == int(rs[3].headers["Retry-After"]) >= 1


class _Probe:
    """A stand-in answer service that records how many answers run at once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.peak = 0

    def _work(self) -> None:
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        time.sleep(0.05)
        with self.lock:
            self.running -= 1

    def new_conversation(self, owner: str = "local") -> str:
        return "c_" + "Z" * 24

    def ask(self, question: str, **_: Any) -> dict[str, Any]:
        self._work()
        return {"question": question, "summary": "答", "disclaimer": "", "grounding": "high", "in_scope": True,
                "mode": "compose", "citations": [], "cases": [], "next_steps": [], "documents": []}

    def stream(self, question: str, **_: Any) -> Iterator[dict[str, Any]]:
        self._work()
        yield {"event": "sources", "data": []}
        yield {"event": "summary", "data": "答"}  # ends a turn in the pool
        self._work()
        yield {"event": "done", "data": {"mode": "compose", "grounding": "high"}}


def test_stream_answers_in_the_same_fair_pool(tmp_path: Path) -> None:
    probe = _Probe()
    settings = make_settings(tmp_path, api_auth=False, rate_limits=False, answer_threads=1)
    app = create_app(settings, runtime=shared_runtime(), answers=probe)

    async def run() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as h:
            calls = [h.post("/v1/ask/stream", json={"question": "q"}) for _ in range(6)]
            calls += [h.post("/v1/ask", json={"question": "q"}) for _ in range(6)]
            rs = await asyncio.gather(*calls)
        assert {r.status_code for r in rs} == {200}

    with TestClient(app):  # the lifespan builds the pool
        asyncio.run(run())
    assert probe.peak == 1  # streamed answers queued with the plain ones: never two at once


def test_storage_is_shared_by_every_sink(api: TestClient) -> None:
    state = api.app.state.assistant  # type: ignore[attr-defined]
    assert state.answers.store is state.storage.conversations
    assert open_storage(make_settings(Path(state.settings.data_dir))) is state.storage
    assert answer_service is not None


def test_f9_a_shared_sticky_folder_is_left_alone(tmp_path: Path) -> None:
    from assistant.storage import private_sqlite_file

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: narrowing it would lock every other user out
    private_sqlite_file(shared / "assistant.sqlite3")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "assistant.sqlite3").stat().st_mode) == 0o600
    own = tmp_path / "own"
    own.mkdir(mode=0o755)
    private_sqlite_file(own / "assistant.sqlite3")
    assert stat.S_IMODE(own.stat().st_mode) == 0o700

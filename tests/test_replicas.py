"""Stateless replicas: limits shared through a real Redis, and two `assistant serve` processes on one
PostgreSQL and one Redis (a conversation continues across them, a revoked key is refused by both, one
shared rate limit, feedback from both stored once)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from api_support import client, make_settings
from db_dump import dump_database
from process_support import base_env, replicas
from services import redis_server

from assistant.storage import open_storage


def test_limits_are_shared_through_redis(tmp_path: Path, redis_url: str) -> None:
    storage = open_storage(make_settings(tmp_path))
    _, key = storage.keys.create("共享限流")
    h = {"X-API-Key": key}
    with client(tmp_path, redis_url=redis_url, key_limit="5/minute") as a, \
            client(tmp_path, redis_url=redis_url, key_limit="5/minute") as b:
        a.app.state.assistant.limits.reset()  # type: ignore[attr-defined]
        codes = [(a if i % 2 else b).get("/v1/documents", headers=h).status_code for i in range(8)]
        assert codes == [200] * 5 + [429] * 3
        assert a.get("/readyz").json()["limits"] == "redis"


def test_redis_down_is_a_clear_503(tmp_path: Path) -> None:
    with redis_server() as url:
        pass  # started and stopped: nothing listens on that port any more
    with client(tmp_path, redis_url=url) as c:
        _, key = c.app.state.assistant.storage.keys.create("x")  # type: ignore[attr-defined]
        r = c.get("/v1/documents", headers={"X-API-Key": key})
        assert r.status_code == 503 and r.json()["code"] == "storage_error" and "限流存储" in r.json()["message"]
        ready = c.get("/readyz")
        assert ready.status_code == 503 and "Redis" in ready.json()["degraded"]


@pytest.fixture()
def cluster(tmp_path: Path, postgres_url: str, redis_url: str) -> dict[str, str]:
    return {"ASSISTANT_DATABASE_URL": postgres_url, "ASSISTANT_REDIS_URL": redis_url,
            "ASSISTANT_KEY_LIMIT": "12/minute"}


def test_two_replicas(tmp_path: Path, cluster: dict[str, str], redis_url: str) -> None:
    import redis

    redis.from_url(redis_url).flushdb()
    settings = make_settings(tmp_path, database_url=cluster["ASSISTANT_DATABASE_URL"])
    storage = open_storage(settings)
    kept, kept_plain = storage.keys.create("工会App")
    doomed, doomed_plain = storage.keys.create("将被吊销")
    env = base_env(tmp_path / "data", **cluster)
    with replicas(env, tmp_path, 2) as (a, b), httpx.Client(timeout=60) as h:
        ready = [h.get(u + "/readyz").json() for u in (a, b)]
        assert ready[0]["index_fingerprint"] == ready[1]["index_fingerprint"] != ""
        assert ready[0]["corpus_version"] == ready[1]["corpus_version"] and ready[0]["storage"] == "postgresql"
        key = {"X-API-Key": kept_plain}

        # A conversation started on one replica continues on the other (calls 1-3 of the key's 12).
        first = h.post(a + "/v1/chat", json={"message": "我在上海，产假有多少天"}, headers=key).json()
        cid = first["conversation_id"]
        second = h.post(b + "/v1/chat", json={"message": "那陪产假呢", "conversation_id": cid}, headers=key)
        assert second.status_code == 200 and second.json()["region"] == "上海"
        third = h.post(a + "/v1/chat", json={"message": "我还能拿多少生育津贴", "conversation_id": cid}, headers=key)
        assert third.status_code == 200
        assert [t.idx for t in storage.conversations.turns_since() if t.conversation_id == cid] == [0, 1, 2]
        # A widget token issued by one replica is honoured by the other (the secret lives in the database).
        w = {"X-API-Key": "demo-widget-key", "Origin": "http://127.0.0.1:8000"}
        token = h.post(a + "/v1/widget/token", headers=w).json()["token"]
        assert h.get(b + "/v1/documents", headers={**w, "X-Widget-Token": token}).status_code == 200

        # A revoked key is refused by both at once.
        doomed_h = {"X-API-Key": doomed_plain}
        assert [h.get(u + "/v1/laws", headers=doomed_h).status_code for u in (a, b)] == [200, 200]
        storage.keys.revoke(doomed.id)
        assert [h.get(u + "/v1/laws", headers=doomed_h).status_code for u in (a, b)] == [401, 401]

        # Feedback from both is stored once each (calls 4-5).
        for u, word in ((a, "甲"), (b, "乙")):
            assert h.post(u + "/v1/feedback", json={"helpful": False, "comment": word, "conversation_id": cid},
                          headers=key).status_code == 201
        rows = [f for f in storage.feedback.list() if f.conversation_id == cid]
        assert sorted(f.comment for f in rows) == ["乙", "甲"]

        # One shared limit: 12 per minute for the key over both replicas (5 spent above).
        codes = [h.get((a, b)[i % 2] + "/v1/documents", headers=key).status_code for i in range(10)]
        assert codes == [200] * 7 + [429] * 3
        last = h.get(b + "/v1/documents", headers=key)
        assert last.status_code == 429 and last.headers["RateLimit-Limit"] == "12"
    assert kept.id in dump_database(storage)

"""Key scopes and GET /v1/admin/stats, on SQLite and a real PostgreSQL: only an admin-scoped key reads the
statistics (403 forbidden for any other key, the widget included), existing keys keep today's rights after
migration 0003, and the answer is the report's own figures with no personal data in any field."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from api_support import client, make_settings
from demand_month import generate
from fastapi.testclient import TestClient
from pii_samples import PROBES
from sqlalchemy import insert, text
from typer.testing import CliRunner

from assistant.errors import InvalidInputError
from assistant.reporting.demand import build_demand_report, report_json
from assistant.storage import Storage, make_engine, open_storage, schema
from assistant.storage.migrate import _config

WIDGET = {"X-API-Key": "demo-widget-key", "Origin": "http://localhost:8000"}
AT = datetime(2026, 11, 18, 6, tzinfo=UTC)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest) -> dict[str, str]:
    if request.param == "sqlite":
        return {}
    from services import create_database

    return {"database_url": create_database(request.getfixturevalue("postgres_admin"), "admin_stats")}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("admin-data")


@pytest.fixture(scope="module")
def storage(data_dir: Path, db: dict[str, str]) -> Storage:
    store = open_storage(make_settings(data_dir, **db))
    month = generate(store, conversations=400, seed=11, start=date(2026, 11, 1))
    assert month.planted.values
    return store


@pytest.fixture(scope="module")
def api(data_dir: Path, db: dict[str, str], storage: Storage) -> Iterator[TestClient]:
    with client(data_dir, rate_limits=False, **db) as c:
        yield c


def _key(storage: Storage, *scopes: str) -> dict[str, str]:
    return {"X-API-Key": storage.keys.create("管理后台", list(scopes))[1]}


def test_only_an_admin_key_reads_the_statistics(api: TestClient, storage: Storage) -> None:
    params = {"since": "2026-11-01", "until": "2026年11月30日"}
    assert api.get("/v1/admin/stats", params=params).status_code == 401
    r = api.get("/v1/admin/stats", params=params, headers=_key(storage, "ask"))
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden" and "admin" in r.json()["message"]
    token = api.post("/v1/widget/token", headers=WIDGET).json()["token"]
    widget = api.get("/v1/admin/stats", params=params, headers={**WIDGET, "X-Widget-Token": token})
    assert widget.status_code == 403 and widget.json()["code"] == "forbidden"
    admin = _key(storage, "admin")
    ok = api.get("/v1/admin/stats", params={**params, "top": 3}, headers=admin)
    assert ok.status_code == 200, ok.text
    settings = api.app.state.settings.model_copy(update={"report_top": 3})  # type: ignore[attr-defined]
    body = ok.json()
    expected = report_json(build_demand_report(storage, settings, since=date(2026, 11, 1), until=date(2026, 11, 30)))
    body["window"].pop("generated_at"), expected["window"].pop("generated_at")
    assert body == expected and body["totals"]["conversations"] == 400
    assert len(body["low_grounding"]["rows"]) == 3 and body["low_grounding"]["more"] >= 1 and body["privacy"]["k"] == 5
    # An admin-only key is for the admin screens: it does not ask questions.
    assert api.get("/v1/documents", headers=admin).status_code == 403
    both = _key(storage, "ask", "admin")
    assert api.get("/v1/documents", headers=both).status_code == 200
    assert api.get("/v1/admin/stats", headers=both).status_code == 200


def test_bad_parameters_are_explained(api: TestClient, storage: Storage) -> None:
    admin = _key(storage, "admin")
    for params, words in (({"since": "2026年13月1日"}, "不存在"), ({"since": "明年某天"}, "无法识别"),
                          ({"region": "火星"}, "无法识别地区"), ({"since": "2026-12-01", "until": "2026-11-01"}, "晚于")):
        r = api.get("/v1/admin/stats", params=params, headers=admin)
        assert r.status_code == 422 and r.json()["code"] == "invalid_input" and words in r.json()["message"], r.text


def test_no_personal_data_in_the_answer(api: TestClient, storage: Storage) -> None:
    admin = _key(storage, "admin")
    raw = "，".join(p for p, _ in PROBES) + "，公司不给我交社保怎么办"
    with storage.engine.begin() as conn:  # raw legacy rows, in enough conversations to be shown
        for i in range(5):
            cid = f"c_adminprobe{i:013d}"
            conn.execute(insert(schema.conversations).values(
                id=cid, owner="local", created_at=AT, updated_at=AT, region=raw[:40]))
            conn.execute(insert(schema.turns).values(
                conversation_id=cid, idx=0, created_at=AT, question=raw, summary="", topic=raw[:200],
                grounding="low", region=raw[:40], in_scope=True))
    r = api.get("/v1/admin/stats", params={"since": "2026-11-01", "until": "2026-11-30"}, headers=admin)
    assert r.status_code == 200 and "公司不给我交社保怎么办" in r.text
    blob = json.dumps(r.json(), ensure_ascii=False)
    for _, value in PROBES:
        assert value not in blob and value.replace("-", "") not in blob


def test_keyless_demo_never_opens_the_statistics(tmp_path: Path) -> None:
    with client(tmp_path, api_auth=False) as c:
        assert c.get("/v1/documents").status_code == 200  # the local demo answers without a key
        assert c.get("/v1/admin/stats").status_code == 401
        storage = c.app.state.assistant.storage  # type: ignore[attr-defined]
        assert c.get("/v1/admin/stats", headers=_key(storage, "ask")).status_code == 403
        assert c.get("/v1/admin/stats", headers=_key(storage, "admin")).status_code == 200


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return request.getfixturevalue("postgres_url").replace("postgresql://", "postgresql+psycopg://")


def test_existing_keys_keep_their_rights_but_not_admin(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        command.upgrade(_config(conn), "0002")
    with engine.begin() as conn:  # a key issued before scopes existed
        conn.execute(text("INSERT INTO api_keys (id, name, salt, hash, created_at) VALUES "
                          "('old1', '旧App', 's', :h, CURRENT_TIMESTAMP)"),
                     {"h": hashlib.sha256(b"s:secret").hexdigest()})
    storage = Storage(engine)  # migrates to head (0003)
    old = storage.keys.verify("ak_old1_secret")
    assert old is not None and old.scopes == ("ask",)
    assert [k.scopes for k in storage.keys.list()] == [("ask",)]
    new, plain = storage.keys.create("管理", ["admin", "ask", "ADMIN"])
    assert new.scopes == ("ask", "admin") and storage.keys.verify(plain).scopes == ("ask", "admin")  # type: ignore[union-attr]
    with pytest.raises(InvalidInputError, match="未知的权限范围"):
        storage.keys.create("x", ["root"])
    with pytest.raises(InvalidInputError):
        storage.keys.create("x", [])


def test_keys_cli_scopes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.cli import app, run

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    made = runner.invoke(app, ["keys", "create", "--name", "工会后台", "--scope", "admin"])
    assert made.exit_code == 0, made.output
    assert "权限：admin" in made.output
    plain = made.output.strip().splitlines()[-1]
    assert runner.invoke(app, ["keys", "create", "--name", "工会App"]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["keys", "list", "--json"]).output)
    assert [r["scopes"] for r in rows] == [["admin"], ["ask"]]
    assert open_storage(make_settings(tmp_path)).keys.verify(plain).scopes == ("admin",)  # type: ignore[union-attr]
    assert run(["keys", "create", "--name", "x", "--scope", "root"]) == 2

"""The storage layer on SQLite and a real PostgreSQL: migrations, legacy files, a too-new schema, concurrency,
and a read-only index folder at serve time."""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from api_support import client, make_settings
from sqlalchemy import text

from assistant.errors import StorageError
from assistant.storage import Storage, make_engine, open_storage, schema
from assistant.storage.migrate import current_revision, head_revision


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return request.getfixturevalue("postgres_url").replace("postgresql://", "postgresql+psycopg://")


def test_migrations_build_exactly_the_schema(url: str) -> None:
    storage = Storage(make_engine(url))
    assert current_revision(storage.engine) == head_revision() == storage.revision
    with storage.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []
    Storage(storage.engine)  # a second start is a no-op


def test_a_newer_schema_is_refused(url: str, tmp_path: Path) -> None:
    storage = Storage(make_engine(url))
    with storage.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageError) as err:
        Storage(make_engine(url))
    assert "比当前程序新" in err.value.message and "newer than this code" in err.value.message


def test_the_cli_says_so_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli import run

    storage = open_storage(make_settings(tmp_path))
    with storage.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("assistant.storage._OPEN", {})
    assert run(["keys", "list"]) == 1
    assert "比当前程序新" in capsys.readouterr().err


def test_a_legacy_file_keeps_its_keys_and_feedback(tmp_path: Path) -> None:
    path = tmp_path / "assistant.sqlite3"
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, salt TEXT NOT NULL, hash TEXT NOT NULL,
                               created_at TEXT NOT NULL, revoked_at TEXT);
        CREATE TABLE api_feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, helpful INTEGER NOT NULL,
                                   comment TEXT NOT NULL, question TEXT NOT NULL, conversation_id TEXT, client TEXT NOT NULL);
        CREATE TABLE conversations (id TEXT PRIMARY KEY, created REAL NOT NULL, updated REAL NOT NULL, region TEXT,
                                    topic TEXT, query TEXT, known TEXT NOT NULL DEFAULT '{}');
        CREATE TABLE turns (conversation_id TEXT NOT NULL, idx INTEGER NOT NULL, created REAL NOT NULL,
                            question TEXT NOT NULL, summary TEXT NOT NULL, PRIMARY KEY (conversation_id, idx));
        INSERT INTO conversations VALUES ('13812345678', 0, 0, '上海', NULL, NULL, '{}');
        INSERT INTO api_feedback VALUES (1, '2026-11-01T10:00:00+00:00', 0, '没用', '产假', '13812345678', 'key:x');
    """)
    # A key made by the old code: ak_<id>_<secret>, stored as sha256(salt:secret).
    import hashlib

    con.execute("INSERT INTO api_keys VALUES ('abc123', '旧App', 's', ?, '2026-10-01T00:00:00+00:00', NULL)",
                (hashlib.sha256(b"s:secret").hexdigest(),))
    con.commit()
    con.close()
    storage = Storage(make_engine(f"sqlite:///{path}"))
    assert storage.keys.verify("ak_abc123_secret") is not None
    [fb] = storage.feedback.list()
    assert fb.comment == "没用" and fb.conversation_id is None and fb.created_at.year == 2026
    with storage.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM conversations")).scalar_one() == 0


def test_concurrent_turns_get_consecutive_numbers(url: str) -> None:
    store = Storage(make_engine(url)).conversations
    cid = store.create("local")
    errors: list[Exception] = []

    def work(n: int) -> None:
        try:
            for i in range(5):
                store.append(cid, f"问题{n}-{i}", "答", region=None, topic=None, query=None)
        except Exception as exc:  # collected: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(t.idx for t in store.turns_since()) == list(range(20))


@pytest.fixture()
def index_writes(tmp_path: Path) -> Iterator[list[str]]:
    from api_support import shared_runtime

    folder = str(make_settings(tmp_path).index_dir)
    shared_runtime()  # built before watching: building is the index job's work, not the server's
    writes: list[str] = []
    active = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if not active[0] or not args:
            return
        path = str(args[0])
        if not path.startswith(folder):
            return
        if event == "open" and len(args) > 1 and isinstance(args[1], str) and any(c in args[1] for c in "wax+"):
            writes.append(f"open {path} {args[1]}")
        elif event in {"os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.chmod", "shutil.rmtree", "os.truncate"}:
            writes.append(f"{event} {path}")

    sys.addaudithook(hook)  # cannot be removed: switched off below instead
    yield writes
    active[0] = False


def test_serving_never_writes_into_the_index_folder(tmp_path: Path, index_writes: list[str]) -> None:
    from assistant.runtime import open_runtime

    settings = make_settings(tmp_path, index_auto_build=False)
    open_runtime(settings)  # what a replica does at start, on the mounted folder
    with client(tmp_path, with_answers=True, api_auth=False, index_auto_build=False) as c:
        assert c.post("/v1/ask", json={"question": "产假有多少天"}).status_code == 200
        assert c.get("/v1/search", params={"q": "哺乳时间"}).status_code == 200
        ready = c.get("/readyz").json()
        assert len(ready["index_fingerprint"]) == 16 and len(ready["corpus_version"]) == 16
        assert ready["storage"] == "sqlite" and ready["limits"] == "memory" and ready["schema_revision"]
    assert index_writes == []

"""Conversations: owned, server-issued ids, redaction before storage, follow-ups carrying region and topic, retention."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from _answer_fixtures import service
from sqlalchemy import update

from assistant.errors import NotFoundError
from assistant.storage import Storage, make_engine, schema, utcnow


def _storage(tmp_path: Path) -> Storage:
    return Storage(make_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}"))


def test_store_redacts_before_writing(tmp_path: Path) -> None:
    svc = service(tmp_path)
    cid = svc.new_conversation()
    svc.ask("我电话13912345678，身份证11010519491231002X，怀孕了被辞退怎么办", conversation_id=cid)
    raw = sqlite3.connect(svc.settings.conversations_db).execute("SELECT question, grounding, in_scope FROM turns").fetchall()
    dump = repr(raw)
    assert "13912345678" not in dump and "11010519491231002X" not in dump and "[手机号]" in dump
    assert raw[0][1] in ("high", "medium", "low") and raw[0][2] == 1


def test_ids_are_issued_and_bound_to_their_owner(tmp_path: Path) -> None:
    store = _storage(tmp_path).conversations
    cid = store.create("key:a")
    assert cid.startswith("c_") and len(cid) == 26 and cid != store.create("key:a")
    store.append(cid, "问题", "回答", region="上海", topic=None, query="问题", owner="key:a")
    assert store.get(cid, owner="key:a").region == "上海"
    for bad_owner, bad_id in (("key:b", cid), ("key:a", "c_" + "A" * 24), ("key:a", "13812345678"), ("key:a", "")):
        with pytest.raises(NotFoundError):
            store.get(bad_id, owner=bad_owner)
    with pytest.raises(NotFoundError):  # nobody can append to an id the server never issued
        store.append("c_" + "B" * 24, "问题", "回答", region=None, topic=None, query=None)
    with pytest.raises(NotFoundError):
        store.append(cid, "问题", "回答", region=None, topic=None, query=None, owner="widget:x")
    assert not store.delete(cid, owner="key:b") and store.delete(cid, owner="key:a")


def test_follow_up_carries_region_and_topic(tmp_path: Path) -> None:
    svc = service(tmp_path)
    cid = svc.new_conversation()
    first = svc.ask("产假有多少天", conversation_id=cid)
    assert first.in_scope and first.region is None
    second = svc.ask("我在昆明", conversation_id=cid)
    assert second.in_scope and second.region == "云南"
    assert any(c.id.startswith("女职工劳动保护特别规定#7") for c in second.citations)
    assert any("云南省女职工劳动保护特别规定" in n for n in second.notices)
    third = svc.ask("那产检呢？", conversation_id=cid)
    assert third.in_scope and third.region == "云南"


def test_follow_up_about_another_topic(tmp_path: Path) -> None:
    svc = service(tmp_path)
    cid = svc.new_conversation()
    svc.ask("上海的陪产假有几天", conversation_id=cid)
    answer = svc.ask("那产假呢？", conversation_id=cid)
    assert answer.in_scope and answer.region == "上海"
    assert any(c.region == "上海" for c in answer.citations)
    assert "98" in answer.summary or any("九十八天" in c.text for c in answer.citations)


def test_purge_older_than(tmp_path: Path) -> None:
    storage = _storage(tmp_path)
    store = storage.conversations
    old, new = store.create("local"), store.create("local")
    store.append(old, "问题", "回答", region=None, topic=None, query="问题")
    store.append(new, "问题", "回答", region="上海", topic="产假", query="问题")
    with storage.engine.begin() as conn:
        c = schema.conversations
        conn.execute(update(c).where(c.c.id == old).values(updated_at=utcnow() - timedelta(days=40)))
    assert store.purge_older_than(30) == 1
    with pytest.raises(NotFoundError):
        store.get(old)
    assert store.get(new).region == "上海" and len(store.turns_since()) == 1

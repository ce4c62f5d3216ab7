"""Conversations: redaction before storage, follow-ups carrying region and topic, retention."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from _answer_fixtures import service

from assistant.answering.conversations import ConversationStore
from assistant.answering.redact import redact


def test_redact_personal_data() -> None:
    text = ("我叫王小红，手机13812345678，身份证110101199003071234，银行卡6222 0212 3456 7890 123，"
            "邮箱 wang.xh@example.com，微信号 wxh_2024abc，座机 010-62345678")
    out = redact(text)
    for secret in ("王小红", "13812345678", "110101199003071234", "6222 0212 3456 7890 123", "wang.xh@example.com",
                   "wxh_2024abc", "62345678"):
        assert secret not in out
    for tag in ("[姓名]", "[手机号]", "[身份证号]", "[银行卡号]", "[邮箱]", "[账号]", "[电话]"):
        assert tag in out
    # Hotlines, amounts and dates are not personal data.
    assert redact("拨打12351，欠我8000元，2024年3月入职") == "拨打12351，欠我8000元，2024年3月入职"


def test_store_redacts_before_writing(tmp_path: Path) -> None:
    svc = service(tmp_path)
    cid = svc.new_conversation()
    svc.ask("我电话13912345678，身份证44030119900307123X，怀孕了被辞退怎么办", conversation_id=cid)
    raw = sqlite3.connect(svc.settings.conversations_db).execute("SELECT question FROM turns").fetchall()
    dump = repr(raw)
    assert "13912345678" not in dump and "44030119900307123X" not in dump and "[手机号]" in dump


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
    store = ConversationStore(tmp_path / "c.sqlite3")
    store.append("old", "问题", "回答", region=None, topic=None, query="问题")
    store.append("new", "问题", "回答", region="上海", topic="产假", query="问题")
    con = sqlite3.connect(tmp_path / "c.sqlite3")
    con.execute("UPDATE conversations SET updated = ? WHERE id = 'old'", (time.time() - 40 * 86400,))
    con.commit()
    assert store.purge_older_than(30) == 1
    assert store.get("old").turns == () and store.get("new").region == "上海"
    assert store.delete("new") and not store.delete("new")

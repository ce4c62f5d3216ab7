"""The database schema (SQLAlchemy Core), the same on SQLite and PostgreSQL; migrations mirror it.

Planned for the union's demand report as well as for serving: every turn keeps its (redacted)
question, topic, grounding, region, scope and safety flags and time; feedback keeps its rating and
comment; generated documents are counted by template id (never their field values).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("salt", String(64), nullable=False),
    Column("hash", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    # Space-separated rights ("ask", "admin"); keys made before scopes existed hold "ask": today's rights.
    Column("scopes", String(200), nullable=False, server_default="ask"),
)

conversations = Table(
    "conversations",
    metadata,
    Column("id", String(64), primary_key=True),
    # Who may read or continue it: "key:<id>", "widget:<browser id>" or "local" (the CLI).
    Column("owner", String(80), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("region", String(40)),
    Column("topic", String(200)),
    Column("query", Text),
    Column("known", Text, nullable=False, server_default="{}"),
    Index("conversations_updated", "updated_at"),
)

turns = Table(
    "turns",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(64), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("question", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("topic", String(200)),
    Column("grounding", String(20)),
    Column("region", String(40)),
    Column("in_scope", Boolean),
    Column("safety", Boolean, nullable=False, server_default="0"),
    Column("mode", String(20)),
    UniqueConstraint("conversation_id", "idx", name="turns_conversation_idx"),
    Index("turns_created", "created_at"),
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("helpful", Boolean, nullable=False),
    Column("rating", SmallInteger),
    Column("comment", Text, nullable=False, server_default=""),
    Column("question", Text, nullable=False, server_default=""),
    Column("conversation_id", String(64), ForeignKey("conversations.id", ondelete="SET NULL")),
    Column("client", String(80), nullable=False),
    Index("feedback_created", "created_at"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("template_id", String(80), nullable=False),
    Column("client", String(80), nullable=False),
    Index("documents_created", "created_at"),
)

app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Lawyers' verdicts on evaluated answers: one per question and exact answer (hash of summary, body and
# citations); a changed answer finds only older verdicts and is shown as stale (待复核).
review_verdicts = Table(
    "review_verdicts",
    metadata,
    Column("question_key", Text, nullable=False),
    Column("answer_hash", String(64), nullable=False),
    Column("verdict", String(20), nullable=False),
    Column("comment", Text, nullable=False, server_default=""),
    Column("reviewer", String(200), nullable=False, server_default=""),
    Column("reviewed_at", String(40), nullable=False),
    Column("question_id", String(200), nullable=False, server_default=""),
    UniqueConstraint("question_key", "answer_hash", name="review_verdicts_answer"),
)

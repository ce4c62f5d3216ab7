"""Initial schema: keys, owned conversations and their turns, feedback, documents, secrets.

A database written by the pre-migration code (no alembic_version) keeps its API keys and feedback;
its conversations are dropped because their ids were chosen by clients and have no owner.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _ts(column: str) -> str:
    # Legacy rows hold ISO strings (2026-11-01T10:00:00+00:00); SQLAlchemy's SQLite format has a space.
    return f"replace(substr({column}, 1, 19), 'T', ' ')"


def upgrade() -> None:
    """Create every table (adopting the legacy api_keys and api_feedback tables when present)."""
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    legacy_keys = "api_keys" in existing
    if legacy_keys:
        op.rename_table("api_keys", "legacy_api_keys")
    for name in ("turns", "conversations"):
        if name in existing:
            op.drop_table(name)
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(128), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("revoked_at", TZ),
    )
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("owner", sa.String(80), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("region", sa.String(40)),
        sa.Column("topic", sa.String(200)),
        sa.Column("query", sa.Text),
        sa.Column("known", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_index("conversations_updated", "conversations", ["updated_at"])
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "conversation_id", sa.String(64), sa.ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("topic", sa.String(200)),
        sa.Column("grounding", sa.String(20)),
        sa.Column("region", sa.String(40)),
        sa.Column("in_scope", sa.Boolean),
        sa.Column("safety", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("mode", sa.String(20)),
        sa.UniqueConstraint("conversation_id", "idx", name="turns_conversation_idx"),
    )
    op.create_index("turns_created", "turns", ["created_at"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("helpful", sa.Boolean, nullable=False),
        sa.Column("rating", sa.SmallInteger),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("question", sa.Text, nullable=False, server_default=""),
        sa.Column("conversation_id", sa.String(64), sa.ForeignKey("conversations.id", ondelete="SET NULL")),
        sa.Column("client", sa.String(80), nullable=False),
    )
    op.create_index("feedback_created", "feedback", ["created_at"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("template_id", sa.String(80), nullable=False),
        sa.Column("client", sa.String(80), nullable=False),
    )
    op.create_index("documents_created", "documents", ["created_at"])
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    if legacy_keys:
        op.execute(
            "INSERT INTO api_keys (id, name, salt, hash, created_at, revoked_at)"
            f" SELECT id, name, salt, hash, {_ts('created_at')}, {_ts('revoked_at')} FROM legacy_api_keys"
        )
        op.drop_table("legacy_api_keys")
    if "api_feedback" in existing:
        op.execute(
            "INSERT INTO feedback (created_at, helpful, comment, question, client)"
            f" SELECT {_ts('created_at')}, helpful, comment, question, client FROM api_feedback"
        )
        op.drop_table("api_feedback")


def downgrade() -> None:
    """Drop every table."""
    for name in ("app_secrets", "documents", "feedback", "turns", "conversations", "api_keys"):
        op.drop_table(name)

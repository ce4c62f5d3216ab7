"""API keys gain scopes: every existing key keeps today's rights (`ask`), none gains `admin`.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add api_keys.scopes, filled with "ask" for the keys already issued."""
    # A NOT NULL column with a default is a plain ALTER TABLE ADD COLUMN on SQLite and PostgreSQL alike.
    op.add_column("api_keys", sa.Column("scopes", sa.String(200), nullable=False, server_default="ask"))


def downgrade() -> None:
    """Drop api_keys.scopes (every key then has every right again, as before 0003)."""
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("scopes")

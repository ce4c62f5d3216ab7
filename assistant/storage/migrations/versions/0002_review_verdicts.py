"""Lawyers' verdicts on evaluated answers (the review loop of `assistant eval review`).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the review_verdicts table."""
    op.create_table(
        "review_verdicts",
        sa.Column("question_key", sa.Text, nullable=False),
        sa.Column("answer_hash", sa.String(64), nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("reviewer", sa.String(200), nullable=False, server_default=""),
        sa.Column("reviewed_at", sa.String(40), nullable=False),
        sa.Column("question_id", sa.String(200), nullable=False, server_default=""),
        sa.UniqueConstraint("question_key", "answer_hash", name="review_verdicts_answer"),
    )


def downgrade() -> None:
    """Drop the review_verdicts table."""
    op.drop_table("review_verdicts")

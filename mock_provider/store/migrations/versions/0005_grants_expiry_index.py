"""Release 2026.12: an index on ``grants.expires_at``, so expired grants are swept by index in small batches
instead of a full table scan before every insert (100k grants made every login 3.7x slower).

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_index("ix_grants_expires_at", "grants", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_grants_expires_at", table_name="grants")

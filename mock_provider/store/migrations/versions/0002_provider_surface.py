"""Authorize/login/code-flow state: test users, and a ``family`` on grants so a reused code can revoke
everything issued from it (RFC 6749 §4.1.2).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "test_users",
        sa.Column("nnin", sa.String(11), primary_key=True),
        sa.Column("bankid_altsub", sa.String(40), nullable=False, unique=True),
        sa.Column("given_name", sa.String(200), nullable=False),
        sa.Column("family_name", sa.String(200), nullable=False),
        sa.Column("birthdate", sa.String(10), nullable=False),
        sa.Column("outcome", sa.String(40)),
        sa.Column("error_codes", sa.String(100)),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    with op.batch_alter_table("grants") as batch:
        batch.add_column(sa.Column("family", sa.String(300)))
        batch.create_index("ix_grants_family", ["family"])


def downgrade() -> None:
    with op.batch_alter_table("grants") as batch:
        batch.drop_index("ix_grants_family")
        batch.drop_column("family")
    op.drop_table("test_users")

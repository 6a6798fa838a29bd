"""Initial schema: CA, signing keys, clients, used assertions, grants.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "certificate_authorities",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("key_pem", sa.Text, nullable=False),
        sa.Column("cert_pem", sa.Text, nullable=False),
    )
    op.create_table(
        "signing_keys",
        sa.Column("kid", sa.String(100), primary_key=True),
        sa.Column("realm", sa.String(50), nullable=False, index=True),
        sa.Column("use", sa.String(10), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("alg", sa.String(20), nullable=False),
        sa.Column("private_pem", sa.Text, nullable=False),
        sa.Column("cert_chain_pem", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "clients",
        sa.Column("client_id", sa.String(200), primary_key=True),
        sa.Column("realm", sa.String(50), nullable=False, index=True),
        sa.Column("secret_hash", sa.String(200)),
        sa.Column("secret_sealed", sa.Text),
        sa.Column("config_json", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_table(
        "used_assertions",
        sa.Column("jti", sa.String(300), primary_key=True),
        sa.Column("client_id", sa.String(200), nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )
    op.create_table(
        "grants",
        sa.Column("handle", sa.String(300), primary_key=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("client_id", sa.String(200), nullable=False),
        sa.Column("realm", sa.String(50), nullable=False),
        sa.Column("payload_json", sa.Text, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("consumed_at", sa.Float),
    )


def downgrade() -> None:
    for table in ("grants", "used_assertions", "clients", "signing_keys", "certificate_authorities"):
        op.drop_table(table)

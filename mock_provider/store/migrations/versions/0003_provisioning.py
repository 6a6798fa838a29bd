"""Provisioning requests, merchant CAs and merchant certificates (RA orders, uploads, shared) [S1][S61].

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "merchant_authorities",
        sa.Column("environment", sa.String(20), primary_key=True),
        sa.Column("key_pem", sa.Text, nullable=False),
        sa.Column("cert_pem", sa.Text, nullable=False),
    )
    op.create_table(
        "merchant_certificates",
        sa.Column("certificate_id", sa.String(64), primary_key=True),
        sa.Column("environment", sa.String(20), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("client_id", sa.String(200), index=True),
        sa.Column("organisation_name", sa.String(200), nullable=False),
        sa.Column("organisation_number", sa.String(20), nullable=False),
        sa.Column("common_name", sa.String(200), nullable=False),
        sa.Column("validity_days", sa.Integer, nullable=False),
        sa.Column("key_pem", sa.Text),
        sa.Column("cert_pem", sa.Text),
        sa.Column("ordered_at", sa.Float, nullable=False),
        sa.Column("activated_at", sa.Float),
    )
    op.create_table(
        "provisioning_requests",
        sa.Column("request_id", sa.String(64), primary_key=True),
        sa.Column("environment", sa.String(20), nullable=False),
        sa.Column("client_id", sa.String(200), nullable=False, index=True),
        sa.Column("request_json", sa.Text, nullable=False),
        sa.Column("submitted_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for table in ("provisioning_requests", "merchant_certificates", "merchant_authorities"):
        op.drop_table(table)

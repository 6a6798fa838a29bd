"""Table definitions. The migrations in ``migrations/versions`` are the source of truth for the schema;
these objects mirror them for queries and must be changed together with a new migration.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

certificate_authorities = sa.Table(
    "certificate_authorities",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("key_pem", sa.Text, nullable=False),
    sa.Column("cert_pem", sa.Text, nullable=False),
)

signing_keys = sa.Table(
    "signing_keys",
    metadata,
    sa.Column("kid", sa.String(100), primary_key=True),
    sa.Column("realm", sa.String(50), nullable=False, index=True),
    sa.Column("use", sa.String(10), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("alg", sa.String(20), nullable=False),
    sa.Column("private_pem", sa.Text, nullable=False),
    sa.Column("cert_chain_pem", sa.Text, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

clients = sa.Table(
    "clients",
    metadata,
    sa.Column("client_id", sa.String(200), primary_key=True),
    sa.Column("realm", sa.String(50), nullable=False, index=True),
    sa.Column("secret_hash", sa.String(200)),
    sa.Column("secret_sealed", sa.Text),
    sa.Column("config_json", sa.Text, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

# Migration 0007: the secret a rotation replaced, valid until ``expires_at`` (quirk rotated-secret=grace).
rotated_client_secrets = sa.Table(
    "rotated_client_secrets",
    metadata,
    sa.Column("client_id", sa.String(200), primary_key=True),
    sa.Column("secret_hash", sa.String(200), nullable=False),
    sa.Column("secret_sealed", sa.Text),
    sa.Column("rotated_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
)

used_assertions = sa.Table(
    "used_assertions",
    metadata,
    sa.Column("jti", sa.String(300), primary_key=True),
    sa.Column("client_id", sa.String(200), nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
)

grants = sa.Table(
    "grants",
    metadata,
    sa.Column("handle", sa.String(300), primary_key=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("client_id", sa.String(200), nullable=False),
    sa.Column("realm", sa.String(50), nullable=False),
    sa.Column("payload_json", sa.Text, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False, index=True),  # 0005
    sa.Column("consumed_at", sa.Float),
    sa.Column("family", sa.String(300), index=True),
)

test_users = sa.Table(
    "test_users",
    metadata,
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

# Provisioning and the RA (migrations 0003 and 0004).

merchant_authorities = sa.Table(
    "merchant_authorities",
    metadata,
    sa.Column("environment", sa.String(20), primary_key=True),
    sa.Column("key_pem", sa.Text, nullable=False),
    sa.Column("cert_pem", sa.Text, nullable=False),
)

merchant_certificates = sa.Table(
    "merchant_certificates",
    metadata,
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
    # 0006: one shared certificate per environment, so concurrent first uses cannot create two.
    sa.Index(
        "ux_merchant_certificates_shared",
        "environment",
        unique=True,
        sqlite_where=sa.text("source = 'shared'"),
        postgresql_where=sa.text("source = 'shared'"),
    ),
)

provisioning_requests = sa.Table(
    "provisioning_requests",
    metadata,
    sa.Column("request_id", sa.String(64), primary_key=True),
    sa.Column("environment", sa.String(20), nullable=False),
    sa.Column("client_id", sa.String(200), nullable=False, index=True),
    sa.Column("request_json", sa.Text, nullable=False),
    sa.Column("submitted_at", sa.Float, nullable=False),
    sa.Column("provisioned_by", sa.String(200), nullable=False),  # 0004
)

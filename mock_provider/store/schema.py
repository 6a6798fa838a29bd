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
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("consumed_at", sa.Float),
)

"""Release 2026.12: a client's rotated secret, kept (hashed) until its grace period ends.

Keycloak's client-secret rotation policy (ClientSecretRotationExecutor) keeps the replaced secret valid for its
``rotated-expiration-period``; the quirk ``rotated-secret=grace`` shows that behaviour. One row per client at
most (Keycloak keeps one rotated secret), never the secret itself: its salted hash, and a sealed copy only for
a client that uses client_secret_jwt. A new table rather than columns on ``clients``, so reading a client on
every request is unchanged and a store at an older revision simply has no rotated secrets.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.create_table(
        "rotated_client_secrets",
        sa.Column("client_id", sa.String(200), primary_key=True),
        sa.Column("secret_hash", sa.String(200), nullable=False),
        sa.Column("secret_sealed", sa.Text),
        sa.Column("rotated_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("rotated_client_secrets")

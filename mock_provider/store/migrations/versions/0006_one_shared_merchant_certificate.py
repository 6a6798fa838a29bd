"""Release 2026.12: at most one shared BankID merchant certificate per environment, as a partial unique index.

Concurrent first uses could each create one (a read, then an insert), so a store may already hold several: the
upgrade keeps the one the provider has been showing (the earliest activated; ``provisioning.certificates``) and
deletes the others, and an order never activated (it has no certificate), before adding the index. No client
row points at a shared certificate, so nothing else changes.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
INDEX = "ux_merchant_certificates_shared"
SHARED = "source = 'shared'"

_certificates = sa.table(
    "merchant_certificates",
    sa.column("certificate_id", sa.String),
    sa.column("environment", sa.String),
    sa.column("source", sa.String),
    sa.column("status", sa.String),
    sa.column("ordered_at", sa.Float),
)


def surplus(rows: list[tuple[str, str, str, float]]) -> list[str]:
    """The ids to delete from ``(certificate_id, environment, status, ordered_at)`` of shared rows: all but the
    earliest activated row of each environment."""
    kept: dict[str, str] = {}
    for certificate_id, environment, status, _ in sorted(rows, key=lambda r: (r[3], r[0])):
        if status == "activated":
            kept.setdefault(environment, certificate_id)
    return [row[0] for row in rows if kept.get(row[1]) != row[0]]


def upgrade() -> None:
    table = _certificates
    connection = op.get_bind()
    query = sa.select(table.c.certificate_id, table.c.environment, table.c.status, table.c.ordered_at)
    rows = [tuple(row) for row in connection.execute(query.where(table.c.source == "shared"))]
    doomed = surplus(rows)
    if doomed:
        connection.execute(sa.delete(table).where(table.c.certificate_id.in_(doomed)))
    op.create_index(
        INDEX,
        "merchant_certificates",
        ["environment"],
        unique=True,
        sqlite_where=sa.text(SHARED),
        postgresql_where=sa.text(SHARED),
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="merchant_certificates")

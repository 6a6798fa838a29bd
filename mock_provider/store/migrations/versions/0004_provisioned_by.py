"""Release 2026.12: who provisioned each client ("partner:<name>" or "service-desk") becomes a column.

Earlier releases kept it only inside ``request_json``; this release reads it back out for every existing row
(a data migration, not just a schema change), so client configurations survive the upgrade intact [S1].

Revision ID: 0004
Revises: 0003
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"

_requests = sa.table(
    "provisioning_requests",
    sa.column("request_id", sa.String),
    sa.column("request_json", sa.Text),
    sa.column("provisioned_by", sa.String),
)


def provisioned_by(request_json: str) -> str:
    """The same derivation the service uses for new requests (``mock_provider.provisioning.records``)."""
    data = json.loads(request_json)
    if str(data.get("channel", "")).lower() == "service-desk":
        return "service-desk"
    partner = data.get("partner") if isinstance(data.get("partner"), dict) else {}
    return f"partner:{partner.get('name') or 'unknown'}"


def upgrade() -> None:
    with op.batch_alter_table("provisioning_requests") as batch:
        batch.add_column(sa.Column("provisioned_by", sa.String(200)))
    connection = op.get_bind()
    rows = connection.execute(sa.select(_requests.c.request_id, _requests.c.request_json)).all()
    for request_id, request_json in rows:
        connection.execute(
            sa.update(_requests)
            .where(_requests.c.request_id == request_id)
            .values(provisioned_by=provisioned_by(request_json))
        )
    with op.batch_alter_table("provisioning_requests") as batch:
        batch.alter_column("provisioned_by", existing_type=sa.String(200), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("provisioning_requests") as batch:
        batch.drop_column("provisioned_by")

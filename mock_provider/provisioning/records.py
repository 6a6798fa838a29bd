"""The provisioning requests BankID received, kept so a client's origin survives restarts and releases [S1].

Passwords and the ``.bid`` itself are never stored with the request: the certificate is installed separately
(``certificates``) and the request keeps only the fact that one was attached.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from bankid_provisioning import Channel, Environment, ProvisioningRequest
from mock_provider.provider import Provider
from mock_provider.store import schema

TABLE = schema.provisioning_requests
# Release 2026.12 (migration 0004) made provisioned_by a column; an older schema keeps it only in the JSON.
PROVISIONED_BY_REVISION = "0004"


@dataclass(frozen=True)
class RequestRecord:
    client_id: str
    environment: Environment
    submitted_at: float
    provisioned_by: str


def provisioned_by(request: ProvisioningRequest) -> str:
    """ "partner:<name>" or "service-desk": the channel the request came through [S1]."""
    if request.channel is Channel.SERVICE_DESK:
        return "service-desk"
    name = request.partner.name if request.partner is not None else None
    return f"partner:{name or 'unknown'}"


def record(
    provider: Provider, connection: sa.Connection, request: ProvisioningRequest, client_id: str, body: Mapping[str, Any]
) -> None:
    """Write the request inside the caller's transaction (the one that creates the client)."""
    assert request.environment is not None
    values: dict[str, object] = {
        "request_id": uuid.uuid4().hex,
        "environment": request.environment.value,
        "client_id": client_id,
        "request_json": json.dumps(_without_secrets(body), sort_keys=True),
        "submitted_at": provider.now(),
    }
    revision = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    if str(revision or "") >= PROVISIONED_BY_REVISION:
        values["provisioned_by"] = provisioned_by(request)
    connection.execute(sa.insert(TABLE).values(values))


def latest(provider: Provider, client_id: str) -> RequestRecord | None:
    columns = [TABLE.c.client_id, TABLE.c.environment, TABLE.c.submitted_at, TABLE.c.request_json]
    if _has_provisioned_by(provider):
        columns.append(TABLE.c.provisioned_by)
    query = sa.select(*columns).where(TABLE.c.client_id == client_id).order_by(TABLE.c.submitted_at.desc())
    with provider.store.begin() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    by = row._mapping.get("provisioned_by") or _provisioned_by_from_json(str(row.request_json))
    return RequestRecord(str(row.client_id), Environment(str(row.environment)), float(row.submitted_at), str(by))


def _has_provisioned_by(provider: Provider) -> bool:
    return (provider.store.revision() or "") >= PROVISIONED_BY_REVISION


def _provisioned_by_from_json(text: str) -> str:
    data = json.loads(text)
    if str(data.get("channel", "")).lower() == Channel.SERVICE_DESK.value:
        return "service-desk"
    partner = data.get("partner") if isinstance(data.get("partner"), dict) else {}
    return f"partner:{partner.get('name') or 'unknown'}"


def _without_secrets(body: Mapping[str, Any]) -> dict[str, Any]:
    kept = copy.deepcopy(dict(body))
    certificate = kept.get("merchant_certificate")
    if isinstance(certificate, dict):
        attached = certificate.pop("bid_base64", None) is not None
        certificate.pop("bid_password", None)
        certificate["bid_attached"] = attached
    return kept

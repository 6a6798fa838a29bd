"""Provisioning a client: validate with ``bankid_provisioning``, then issue credentials [S1][S6].

"Provisioning results in security credentials being issued to the requesting party. The client must use these
credentials to authenticate with selected endpoints of the REST API of the OIDC Provider." [S1] The client
exists in its environment's realm only ("The provisioning process is separate for each supported
environment" [S1]) and its secret is shown once, stored only as a hash.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from bankid_provisioning import (
    CertificateKind,
    Environment,
    Policy,
    ProvisioningRequest,
    Report,
    client_id_for,
    validate_request,
)
from mock_provider.clients import ClientRecord, rotation
from mock_provider.clients.secrets import generate_secret
from mock_provider.config import ClientConfig
from mock_provider.provider import Provider
from mock_provider.provisioning import certificates, records
from mock_provider.ra.authority import merchant_ca

SECRET_METHODS = ("client_secret_basic", "client_secret_post")


class RejectedError(ValueError):
    """The request failed validation; ``report`` holds every error."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{len(report.errors)} problem(s)")
        self.report = report


class AlreadyProvisionedError(ValueError):
    """A client with this client_id exists already (in this or the other realm)."""


@dataclass(frozen=True)
class Provisioned:
    client: ClientConfig
    secret: str | None
    report: Report


def provision(provider: Provider, environment: Environment, body: Mapping[str, Any]) -> Provisioned:
    report = judge(provider, environment, body)
    if not report.ok:
        raise RejectedError(report)
    request = report.request
    client_id = client_id_for(request.client_name, environment) if request.client_name else _generated_id()
    if any(provider.clients.get(client_id, realm) for realm in provider.realms):
        raise AlreadyProvisionedError(client_id)  # the cheap answer; the insert below is the real guard
    certificate = None
    if request.merchant_certificate.kind is CertificateKind.DEDICATED:
        certificate = certificates.dedicated_row(provider, request, client_id)
    cn = None if certificate is None else str(certificate["common_name"])
    client = client_config(request, client_id, merchant_certificate_cn=cn)
    secret = None if client.token_endpoint_auth_methods == ("private_key_jwt",) else generate_secret()
    try:
        # One transaction, the client row first: a crash leaves no client without its provisioning record
        # (it would show as seeded), and of two concurrent requests for one name exactly one wins.
        with provider.store.begin() as connection:
            provider.clients.insert_new(connection, client, secret=secret)
            if certificate is not None:
                certificates.insert(connection, certificate)
            records.record(provider, connection, request, client_id, body)
    except sa.exc.IntegrityError:
        raise AlreadyProvisionedError(client_id) from None
    return Provisioned(client, secret, report)


def judge(provider: Provider, environment: Environment, body: Mapping[str, Any]) -> Report:
    """The library's verdict, with the path's environment filled in and the mock's own CA as trust anchor."""
    data = dict(body)
    data.setdefault("environment", environment.value)
    now = dt.datetime.fromtimestamp(provider.now(), dt.UTC)
    policy = Policy(
        now=now,
        trust_anchors=(merchant_ca(provider, Environment.CURRENT).certificate,),
        newer_items_required=provider.config.quirks.newer_provisioning_items_required,
        environments=environments(provider),
    )
    report = validate_request(data, policy=policy)
    if report.request.environment not in (None, environment):
        mismatch = f"is {report.request.environment.value} but this request was sent to {environment.value}"
        report = _with_error(report, "environment", f"{mismatch} (one environment per request) [S1]")
    return report


def environments(provider: Provider) -> tuple[Environment, ...]:
    """The environments this provider provisions: one per realm (PREPROD only under the quirk preprod=offered)."""
    return tuple(Environment(realm.upper()) for realm in provider.realms)


def _generated_id() -> str:
    """The client_id of a client whose request names none (quirk newer-provisioning-items=optional). How BankID
    names one is not documented; Keycloak, asked for a client without a clientId, uses the client's generated
    internal id, a random UUID (JpaRealmProvider.addClient: ``if (clientId == null) clientId = id``)."""
    return str(uuid.uuid4())


def _with_error(report: Report, field: str, message: str) -> Report:
    from bankid_provisioning import ProvisioningError

    return dataclasses.replace(report, errors=(*report.errors, ProvisioningError(field, message)))


def client_config(request: ProvisioningRequest, client_id: str, *, merchant_certificate_cn: str | None) -> ClientConfig:
    assert request.environment is not None and request.display_name is not None
    method = request.client_auth_method
    return ClientConfig(
        client_id=client_id,
        realm=request.environment.realm,
        redirect_uris=request.redirect_uris,
        scopes=request.scopes,
        display_name=request.display_name,
        token_endpoint_auth_methods=SECRET_METHODS if method in SECRET_METHODS else (method,),
        grant_types=request.flows,
        jwks=request.jwks,
        jwks_uri=request.jwks_uri,
        nnin_eligible=request.nnin.requested,
        bis_enabled=request.bis_enabled,
        merchant_certificate_cn=merchant_certificate_cn,
    )


def rotate_secret(provider: Provider, record: ClientRecord) -> tuple[str, float | None]:
    """A new secret replaces the old, which stops working at once or after the quirk's grace period
    (``clients.rotation``); returns the new secret and when the old one stops working (``None``: already)."""
    secret = generate_secret()
    grace = provider.config.quirks.rotated_secret_grace_seconds
    return secret, rotation.rotate(provider.clients, record, secret, grace=grace)


def register_jwks(
    provider: Provider, record: ClientRecord, jwks: Mapping[str, object] | None, uri: str | None
) -> ClientConfig:
    """The separate request that grants private_key_jwt: register or replace the public keys [S27]."""
    methods = record.config.token_endpoint_auth_methods
    if "private_key_jwt" not in methods:
        methods = (*methods, "private_key_jwt")
    client = dataclasses.replace(record.config, jwks=jwks, jwks_uri=uri, token_endpoint_auth_methods=methods)
    provider.clients.save(client)
    return client


def set_enabled(provider: Provider, record: ClientRecord, enabled: bool) -> ClientConfig:
    client = dataclasses.replace(record.config, enabled=enabled)
    provider.clients.save(client)
    return client

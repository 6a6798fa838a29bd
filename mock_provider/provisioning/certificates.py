"""Merchant certificates as the provider hosts them for clients [S1].

"OIDC Clients [...] will by default use a shared BankID merchant certificate already hosted by the OIDC
Provider unless a dedicated BankID merchant certificate is requested." "BankID will be responsible for
installation, hosting and management of the dedicated certificate on behalf of the requesting party." [S1]
CURRENT: the uploaded ``.bid`` is installed. PROD: BankID Norge orders and activates it itself [S1].
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization

from bankid_provisioning import (
    PRESET_PASSWORD,
    Environment,
    MerchantSubject,
    ProvisioningRequest,
    complete_organisation_number,
    read_bid,
)
from mock_provider.keys.authority import private_key_pem
from mock_provider.provider import Provider
from mock_provider.ra import orders
from mock_provider.store import schema

TABLE = schema.merchant_certificates
INSTALLED = "installed"
BANKID_ORGANISATION = MerchantSubject("BankID Norge AS", complete_organisation_number("98000000") or "", "")


def install_dedicated(provider: Provider, request: ProvisioningRequest, client_id: str) -> orders.MerchantCertificate:
    assert request.environment is not None
    if request.environment is Environment.CURRENT:
        certificate_id = _install_upload(provider, request, client_id)
    else:
        certificate_id = _order_for_prod(provider, request, client_id)
    found = orders.find(provider, certificate_id)
    assert found is not None
    return found


def _install_upload(provider: Provider, request: ProvisioningRequest, client_id: str) -> str:
    """Install the attached ``.bid``: the key and certificate BankID now hosts for this client [S1]."""
    bid = request.merchant_certificate.bid
    assert bid is not None
    keystore = read_bid(bid, PRESET_PASSWORD)
    subject = MerchantSubject(str(request.organisation.name), str(request.organisation.number), keystore.common_name)
    certificate_id = uuid.uuid4().hex
    with provider.store.begin() as connection:
        connection.execute(
            sa.insert(TABLE).values(
                certificate_id=certificate_id,
                environment=Environment.CURRENT.value,
                source="upload",
                status=INSTALLED,
                client_id=client_id,
                organisation_name=subject.organisation_name,
                organisation_number=subject.organisation_number,
                common_name=subject.common_name,
                validity_days=(keystore.not_after - keystore.certificate.not_valid_before_utc).days,
                key_pem=private_key_pem(keystore.key),  # type: ignore[arg-type]
                cert_pem=keystore.certificate.public_bytes(serialization.Encoding.PEM).decode(),
                ordered_at=provider.now(),
                activated_at=provider.now(),
            )
        )
    return certificate_id


def _order_for_prod(provider: Provider, request: ProvisioningRequest, client_id: str) -> str:
    """BankID Norge orders, activates and installs a PROD certificate from org number, name and CN [S1]."""
    subject = MerchantSubject(
        str(request.organisation.name),
        str(request.organisation.number),
        str(request.merchant_certificate.common_name),
    )
    order = orders.create_order(provider, subject, environment=Environment.PROD, source="bankid-order")
    orders.activate(provider, order.certificate_id)
    _assign(provider, order.certificate_id, client_id)
    return order.certificate_id


def _assign(provider: Provider, certificate_id: str, client_id: str) -> None:
    with provider.store.begin() as connection:
        connection.execute(
            sa.update(TABLE)
            .where(TABLE.c.certificate_id == certificate_id)
            .values(client_id=client_id, status=INSTALLED)
        )


def installed_for(provider: Provider, client_id: str) -> orders.MerchantCertificate | None:
    query = sa.select(TABLE).where(TABLE.c.client_id == client_id).order_by(TABLE.c.ordered_at.desc())
    with provider.store.begin() as connection:
        row = connection.execute(query).first()
    return None if row is None else orders.from_row(row)


def shared(provider: Provider, environment: Environment) -> orders.MerchantCertificate:
    """The shared certificate the provider hosts, created on first use with the configured CN [S1]."""
    query = (
        sa.select(TABLE)
        .where(TABLE.c.source == "shared", TABLE.c.environment == environment.value)
        .order_by(TABLE.c.ordered_at, TABLE.c.certificate_id)
    )
    with provider.store.begin() as connection:
        row = connection.execute(query).first()
    if row is not None:
        return orders.from_row(row)
    subject = MerchantSubject(
        BANKID_ORGANISATION.organisation_name,
        BANKID_ORGANISATION.organisation_number,
        provider.config.shared_merchant_certificate_cn,
    )
    order = orders.create_order(provider, subject, environment=environment, source="shared", validity_days=3650)
    return orders.activate(provider, order.certificate_id)

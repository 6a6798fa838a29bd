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
PROD_VALIDITY_DAYS = 730  # what an RA order defaults to (ra/orders.create_order)
SHARED_VALIDITY_DAYS = 3650
BANKID_ORGANISATION = MerchantSubject("BankID Norge AS", complete_organisation_number("98000000") or "", "")


def dedicated_row(provider: Provider, request: ProvisioningRequest, client_id: str) -> dict[str, object]:
    """The dedicated certificate BankID will host for ``client_id``, as a row not yet written [S1].

    The caller inserts it in the transaction that creates the client, so a client never exists without its
    certificate, and a request that loses a race for the client_id leaves no certificate behind.
    """
    assert request.environment is not None
    row = _uploaded(request) if request.environment.is_test else _ordered_for_prod(provider, request)
    now = provider.now()
    return {
        **row,
        "certificate_id": uuid.uuid4().hex,
        "environment": request.environment.value,
        "status": INSTALLED,
        "client_id": client_id,
        "ordered_at": now,
        "activated_at": now,
    }


def insert(connection: sa.Connection, row: dict[str, object]) -> None:
    connection.execute(sa.insert(TABLE).values(row))


def _uploaded(request: ProvisioningRequest) -> dict[str, object]:
    """Install the attached ``.bid``: the key and certificate BankID now hosts for this client [S1]."""
    bid = request.merchant_certificate.bid
    assert bid is not None
    keystore = read_bid(bid, PRESET_PASSWORD)
    return {
        "source": "upload",
        # Empty where the request names no organisation (quirk newer-provisioning-items=optional).
        "organisation_name": request.organisation.name or "",
        "organisation_number": request.organisation.number or "",
        "common_name": keystore.common_name,
        "validity_days": (keystore.not_after - keystore.certificate.not_valid_before_utc).days,
        "key_pem": private_key_pem(keystore.key),  # type: ignore[arg-type]
        "cert_pem": keystore.certificate.public_bytes(serialization.Encoding.PEM).decode(),
    }


def _ordered_for_prod(provider: Provider, request: ProvisioningRequest) -> dict[str, object]:
    """BankID Norge orders, activates and installs a PROD certificate from org number, name and CN [S1]."""
    subject = MerchantSubject(
        str(request.organisation.name),
        str(request.organisation.number),
        str(request.merchant_certificate.common_name),
    )
    issued = orders.issue(provider, subject, Environment.PROD, PROD_VALIDITY_DAYS)
    return {
        "source": "bankid-order",
        "organisation_name": subject.organisation_name,
        "organisation_number": subject.organisation_number,
        "common_name": subject.common_name,
        "validity_days": PROD_VALIDITY_DAYS,
        **issued,
    }


def installed_for(provider: Provider, client_id: str) -> orders.MerchantCertificate | None:
    query = sa.select(TABLE).where(TABLE.c.client_id == client_id).order_by(TABLE.c.ordered_at.desc())
    with provider.store.begin() as connection:
        row = connection.execute(query).first()
    return None if row is None else orders.from_row(row)


def shared(provider: Provider, environment: Environment) -> orders.MerchantCertificate:
    """The shared certificate the provider hosts, created on first use with the configured CN [S1].

    Insert-or-get: concurrent first uses (threads, workers, instances over one store) may each issue one, but
    the unique index ``ux_merchant_certificates_shared`` lets only the first insert in; the others read it back.
    It is written activated in one insert, so no reader ever sees an order without its certificate.
    """
    found = _shared(provider, environment)
    if found is not None:
        return found
    try:
        with provider.store.begin() as connection:
            connection.execute(sa.insert(TABLE).values(_new_shared_row(provider, environment)))
    except sa.exc.IntegrityError:
        pass  # another request created it first: everyone uses that one
    found = _shared(provider, environment)
    assert found is not None, "the shared merchant certificate was neither found nor created"
    return found


def _shared(provider: Provider, environment: Environment) -> orders.MerchantCertificate | None:
    query = sa.select(TABLE).where(TABLE.c.source == "shared", TABLE.c.environment == environment.value)
    with provider.store.begin() as connection:
        row = connection.execute(query).first()
    return None if row is None else orders.from_row(row)


def _new_shared_row(provider: Provider, environment: Environment) -> dict[str, object]:
    subject = MerchantSubject(
        BANKID_ORGANISATION.organisation_name,
        BANKID_ORGANISATION.organisation_number,
        provider.config.shared_merchant_certificate_cn,
    )
    now = provider.now()
    return {
        "certificate_id": uuid.uuid4().hex,
        "environment": environment.value,
        "source": "shared",
        "status": orders.ACTIVATED,
        "organisation_name": subject.organisation_name,
        "organisation_number": subject.organisation_number,
        "common_name": subject.common_name,
        "validity_days": SHARED_VALIDITY_DAYS,
        "ordered_at": now,
        "activated_at": now,
        **orders.issue(provider, subject, environment, SHARED_VALIDITY_DAYS),
    }

"""Merchant certificate orders and their life cycle: ordered → activated (key and certificate issued).

"After an order is completed please use the tool to also activate the certificate in question. Then download
the resulting certificate file (.bid file)" [S1]: only an activated order has a certificate, so only it can be
downloaded, and its certificate carries the activation policy the provisioning rules look for.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from bankid_provisioning import Environment, MerchantSubject, write_bid
from mock_provider.keys.authority import private_key_pem
from mock_provider.provider import Provider
from mock_provider.ra.authority import merchant_ca
from mock_provider.store import schema

ORDERED, ACTIVATED = "ordered", "activated"
TABLE = schema.merchant_certificates


class OrderError(ValueError):
    """An order that cannot move on (e.g. activating twice, downloading before activation)."""


@dataclass(frozen=True)
class MerchantCertificate:
    """One row: an RA order, an uploaded ``.bid`` installed for a client, or the shared certificate."""

    certificate_id: str
    environment: Environment
    source: str
    status: str
    client_id: str | None
    subject: MerchantSubject
    validity_days: int
    ordered_at: float
    key_pem: str | None
    cert_pem: str | None

    @property
    def certificate(self) -> x509.Certificate | None:
        return x509.load_pem_x509_certificate(self.cert_pem.encode()) if self.cert_pem else None

    def summary(self) -> dict[str, object]:
        """What the admin API shows: never the key."""
        body: dict[str, object] = {
            "certificate_id": self.certificate_id,
            "environment": self.environment.value,
            "source": self.source,
            "status": self.status,
            "organisation_name": self.subject.organisation_name,
            "organisation_number": self.subject.organisation_number,
            "common_name": self.subject.common_name,
        }
        certificate = self.certificate
        if certificate is not None:
            body.update(
                issuer=certificate.issuer.rfc4514_string(),
                fingerprint_sha256=certificate.fingerprint(hashes.SHA256()).hex(":").upper(),
                not_before=certificate.not_valid_before_utc.isoformat(),
                not_after=certificate.not_valid_after_utc.isoformat(),
            )
        return body


def create_order(
    provider: Provider,
    subject: MerchantSubject,
    *,
    environment: Environment = Environment.CURRENT,
    validity_days: int = 730,
    source: str = "ra-order",
) -> MerchantCertificate:
    order_id = uuid.uuid4().hex
    with provider.store.begin() as connection:
        connection.execute(
            sa.insert(TABLE).values(
                certificate_id=order_id,
                environment=environment.value,
                source=source,
                status=ORDERED,
                organisation_name=subject.organisation_name,
                organisation_number=subject.organisation_number,
                common_name=subject.common_name,
                validity_days=validity_days,
                ordered_at=provider.now(),
            )
        )
    return _required(provider, order_id)


def activate(provider: Provider, order_id: str) -> MerchantCertificate:
    """Generate the key and issue the certificate with the activation marker; an order activates once."""
    order = _required(provider, order_id)
    if order.status != ORDERED:
        raise OrderError(f"order {order_id} is already {order.status}")
    issued = issue(provider, order.subject, order.environment, order.validity_days)
    with provider.store.begin() as connection:
        connection.execute(
            sa.update(TABLE)
            .where(TABLE.c.certificate_id == order_id, TABLE.c.status == ORDERED)
            .values(status=ACTIVATED, activated_at=provider.now(), **issued)
        )
    return _required(provider, order_id)


def issue(provider: Provider, subject: MerchantSubject, environment: Environment, validity_days: int) -> dict[str, str]:
    """A fresh key and a certificate for ``subject`` from the environment's merchant CA, as PEM columns."""
    now = dt.datetime.fromtimestamp(provider.now(), dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = merchant_ca(provider, environment).issue(
        subject,
        key.public_key(),
        not_before=now - dt.timedelta(minutes=5),
        not_after=now + dt.timedelta(days=validity_days),
    )
    return {
        "key_pem": private_key_pem(key),
        "cert_pem": certificate.public_bytes(serialization.Encoding.PEM).decode(),
    }


def download_bid(provider: Provider, order_id: str) -> bytes:
    """The ``.bid`` of an activated order, encrypted with the pre-set password [S1]."""
    order = _required(provider, order_id)
    if order.status != ACTIVATED or order.key_pem is None or order.certificate is None:
        raise OrderError(f"order {order_id} is {order.status}; activate it before downloading the .bid")
    key = serialization.load_pem_private_key(order.key_pem.encode(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    ca = merchant_ca(provider, order.environment)
    return write_bid(key, order.certificate, (ca.certificate,))


def find(provider: Provider, certificate_id: str) -> MerchantCertificate | None:
    with provider.store.begin() as connection:
        row = connection.execute(sa.select(TABLE).where(TABLE.c.certificate_id == certificate_id)).first()
    return None if row is None else from_row(row)


def _required(provider: Provider, order_id: str) -> MerchantCertificate:
    order = find(provider, order_id)
    if order is None:
        raise LookupError(order_id)
    return order


def from_row(row: sa.Row[tuple[object, ...]]) -> MerchantCertificate:
    m = row._mapping
    subject = MerchantSubject(str(m["organisation_name"]), str(m["organisation_number"]), str(m["common_name"]))
    return MerchantCertificate(
        certificate_id=str(m["certificate_id"]),
        environment=Environment(str(m["environment"])),
        source=str(m["source"]),
        status=str(m["status"]),
        client_id=None if m["client_id"] is None else str(m["client_id"]),
        subject=subject,
        validity_days=int(m["validity_days"]),
        ordered_at=float(m["ordered_at"]),
        key_pem=None if m["key_pem"] is None else str(m["key_pem"]),
        cert_pem=None if m["cert_pem"] is None else str(m["cert_pem"]),
    )

"""A stand-in for BankID's PRE-PROD merchant CA, issuing what the RA self-service hands out [S1][S61].

The mock's RA issues its ``.bid`` files with it, and tests and examples use it to make test keystores, so both
sides agree on what a genuine, activated ``.bid`` looks like (subject, CA name, activation policy, password).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bankid_provisioning.keystore import ACTIVATED_POLICY_OID, PRESET_PASSWORD, write_bid

PREPROD_MERCHANT_CA = "Mock BankID - PreProd - Merchant CA"
PROD_MERCHANT_CA = "Mock BankID - Merchant CA"


@dataclass(frozen=True)
class MerchantSubject:
    organisation_name: str
    organisation_number: str
    common_name: str

    def name(self) -> x509.Name:
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "NO"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.organisation_name),
                x509.NameAttribute(NameOID.SERIAL_NUMBER, self.organisation_number),
                x509.NameAttribute(NameOID.COMMON_NAME, self.common_name),
            ]
        )


@dataclass(frozen=True)
class MerchantCA:
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @classmethod
    def generate(cls, name: str = PREPROD_MERCHANT_CA, *, now: dt.datetime) -> MerchantCA:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Mock BankID"),
                x509.NameAttribute(NameOID.COMMON_NAME, name),
            ]
        )
        certificate = (
            _builder(
                subject,
                subject,
                key.public_key(),
                now - dt.timedelta(minutes=5),
                now + dt.timedelta(days=3650),
            )
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(key, hashes.SHA256())
        )
        return cls(key, certificate)

    def issue(
        self,
        subject: MerchantSubject,
        public_key: ec.EllipticCurvePublicKey,
        *,
        not_before: dt.datetime,
        not_after: dt.datetime,
        activated: bool = True,
    ) -> x509.Certificate:
        """A merchant certificate; ``activated`` adds the policy the RA sets when the order is activated."""
        builder = _builder(subject.name(), self.certificate.subject, public_key, not_before, not_after)
        builder = builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        if activated:
            policy = x509.PolicyInformation(ACTIVATED_POLICY_OID, None)
            builder = builder.add_extension(x509.CertificatePolicies([policy]), critical=False)
        return builder.sign(self.key, hashes.SHA256())

    def bid(
        self,
        subject: MerchantSubject,
        *,
        now: dt.datetime,
        validity: dt.timedelta = dt.timedelta(days=730),
        activated: bool = True,
        password: str = PRESET_PASSWORD,
    ) -> bytes:
        """A fresh key and certificate, packed as a ``.bid`` (convenient for tests and examples)."""
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = self.issue(
            subject,
            key.public_key(),
            not_before=now - dt.timedelta(minutes=5),
            not_after=now + validity,
            activated=activated,
        )
        return write_bid(key, certificate, (self.certificate,), password)


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: ec.EllipticCurvePublicKey,
    not_before: dt.datetime,
    not_after: dt.datetime,
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
    )

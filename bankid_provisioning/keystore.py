"""The ``.bid`` file: BankID's merchant certificate container, downloaded from the RA [S1][S61].

A ``.bid`` is a PKCS#12 keystore (private key, merchant certificate and its CA chain) encrypted with the
pre-set password ``qwer1234`` [S1]. The RA marks a certificate as activated with a certificate policy OID; a
certificate without it was ordered but never activated ("After an order is completed please use the tool to
also activate the certificate in question" [S1]).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

PRESET_PASSWORD = "qwer1234"
# A 2.25 (UUID-based) OID needs no registration and cannot collide with a real BankID policy OID.
ACTIVATED_POLICY_OID = x509.ObjectIdentifier("2.25.236316209958384914446424513451862735712")
PREPROD_ISSUER_MARK = "BankID - PreProd"


class KeystoreError(ValueError):
    """The bytes are not a usable ``.bid``: wrong password, not PKCS#12, or no key and certificate inside."""


@dataclass(frozen=True)
class MerchantKeystore:
    key: PrivateKeyTypes
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    @property
    def common_name(self) -> str:
        return _common_name(self.certificate.subject)

    @property
    def issuer(self) -> str:
        return self.certificate.issuer.rfc4514_string()

    @property
    def not_after(self) -> dt.datetime:
        return self.certificate.not_valid_after_utc

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the DER certificate, colon-separated hex as certificate tools print it."""
        return self.certificate.fingerprint(hashes.SHA256()).hex(":").upper()

    @property
    def activated(self) -> bool:
        return ACTIVATED_POLICY_OID in policy_oids(self.certificate)

    def expired(self, now: dt.datetime) -> bool:
        return not (self.certificate.not_valid_before_utc <= now <= self.certificate.not_valid_after_utc)


def read_bid(data: bytes, password: str) -> MerchantKeystore:
    """Open a ``.bid`` with ``password``; ``KeystoreError`` when it cannot be opened or is incomplete."""
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password.encode())
    except ValueError as exc:
        raise KeystoreError("cannot be opened with the given password (or is not a .bid/PKCS#12 file)") from exc
    if key is None or certificate is None:
        raise KeystoreError("holds no private key and merchant certificate")
    return MerchantKeystore(key, certificate, tuple(chain))


def write_bid(
    key: pkcs12.PKCS12PrivateKeyTypes,
    certificate: x509.Certificate,
    chain: tuple[x509.Certificate, ...],
    password: str = PRESET_PASSWORD,
) -> bytes:
    """Serialise a merchant keystore as the RA hands it out for download [S1][S61]."""
    name = _common_name(certificate.subject).encode()
    return pkcs12.serialize_key_and_certificates(
        name, key, certificate, list(chain), BestAvailableEncryption(password.encode())
    )


def policy_oids(certificate: x509.Certificate) -> set[x509.ObjectIdentifier]:
    try:
        policies = certificate.extensions.get_extension_for_class(x509.CertificatePolicies).value
    except x509.ExtensionNotFound:
        return set()
    return {p.policy_identifier for p in policies}


def _common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(values[0].value) if values else ""

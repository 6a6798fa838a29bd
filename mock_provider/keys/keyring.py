"""Per-realm signing and encryption keys, rotated as BankID documents it [S38]:
three ``use=sig`` keys per algorithm (next, current, previous), one ``use=enc`` key, ``kid``s never reused.

Keys are imported once, as joserfc key objects, when the ring is loaded; never per request (TOOLCHAIN.md).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from joserfc.jwk import ECKey

from mock_provider.keys.authority import CertificateAuthority, chain_pem, private_key_pem, x5c
from mock_provider.store import schema

SIGNING_ROLES = ("next", "current", "previous")


@dataclass(frozen=True)
class SigningKey:
    kid: str
    use: str
    role: str
    alg: str
    key: ECKey
    chain: tuple[x509.Certificate, ...]

    def public_jwk(self) -> dict[str, object]:
        """A fresh copy of the published JWK (callers may alter it, e.g. to inject a fault)."""
        return dict(self._public_jwk)

    @cached_property
    def _public_jwk(self) -> dict[str, object]:
        # Keys never change while the app runs: serialise the JWK and its x5c chain once, not per request.
        jwk: dict[str, object] = dict(self.key.as_dict(private=False))
        jwk.update(kid=self.kid, use=self.use, alg=self.alg, x5c=x5c(list(self.chain)))
        return jwk


@dataclass(frozen=True)
class KeyRing:
    realm: str
    keys: tuple[SigningKey, ...]

    @property
    def signing(self) -> SigningKey:
        return next(k for k in self.keys if k.use == "sig" and k.role == "current")

    @property
    def next_key(self) -> SigningKey:
        return next(k for k in self.keys if k.use == "sig" and k.role == "next")

    def published(self, use: str) -> list[SigningKey]:
        return [k for k in self.keys if k.use == use]

    def find(self, kid: str) -> SigningKey | None:
        return next((k for k in self.keys if k.kid == kid), None)


def load_or_create_ca(connection: sa.Connection, *, now: dt.datetime) -> CertificateAuthority:
    row = connection.execute(sa.select(schema.certificate_authorities).limit(1)).first()
    if row is not None:
        return CertificateAuthority.from_pem(row.key_pem, row.cert_pem)
    ca = CertificateAuthority.generate(now=now)
    connection.execute(
        sa.insert(schema.certificate_authorities).values(
            name=ca.certificate.subject.rfc4514_string(), key_pem=ca.key_pem(), cert_pem=ca.cert_pem()
        )
    )
    return ca


def load_or_create_ring(
    connection: sa.Connection, realm: str, ca: CertificateAuthority, *, now: dt.datetime
) -> KeyRing:
    rows = connection.execute(sa.select(schema.signing_keys).where(schema.signing_keys.c.realm == realm)).all()
    if not rows:
        for role in (*SIGNING_ROLES, "enc"):
            _create_key(connection, realm, role, ca, now=now)
        rows = connection.execute(sa.select(schema.signing_keys).where(schema.signing_keys.c.realm == realm)).all()
    return KeyRing(realm, tuple(_load(row) for row in sorted(rows, key=lambda r: _ORDER[r.role])))


_ORDER = {"next": 0, "current": 1, "previous": 2, "enc": 3}


def _create_key(
    connection: sa.Connection, realm: str, role: str, ca: CertificateAuthority, *, now: dt.datetime
) -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    use, alg = ("enc", "ECDH-ES") if role == "enc" else ("sig", "ES256")
    leaf = ca.issue(private.public_key(), common_name=f"BankID OIDC {realm.title()}", now=now)
    connection.execute(
        sa.insert(schema.signing_keys).values(
            kid=secrets.token_urlsafe(32),
            realm=realm,
            use=use,
            role=role,
            alg=alg,
            private_pem=private_key_pem(private),
            cert_chain_pem=chain_pem(leaf, ca.certificate),
            created_at=now.timestamp(),
        )
    )


def _load(row: sa.Row[tuple[object, ...]]) -> SigningKey:
    chain: Sequence[x509.Certificate] = x509.load_pem_x509_certificates(str(row.cert_chain_pem).encode())
    key = ECKey.import_key(str(row.private_pem), {"kid": str(row.kid), "use": str(row.use), "alg": str(row.alg)})
    return SigningKey(str(row.kid), str(row.use), str(row.role), str(row.alg), key, tuple(chain))

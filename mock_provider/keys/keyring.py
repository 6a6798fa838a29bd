"""Per-realm signing and encryption keys, rotated as BankID documents it [S38]:
three ``use=sig`` keys per algorithm (next, current, previous), ``use=enc`` keys, ``kid``s never reused.

Keys are imported once, as joserfc key objects, when the ring is loaded; never per request (TOOLCHAIN.md).

Rotation (``rotate``) moves every signing key one step: the previous key retires (its row stays, so its kid
is never handed out again), current becomes previous, next becomes current, and a fresh key is published as
next. A key is thus published one period before it signs and stays published one period after, which keeps
every token it signed verifiable as long as the period is at least the token lifetime.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from joserfc.jwk import ECKey, KeyParameters, RSAKey

from mock_provider.keys.authority import CertificateAuthority, chain_pem, private_key_pem, x5c
from mock_provider.store import schema

SIGNING_ROLES = ("next", "current", "previous")
# ``enc``: the EC key for ECDH-ES (encrypted login_hint); ``enc-rsa``: the RSA key for RSA-OAEP(-256), which
# request objects and login hints may be encrypted with [S42][S43].
ENCRYPTION_ROLES = ("enc", "enc-rsa")
RETIRED = "retired"
_ORDER = {"next": 0, "current": 1, "previous": 2, "enc": 3, "enc-rsa": 4}


@dataclass(frozen=True)
class SigningKey:
    kid: str
    use: str
    role: str
    alg: str
    key: ECKey | RSAKey
    chain: tuple[x509.Certificate, ...]
    created_at: float = 0.0

    def public_jwk(self) -> dict[str, object]:
        """A fresh copy of the published JWK (callers may alter it, e.g. to inject a fault)."""
        return dict(self._public_jwk)

    @cached_property
    def native_private(self) -> object:
        """The ``cryptography`` private key, looked up once (joserfc re-derives it on every access)."""
        return self.key.private_key

    @cached_property
    def native_public(self) -> object:
        return self.key.public_key

    @cached_property
    def _public_jwk(self) -> dict[str, object]:
        # Keys never change while the app runs: serialise the JWK and its x5c chain once, not per request.
        jwk: dict[str, object] = dict(self.key.as_dict(private=False))
        jwk.update(kid=self.kid, use=self.use, x5c=x5c(list(self.chain)))
        if self.alg:
            jwk["alg"] = self.alg
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

    def rotates_at(self, period: float) -> float:
        """When the next key starts signing: one period after it was published."""
        return self.next_key.created_at + period


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
    """The realm's published keys, creating any role a new (or older) store lacks."""
    present = {row.role for row in _live_rows(connection, realm)}
    # The keys made here are loaded as the objects they are, not parsed back from their PEM: a new store's
    # RSA key would otherwise be validated by OpenSSL again (~30 ms) right after it was generated.
    created = dict(
        _create_key(connection, realm, role, ca, now=now)
        for role in (*SIGNING_ROLES, *ENCRYPTION_ROLES)
        if role not in present
    )
    return load_ring(connection, realm, created)


def load_ring(connection: sa.Connection, realm: str, created: Mapping[str, PrivateKeyTypes] | None = None) -> KeyRing:
    """The realm's live keys; ``created`` maps the PEM of keys made in this process to their key objects."""
    rows = sorted(_live_rows(connection, realm), key=lambda r: _ORDER[r.role])
    return KeyRing(realm, tuple(_load(row, created or {}) for row in rows))


def rotate(connection: sa.Connection, ring: KeyRing, ca: CertificateAuthority, *, at: float) -> bool:
    """One rotation step, scheduled at ``at``; ``False`` if another worker already made it."""
    table = schema.signing_keys
    previous = next(k for k in ring.keys if k.role == "previous")
    retired = connection.execute(
        sa.update(table).where(table.c.kid == previous.kid, table.c.role == "previous").values(role=RETIRED)
    )
    if retired.rowcount != 1:
        return False
    for key, role in ((ring.signing, "previous"), (ring.next_key, "current")):
        connection.execute(sa.update(table).where(table.c.kid == key.kid).values(role=role))
    _create_key(connection, ring.realm, "next", ca, now=dt.datetime.fromtimestamp(at, tz=dt.UTC))
    return True


def _live_rows(connection: sa.Connection, realm: str) -> Sequence[sa.Row[tuple[object, ...]]]:
    table = schema.signing_keys
    return connection.execute(sa.select(table).where(table.c.realm == realm, table.c.role != RETIRED)).all()


def _create_key(
    connection: sa.Connection, realm: str, role: str, ca: CertificateAuthority, *, now: dt.datetime
) -> tuple[str, PrivateKeyTypes]:
    """Make, certify and store a key for ``role``; its PEM and key object."""
    private: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    if role == "enc-rsa":
        # No ``alg`` on this key: the same RSA key serves RSA-OAEP and RSA-OAEP-256.
        private, use, alg = _rsa_private_key(), "enc", ""
    else:
        private = ec.generate_private_key(ec.SECP256R1())
        use, alg = ("enc", "ECDH-ES") if role == "enc" else ("sig", "ES256")
    leaf = ca.issue(private.public_key(), common_name=f"BankID OIDC {realm.title()}", now=now)
    pem = _pem(private)
    connection.execute(
        sa.insert(schema.signing_keys).values(
            kid=secrets.token_urlsafe(32),
            realm=realm,
            use=use,
            role=role,
            alg=alg,
            private_pem=pem,
            cert_chain_pem=chain_pem(leaf, ca.certificate),
            created_at=now.timestamp(),
        )
    )
    return pem, private


@functools.cache
def _rsa_private_key() -> rsa.RSAPrivateKey:
    # RSA-2048 generation costs ~90 ms; the test suite builds hundreds of providers per process, so the key
    # material is made once per process. Each realm and store still publishes it under its own fresh kid.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem(private: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> str:
    if isinstance(private, ec.EllipticCurvePrivateKey):
        return private_key_pem(private)
    return private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@functools.lru_cache(maxsize=256)
def _private_key(pem: str) -> PrivateKeyTypes:
    # Parsing a PEM makes OpenSSL validate the key (~100 ms for RSA-2048, TOOLCHAIN.md); the shared RSA key
    # material above would otherwise be re-validated by every provider a process builds (the test suite builds
    # hundreds). Key objects are immutable, so sharing the parsed one is safe.
    return serialization.load_pem_private_key(pem.encode(), password=None)


def _load(row: sa.Row[tuple[object, ...]], created: Mapping[str, PrivateKeyTypes]) -> SigningKey:
    chain: Sequence[x509.Certificate] = x509.load_pem_x509_certificates(str(row.cert_chain_pem).encode())
    params: KeyParameters = {"kid": str(row.kid), "use": str(row.use)}
    if row.alg:
        params["alg"] = str(row.alg)
    pem = str(row.private_pem)
    native = created[pem] if pem in created else _private_key(pem)
    key: ECKey | RSAKey
    if isinstance(native, rsa.RSAPrivateKey):
        key = RSAKey.import_key(native, params)
    else:
        assert isinstance(native, ec.EllipticCurvePrivateKey)
        key = ECKey.import_key(native, params)
    return SigningKey(
        str(row.kid), str(row.use), str(row.role), str(row.alg), key, tuple(chain), float(str(row.created_at))
    )

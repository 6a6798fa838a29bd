"""The running provider: config, store, realms, key rings and clients, built once per app."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from joserfc import jwt

from mock_provider.clients import ClientRegistry
from mock_provider.config import Config
from mock_provider.keys.authority import CertificateAuthority
from mock_provider.keys.compact import sign_es256
from mock_provider.keys.keyring import KeyRing, load_or_create_ca, load_or_create_ring
from mock_provider.keys.rotation import catch_up
from mock_provider.store import Store, open_store
from mock_provider.store.grants import GrantStore
from mock_provider.users.directory import UserDirectory

EXTENSION = "bankid_mock"


@dataclass(frozen=True)
class Realm:
    """One Keycloak realm as BankID exposes it: ``{base}/auth/realms/{name}`` is the issuer [S8]."""

    name: str
    issuer: str
    userinfo_base: str

    def url(self, path: str) -> str:
        return f"{self.issuer}/{path.lstrip('/')}"

    # Built once: client authentication compares against them on every token request.
    @functools.cached_property
    def token_endpoint(self) -> str:
        return self.url("protocol/openid-connect/token")

    @functools.cached_property
    def userinfo_endpoint(self) -> str:
        return f"{self.userinfo_base}/userinfo"


@dataclass(frozen=True)
class Provider:
    config: Config
    store: Store
    ca: CertificateAuthority
    realms: dict[str, Realm]
    keyrings: dict[str, KeyRing]
    clients: ClientRegistry
    # Serialised discovery and JWKS documents by name (``endpoints.conditional``), rebuilt on a new version.
    documents: dict[Hashable, object] = field(default_factory=dict, compare=False)

    def now(self) -> float:
        return self.config.clock()

    @functools.cached_property
    def users(self) -> UserDirectory:
        return UserDirectory(self.store, self.config.clock)

    @functools.cached_property
    def grants(self) -> GrantStore:
        # One per provider: it counts inserts to pace the sweep of expired grants.
        return GrantStore(self.store, self.config.clock)

    def keyring(self, realm: str) -> KeyRing:
        """The realm's keys as of now: rotated first when the schedule says a rotation is due [S38]."""
        ring, period = self.keyrings[realm], self.config.key_rotation_seconds
        if period is None or self.now() < ring.rotates_at(period):
            return ring
        ring = catch_up(self.store, realm, self.ca, period=period, now=self.now())
        self.keyrings[realm] = ring
        return ring

    def seconds_to_rotation(self, realm: str) -> float | None:
        period = self.config.key_rotation_seconds
        return None if period is None else max(0.0, self.keyring(realm).rotates_at(period) - self.now())

    def sign(self, realm: Realm, claims: dict[str, Any], *, typ: str = "JWT") -> str:
        """Sign ``claims`` ES256 with the realm's current key."""
        key = self.config.faults.signing_key(self.keyring(realm.name).signing)
        native = key.native_private
        if isinstance(native, ec.EllipticCurvePrivateKey):
            return sign_es256(native, key.kid, claims, typ=typ)  # joserfc's bytes at less than half its cost
        header = {"alg": "ES256", "kid": key.kid, "typ": typ}
        return jwt.encode(header, claims, key.key, algorithms=["ES256"])


def build_provider(config: Config, store: Store | None = None) -> Provider:
    period = config.key_rotation_seconds
    if period is not None and period < config.token_lifetime:
        raise ValueError(f"key_rotation_seconds ({period}) must be at least token_lifetime ({config.token_lifetime})")
    store = store or open_store(config.database_url, revision=config.schema_revision)
    now = dt.datetime.fromtimestamp(config.clock(), tz=dt.UTC)
    with store.setup_lock():
        with store.begin() as connection:
            ca = load_or_create_ca(connection, now=now)
            rings = {name: load_or_create_ring(connection, name, ca, now=now) for name in config.realms}
        registry = ClientRegistry(store, _sealing_key(ca), config.clock)
        registry.seed(config.clients)
        UserDirectory(store, config.clock).seed(config.users)
    realms = {name: _realm(config, name) for name in config.realms}
    return Provider(config, store, ca, realms, rings, registry)


def _realm(config: Config, name: str) -> Realm:
    # A host map without PREPROD (one written before the quirk existed) serves it on CURRENT's host.
    issuer = config.issuer_bases.get(name) or config.issuer_bases["current"]
    userinfo = config.userinfo_bases.get(name) or config.userinfo_bases["current"]
    return Realm(name, f"{issuer.rstrip('/')}/auth/realms/{name}", userinfo.rstrip("/"))


def _sealing_key(ca: CertificateAuthority) -> bytes:
    secret = ca.key.private_numbers().private_value.to_bytes(32, "big")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"client-secret-seal").derive(secret)


def current_provider() -> Provider:
    provider: Provider = current_app.extensions[EXTENSION]
    return provider

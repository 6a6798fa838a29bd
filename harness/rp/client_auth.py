"""How the relying party authenticates to token, introspect and PAR [S27][S28][S14].

``private_key_jwt`` assertions follow BankID's own sample (PrivateKeyAssertionBuilder.java [S14]):
``iss = sub = client_id``, ``aud`` = the endpoint, ``exp = now + 30 s``, ``iat``, a random ``jti``.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, OctKey, RSAKey

from harness.target import ClientCredentials

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


@dataclass(frozen=True)
class Authenticated:
    """Form fields and Basic credentials to add to a request."""

    form: dict[str, str] = field(default_factory=dict)
    basic: tuple[str, str] | None = None


def client_auth(
    method: str,
    client: ClientCredentials,
    *,
    audience: str,
    clock: Callable[[], float] = time.time,
    overrides: dict[str, Any] | None = None,
) -> Authenticated:
    secret = client.secret.reveal() if client.secret else ""
    if method == "none":
        return Authenticated({"client_id": client.client_id})
    if method == "client_secret_basic":
        return Authenticated(basic=(client.client_id, secret))
    if method == "client_secret_post":
        return Authenticated({"client_id": client.client_id, "client_secret": secret})
    if method in ("private_key_jwt", "client_secret_jwt"):
        assertion = build_assertion(method, client, audience=audience, clock=clock, overrides=overrides)
        return Authenticated({"client_assertion_type": ASSERTION_TYPE, "client_assertion": assertion})
    raise ValueError(f"unknown client authentication method {method!r}")


def build_assertion(
    method: str,
    client: ClientCredentials,
    *,
    audience: str,
    clock: Callable[[], float] = time.time,
    overrides: dict[str, Any] | None = None,
) -> str:
    now = int(clock())
    claims: dict[str, Any] = {
        "iss": client.client_id,
        "sub": client.client_id,
        "aud": audience,
        "iat": now,
        "exp": now + 30,
        "jti": secrets.token_urlsafe(24),
    }
    claims.update(overrides or {})
    if method == "client_secret_jwt":
        key: OctKey | ECKey | RSAKey = OctKey.import_key(client.secret.reveal() if client.secret else "")
        return jwt.encode({"alg": "HS256"}, claims, key, algorithms=["HS256"])
    if client.private_jwk is None:
        raise ValueError("private_key_jwt needs the client's private JWK")
    jwk = dict(client.private_jwk)
    alg = str(jwk.get("alg") or ("ES256" if jwk.get("kty") == "EC" else "RS256"))
    key = ECKey.import_key(jwk) if jwk.get("kty") == "EC" else RSAKey.import_key(jwk)
    header = {"alg": alg, "kid": jwk.get("kid") or key.thumbprint()}
    return jwt.encode(header, claims, key, algorithms=[alg])

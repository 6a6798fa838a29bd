"""Keycloak-style access tokens as BankID issues them: self-contained ES256 JWTs [S46][S50][S72]."""

from __future__ import annotations

import functools
import secrets
import uuid
from typing import Any

from mock_provider.hooks import TokenContext
from mock_provider.provider import Provider, Realm
from mock_provider.users.model import TestUser


def lifetime(claims: dict[str, Any]) -> int:
    """A token's lifetime as its own claims state it; ``expires_in`` repeats it (RFC 6749 §5.1)."""
    return int(claims["exp"]) - int(claims["iat"])


def access_token_claims(
    provider: Provider,
    realm: Realm,
    *,
    client_id: str,
    scope: str,
    subject: str | None = None,
    extra: dict[str, Any] | None = None,
    user: TestUser | None = None,
) -> dict[str, Any]:
    now = int(provider.now())
    claims: dict[str, Any] = {
        "exp": now + provider.config.token_lifetime,
        "iat": now,
        "jti": str(uuid.uuid4()),
        "iss": realm.issuer,
        "aud": client_id,
        # Keycloak gives a client_credentials token the service account's id as subject.
        "sub": subject or _service_account(realm.issuer, client_id),
        "typ": "Bearer",
        "azp": client_id,
        "scope": scope,
    }
    claims.update(extra or {})
    return provider.config.faults.access_token(claims, TokenContext(client_id, tuple(scope.split()), user))


@functools.lru_cache(maxsize=4096)
def _service_account(issuer: str, client_id: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer}/service-account/{client_id}"))


def mint_access_token(provider: Provider, realm: Realm, claims: dict[str, Any]) -> str:
    return provider.sign(realm, claims)


def opaque_handle() -> str:
    return secrets.token_urlsafe(32)

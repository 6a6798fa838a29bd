"""Signed request objects (JAR, RFC 9101; OIDC Core §6.1) verified against the client's registered keys [S43].

From API v4 ``response_type`` must still be sent as a query parameter when a request object is used [S50].
Values in the object win over query parameters. An encrypted request object (JWE to the realm's ``use=enc``
RSA key from ``jwks_uri`` [S42][S43]) must hold a signed one (a nested JWT): like Keycloak's
``AuthzEndpointRequestObjectParser``, the mock decrypts first and then verifies the client's signature, so an
encrypted but unsigned object proves nothing about its sender and is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from joserfc import jws, jwt
from joserfc.errors import JoseError

from mock_provider.authorize import encryption
from mock_provider.authorize.errors import RedirectError, invalid_request
from mock_provider.config import ClientConfig
from mock_provider.oauth.client_keys import ClientKeysError, client_key_set
from mock_provider.provider import Provider, Realm

ALGORITHMS = ["ES256", "RS256", "PS256"]
_JWT_ONLY = ("iss", "aud", "exp", "iat", "nbf", "jti", "request", "request_uri")


@dataclass(frozen=True)
class Expanded:
    params: dict[str, str]
    # The values travelled encrypted, so a nnin in login_hint was never in clear text [S50][S52].
    encrypted: bool = False


def expand(provider: Provider, realm: Realm, client: ClientConfig, params: dict[str, str]) -> Expanded:
    """``params`` with the verified request object's values merged in (or unchanged without one)."""
    value = params.get("request")
    if value is None:
        return Expanded(params)
    if "response_type" not in params:
        raise invalid_request("response_type must be a query parameter even with a request object (API v4)")
    encrypted = encryption.is_jwe(value)
    if encrypted:
        value = _decrypt(provider, realm, value)
    claims = _verify(provider, client, value)
    _check_claims(provider, realm, client, claims)
    merged = {k: v for k, v in params.items() if k != "request"}
    for key, item in claims.items():
        if key not in _JWT_ONLY:
            merged[key] = item if isinstance(item, str) else json.dumps(item)
    return Expanded(merged, encrypted)


def _decrypt(provider: Provider, realm: Realm, value: str) -> str:
    ring = provider.keyring(realm.name)
    algs, encs = encryption.REQUEST_OBJECT_ALGS, encryption.REQUEST_OBJECT_ENCS
    try:
        inner = encryption.decrypt(ring, value, algs=algs, encs=encs).decode("ascii")
    except (encryption.DecryptionError, UnicodeDecodeError) as exc:
        raise _invalid(f"Encrypted request object: {exc}") from exc
    if inner.count(".") != 2:
        raise _invalid("An encrypted request object must contain a signed one (a nested JWT)")
    return inner


def _verify(provider: Provider, client: ClientConfig, value: str) -> dict[str, Any]:
    try:
        kid = jws.extract_compact(value.encode()).headers().get("kid")
        keys = client_key_set(provider, client, str(kid) if kid else None)
        claims = dict(jwt.decode(value, keys, algorithms=ALGORITHMS).claims)
    except ClientKeysError as exc:
        raise _invalid(str(exc)) from exc
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise _invalid("Request object signature is not valid") from exc
    return claims


def _check_claims(provider: Provider, realm: Realm, client: ClientConfig, claims: dict[str, Any]) -> None:
    if claims.get("iss", client.client_id) != client.client_id:
        raise _invalid("Request object iss must be the client_id")
    if claims.get("client_id", client.client_id) != client.client_id:
        raise _invalid("Request object client_id does not match")
    audience = claims.get("aud", realm.issuer)
    if realm.issuer not in (audience if isinstance(audience, list) else [audience]):
        raise _invalid("Request object aud must be the issuer")
    exp = claims.get("exp")
    if exp is not None and (not isinstance(exp, int | float) or exp <= provider.now()):
        raise _invalid("Request object has expired")


def _invalid(description: str) -> RedirectError:
    return RedirectError("invalid_request_object", description)

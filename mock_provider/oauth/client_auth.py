"""Client authentication at token, introspect and PAR [S27][S28][S39].

Methods: ``client_secret_basic`` and ``client_secret_post`` by default; ``private_key_jwt`` and
``client_secret_jwt`` (RFC 7523 §2.2) for clients that asked for them. Every failure is one error, shaped by
``Quirks`` because Keycloak versions disagree on status and code (PROVIDER-FACTS §3.4, [S76]).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import sqlalchemy as sa
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OctKey

from mock_provider.clients import ClientRecord
from mock_provider.config import ClientConfig
from mock_provider.oauth.client_keys import ClientKeysError, client_key_set
from mock_provider.oauth.errors import OAuth2Error
from mock_provider.provider import Provider, Realm
from mock_provider.store import schema

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
MAX_ASSERTION_LIFETIME = 300
CLOCK_SKEW = 10


class ClientAuthError(OAuth2Error):  # type: ignore[misc]
    """A client-authentication failure; its code and status come from the provider's quirks."""

    def __init__(self, provider: Provider, description: str) -> None:
        super().__init__(
            description=description,
            status_code=provider.config.quirks.client_auth_status,
            error=provider.config.quirks.client_auth_error,
        )


@dataclass(frozen=True)
class AuthenticatedClient:
    record: ClientRecord
    method: str

    @property
    def client_id(self) -> str:
        return self.record.client_id


def authenticate_client(
    provider: Provider,
    realm: Realm,
    *,
    form: Mapping[str, str],
    authorization: str | None,
    endpoint_url: str,
) -> AuthenticatedClient:
    """Authenticate the caller of ``endpoint_url`` by whichever single method it used."""
    basic = _parse_basic(authorization)
    if basic is not None:
        return _by_secret(provider, realm, *basic, method="client_secret_basic")
    if form.get("client_assertion_type") == ASSERTION_TYPE and form.get("client_assertion"):
        return _by_assertion(provider, realm, form["client_assertion"], endpoint_url)
    if form.get("client_id") and form.get("client_secret") is not None:
        return _by_secret(provider, realm, form["client_id"], form["client_secret"], method="client_secret_post")
    raise ClientAuthError(provider, "Invalid client or Invalid client credentials")


def _parse_basic(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return ("", "")
    client_id, _, secret = decoded.partition(":")
    # RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    return unquote(client_id), unquote(secret)


def _client(provider: Provider, realm: Realm, client_id: str, method: str) -> ClientRecord:
    record = provider.clients.get(client_id, realm.name)
    if record is None and provider.config.faults.accept_any_client_secret:
        record = ClientRecord(ClientConfig(client_id=client_id, realm=realm.name), None, None)
    if record is None or not record.config.enabled:
        raise ClientAuthError(provider, "Invalid client or Invalid client credentials")
    if method not in record.config.token_endpoint_auth_methods:
        raise ClientAuthError(provider, f"Client authentication method {method} is not allowed for this client")
    return record


def _by_secret(provider: Provider, realm: Realm, client_id: str, secret: str, *, method: str) -> AuthenticatedClient:
    record = _client(provider, realm, client_id, method)
    if not provider.config.faults.accept_any_client_secret and not record.check_secret(secret):
        raise ClientAuthError(provider, "Invalid client or Invalid client credentials")
    return AuthenticatedClient(record, method)


def _by_assertion(provider: Provider, realm: Realm, assertion: str, endpoint_url: str) -> AuthenticatedClient:
    try:
        compact = jws.extract_compact(assertion.encode())
        claims = _unverified(compact)
    except (JoseError, ValueError) as exc:
        raise ClientAuthError(provider, "Malformed client assertion") from exc
    alg = str(compact.headers().get("alg", ""))
    method = "client_secret_jwt" if alg.startswith("HS") else "private_key_jwt"
    client_id = str(claims.get("iss", ""))
    if not client_id or claims.get("sub") != client_id:
        raise ClientAuthError(provider, "Client assertion iss and sub must both be the client_id")
    record = _client(provider, realm, client_id, method)
    kid = compact.headers().get("kid")
    key = _verification_key(provider, record, method, str(kid) if kid else None)
    try:
        token = jwt.decode(assertion, key, algorithms=[alg] if alg else None)
    except (JoseError, ValueError) as exc:
        raise ClientAuthError(provider, "Client assertion signature is not valid") from exc
    _check_assertion_claims(provider, realm, token.claims, endpoint_url)
    _consume_jti(provider, client_id, token.claims)
    return AuthenticatedClient(record, method)


def _unverified(compact: jws.CompactSignature) -> dict[str, Any]:
    """Read ``iss`` before verifying: it names the client whose key will verify the signature."""
    claims = json.loads(compact.payload)
    if not isinstance(claims, dict):
        raise ValueError("claims are not an object")
    return claims


def _verification_key(provider: Provider, record: ClientRecord, method: str, kid: str | None) -> KeySet | OctKey:
    if method == "client_secret_jwt":
        secret = provider.clients.secret_for_hmac(record)
        if secret is None:
            raise ClientAuthError(provider, "Client has no secret usable for client_secret_jwt")
        return OctKey.import_key(secret)
    try:
        return client_key_set(provider, record.config, kid)
    except ClientKeysError as exc:
        raise ClientAuthError(provider, str(exc)) from exc


def _check_assertion_claims(provider: Provider, realm: Realm, claims: dict[str, Any], endpoint_url: str) -> None:
    now = provider.now()
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if not {endpoint_url, realm.token_endpoint, realm.issuer} & set(audiences):
        raise ClientAuthError(provider, "Client assertion audience is not this endpoint")
    exp, iat = claims.get("exp"), claims.get("iat", now)
    if not isinstance(exp, int | float):
        raise ClientAuthError(provider, "Client assertion has no exp")
    if exp < now - CLOCK_SKEW and not provider.config.faults.accept_expired_assertion:
        raise ClientAuthError(provider, "Client assertion has expired")
    if not isinstance(iat, int | float) or iat > now + CLOCK_SKEW or exp - iat > MAX_ASSERTION_LIFETIME:
        raise ClientAuthError(provider, "Client assertion lifetime is not acceptable")
    if not claims.get("jti"):
        raise ClientAuthError(provider, "Client assertion has no jti")


def _consume_jti(provider: Provider, client_id: str, claims: dict[str, Any]) -> None:
    table = schema.used_assertions
    jti = f"{client_id}:{claims['jti']}"
    with provider.store.begin() as connection:
        connection.execute(sa.delete(table).where(table.c.expires_at < provider.now() - CLOCK_SKEW))
        if connection.execute(sa.select(table.c.jti).where(table.c.jti == jti)).first():
            if provider.config.faults.accept_replayed_assertion:
                return
            raise ClientAuthError(provider, "Client assertion has already been used")
        connection.execute(sa.insert(table).values(jti=jti, client_id=client_id, expires_at=float(claims["exp"])))

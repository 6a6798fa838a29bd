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
from flask import current_app
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import Key, OctKey

from mock_provider.clients import ClientRecord, rotation
from mock_provider.oauth import assertion_algorithms as algorithms
from mock_provider.oauth.assertion_lifetime import (
    ALLOWED_CLOCK_SKEW,
    AssertionTimeError,
    StrictJSONDecoder,
    check_active,
)
from mock_provider.oauth.client_keys import ClientKeysError, client_key_set
from mock_provider.oauth.errors import OAuth2Error
from mock_provider.provider import Provider, Realm
from mock_provider.store import schema

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
MAX_JTI_LENGTH = 200  # the used_assertions key holds "client_id:jti"


class ClientAuthError(OAuth2Error):
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
    """Authenticate the caller of ``endpoint_url`` by the policy below, as the fault profile wraps it."""
    policy = provider.config.faults.client_authentication(_logged)
    return policy(provider, realm, form=form, authorization=authorization, endpoint_url=endpoint_url)


def _logged(
    provider: Provider,
    realm: Realm,
    *,
    form: Mapping[str, str],
    authorization: str | None,
    endpoint_url: str,
) -> AuthenticatedClient:
    """Authenticate the caller of ``endpoint_url`` by whichever single method it used."""
    basic = _parse_basic(authorization)
    try:
        return _authenticate(provider, realm, form, basic, endpoint_url)
    except ClientAuthError as error:
        # Keycloak's event log records every failed client login at WARN (type=CLIENT_LOGIN_ERROR, clientId,
        # error): the operator's view of a misconfigured client. Never the credential itself; %r keeps any
        # line break in the claimed client_id from forging a log line.
        claimed = basic[0] if basic is not None else form.get("client_id")
        current_app.logger.warning(
            "type=CLIENT_LOGIN_ERROR realm=%s clientId=%r error=%s", realm.name, claimed, error.description
        )
        raise


def _authenticate(
    provider: Provider, realm: Realm, form: Mapping[str, str], basic: tuple[str, str] | None, endpoint_url: str
) -> AuthenticatedClient:
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


def _client(provider: Provider, realm: Realm, client_id: str, method: str | None) -> ClientRecord:
    """The enabled client ``client_id``; with a ``method``, one registered for it."""
    record = provider.clients.get(client_id, realm.name)
    if record is None or not record.config.enabled:
        raise ClientAuthError(provider, "Invalid client or Invalid client credentials")
    if method is not None and method not in record.config.token_endpoint_auth_methods:
        raise ClientAuthError(provider, f"Client authentication method {method} is not allowed for this client")
    return record


def _by_secret(provider: Provider, realm: Realm, client_id: str, secret: str, *, method: str) -> AuthenticatedClient:
    record = _client(provider, realm, client_id, method)
    # The rotated secret is tried only after the current one fails, as ClientIdAndSecretAuthenticator does.
    if not record.check_secret(secret) and not _rotated_secret_matches(provider, record, secret):
        raise ClientAuthError(provider, "Invalid client or Invalid client credentials")
    return AuthenticatedClient(record, method)


def _by_assertion(provider: Provider, realm: Realm, assertion: str, endpoint_url: str) -> AuthenticatedClient:
    try:
        compact = jws.extract_compact(assertion.encode())
        header, claims = compact.headers(), _unverified(compact)
    except (JoseError, ValueError, RecursionError) as exc:
        raise ClientAuthError(provider, "Malformed client assertion") from exc
    client_id = claims.get("iss")
    if not isinstance(client_id, str) or not client_id or claims.get("sub") != client_id:
        raise ClientAuthError(provider, "Client assertion iss and sub must both be the client_id")
    record = _client(provider, realm, client_id, None)
    # The algorithm must be one the client's registration allows (never "none"); the header only picks it.
    alg, kid = header.get("alg"), header.get("kid")
    method = algorithms.method_for(record.config, alg)
    if method is None or not isinstance(alg, str):
        raise ClientAuthError(provider, "Invalid signature algorithm")
    keys = _verification_keys(provider, record, method, alg, kid if isinstance(kid, str) else None)
    try:
        token = _verified(provider, assertion, keys, alg)
    except ClientAuthError:
        if method != algorithms.SECRET_JWT:
            raise
        # As JWTClientSecretAuthenticator: the rotated secret, still in its grace period, is tried next.
        token = _verified(provider, assertion, _rotated_hmac_keys(provider, record), alg)
    _check_assertion_claims(provider, realm, token.claims, endpoint_url)
    _consume_jti(provider, client_id, token.claims)
    return AuthenticatedClient(record, method)


def _unverified(compact: jws.CompactSignature) -> dict[str, Any]:
    """Read ``iss`` before verifying: it names the client whose key will verify the signature."""
    claims = json.loads(compact.payload, cls=StrictJSONDecoder)
    if not isinstance(claims, dict):
        raise ValueError("claims are not an object")
    return claims


def _verification_keys(provider: Provider, record: ClientRecord, method: str, alg: str, kid: str | None) -> list[Key]:
    if method == algorithms.SECRET_JWT:
        secret = provider.clients.secret_for_hmac(record)
        if secret is None:
            raise ClientAuthError(provider, "Client has no secret usable for client_secret_jwt")
        return [OctKey.import_key(secret)]
    try:
        key_set = client_key_set(provider, record.config, kid)
    except ClientKeysError as exc:
        raise ClientAuthError(provider, str(exc)) from exc
    if kid is not None and not algorithms.has_kid(key_set, kid):
        raise ClientAuthError(provider, "Client assertion is signed with an unknown key")
    keys = algorithms.verification_keys(key_set, alg, kid)
    if not keys:
        raise ClientAuthError(provider, "Invalid signature algorithm")
    return keys


def _rotated_secret_matches(provider: Provider, record: ClientRecord, secret: str) -> bool:
    # Only under a rotation policy (quirk rotated-secret=grace): a rotated secret a store kept from a run with one
    # is ignored without, as Keycloak ignores rotated secrets while its rotation feature is off.
    return _rotation_policy(provider) and rotation.matches(provider.store, record, secret, provider.now())


def _rotated_hmac_keys(provider: Provider, record: ClientRecord) -> list[Key]:
    secret = rotation.hmac_secret(provider.clients, record, provider.now()) if _rotation_policy(provider) else None
    return [] if secret is None else [OctKey.import_key(secret)]


def _rotation_policy(provider: Provider) -> bool:
    return provider.config.quirks.rotated_secret_grace_seconds > 0


def _verified(provider: Provider, assertion: str, keys: list[Key], alg: str) -> jwt.Token:
    for key in keys:
        try:
            return jwt.decode(assertion, key, algorithms=[alg], decoder_cls=StrictJSONDecoder)
        except (JoseError, ValueError):
            continue
    raise ClientAuthError(provider, "Client assertion signature is not valid")


def _check_assertion_claims(provider: Provider, realm: Realm, claims: dict[str, Any], endpoint_url: str) -> None:
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if not {endpoint_url, realm.token_endpoint, realm.issuer} & {a for a in audiences if isinstance(a, str)}:
        raise ClientAuthError(provider, "Client assertion audience is not this endpoint")
    if len(audiences) > 1 and not provider.config.quirks.several_assertion_audiences:
        # Keycloak >= 26.2 (AbstractBaseJWTValidator.validateTokenAudience); the quirk is the older behaviour.
        raise ClientAuthError(provider, "Multiple audiences not allowed")
    try:
        check_active(claims, provider.now())
    except AssertionTimeError as exc:
        raise ClientAuthError(provider, str(exc)) from exc
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti or len(jti) > MAX_JTI_LENGTH:
        raise ClientAuthError(provider, "Client assertion jti claim is required (a string)")


def _consume_jti(provider: Provider, client_id: str, claims: dict[str, Any]) -> None:
    """Remember the jti until the assertion's ``exp`` (+ skew): until then a replay is refused.

    Keycloak (``AbstractBaseJWTValidator.validateTokenReuse``) keeps it for ``min(exp - now, maxExp)``; past
    that its ``iat`` check refuses the assertion anyway, so keeping it to ``exp`` refuses the same replays.
    """
    table = schema.used_assertions
    jti = f"{client_id}:{claims['jti']}"
    now = provider.now()
    with provider.store.begin() as connection:
        connection.execute(sa.delete(table).where(table.c.expires_at < now - ALLOWED_CLOCK_SKEW))
        if connection.execute(sa.select(table.c.jti).where(table.c.jti == jti)).first():
            raise ClientAuthError(provider, "Client assertion has already been used")
        connection.execute(sa.insert(table).values(jti=jti, client_id=client_id, expires_at=float(claims["exp"])))

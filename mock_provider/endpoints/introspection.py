"""``POST {issuer}/protocol/openid-connect/token/introspect`` [S34][S35].

401 when client authentication fails; 200 ``{"active": false}`` for anything else that is not a live access
token, including refresh tokens and a ``token_type_hint`` that is missing or not ``bid_access_token``: the
hint "must be bid_access_token" [S34][S35] (it selects BankID's introspection provider; Keycloak's
``TokenIntrospectionEndpoint`` knows no other for these tokens), and a query that is otherwise invalid answers
``{"active": false}`` [S34].
"""

from __future__ import annotations

import hmac
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from flask import Response, jsonify, request
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from mock_provider.endpoints.realm import current_realm, form, realm_blueprint
from mock_provider.grants.session_tokens import TOKEN_DIGEST
from mock_provider.keys.compact import json_segment, verified_es256
from mock_provider.keys.keyring import SigningKey
from mock_provider.oauth.client_auth import ClientAuthError, authenticate_client
from mock_provider.provider import Provider, Realm, current_provider
from mock_provider.store.grants import Grant, digest

TOKEN_TYPE_HINT = "bid_access_token"


@realm_blueprint.post("/protocol/openid-connect/token/introspect")
def introspect() -> Response:
    provider, realm = current_provider(), current_realm()
    fields = form()
    try:
        authenticate_client(
            provider,
            realm,
            form=fields,
            authorization=request.headers.get("Authorization"),
            endpoint_url=realm.url("protocol/openid-connect/token/introspect"),
        )
    except ClientAuthError as error:
        error.status_code = 401  # introspection always answers 401 here, whatever the token endpoint does
        raise
    claims = live_access_token(provider, realm, fields.get("token", ""))
    hint = fields.get("token_type_hint")
    if claims is None or hint != TOKEN_TYPE_HINT or _revoked(provider, claims):
        return jsonify({"active": False})
    return jsonify({**claims, "active": True, "client_id": claims.get("azp")})


def _revoked(provider: Provider, claims: dict[str, Any]) -> bool:
    """A user's access token is dead once its login session was revoked (a reused code, a logout)."""
    record = provider.grants.get("access", str(claims.get("jti")))
    return record is not None and record.consumed_at is not None


def live_access_token(provider: Provider, realm: Realm, token: str) -> dict[str, Any] | None:
    """The claims of ``token`` if it is an unexpired access token this realm signed, else ``None``."""
    published = provider.keyring(realm.name).published("sig")
    claims = _plain_es256(published, token)
    if claims is None:
        keys = KeySet([k.key for k in published])
        try:
            claims = dict(jwt.decode(token, keys, algorithms=["ES256"]).claims)
        except (JoseError, ValueError, TypeError):
            return None
    return _live(provider, realm, claims)


def issued_access_token(
    provider: Provider, realm: Realm, token: str, claims: dict[str, Any], record: Grant
) -> dict[str, Any] | None:
    """``claims`` (read from ``token`` unverified) if ``record`` holds this very token's digest and its key is
    still published: the token is then byte for byte one this provider signed, and its signature need not be
    verified again (~70 µs). ``None`` sends the caller to ``live_access_token``, which verifies."""
    stored = record.payload.get(TOKEN_DIGEST)
    if not isinstance(stored, str) or not hmac.compare_digest(stored, digest(token)):
        return None
    header = json_segment(token, 0)
    published = provider.keyring(realm.name).published("sig")
    if not isinstance(header, dict) or not any(k.kid == header.get("kid") for k in published):
        return None  # e.g. signed by a key since retired, or by a fault profile's unpublished key: verify
    return _live(provider, realm, claims)


def _live(provider: Provider, realm: Realm, claims: dict[str, Any]) -> dict[str, Any] | None:
    if claims.get("iss") != realm.issuer or claims.get("typ") != "Bearer":
        return None
    if not isinstance(claims.get("exp"), int) or claims["exp"] <= provider.now():
        return None
    return claims


_PLAIN_HEADER = frozenset({"typ", "alg", "kid"})


def _plain_es256(published: list[SigningKey], token: str) -> dict[str, Any] | None:
    """The claims of a token shaped as this mock signs them (header ``typ, alg=ES256, kid`` of a published key)
    whose signature verifies, checked on ``cryptography`` directly; ``None`` leaves every other token, valid
    or not, to joserfc as before."""
    header = json_segment(token, 0)
    if not isinstance(header, dict) or header.keys() - _PLAIN_HEADER or header.get("alg") != "ES256":
        return None
    key = next((k for k in published if k.kid == header.get("kid")), None)
    if key is None or not isinstance(key.native_public, ec.EllipticCurvePublicKey):
        return None
    if not verified_es256(key.native_public, token):
        return None
    claims = json_segment(token, 1)
    return claims if isinstance(claims, dict) else None

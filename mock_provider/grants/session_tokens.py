"""Tokens for a logged-in user, shared by the authorization_code and refresh_token grants [S23][S25][S73].

The access token is a 300 s ES256 JWT without ``nonce`` (API v4 [S50]); it carries ``authorization_details``
and ``permission_digest`` when they came via PAR [S40]. Its ``jti`` is recorded under the login session's
family so a reused code can revoke it. ``refresh_expires_in`` is the refresh window (Keycloak style [S49]).
"""

from __future__ import annotations

from typing import Any

from mock_provider.config import ClientConfig
from mock_provider.oauth.authentication import Authentication, subject
from mock_provider.oauth.errors import InvalidGrantError
from mock_provider.oauth.id_token import id_token_claims
from mock_provider.oauth.responses import token_response
from mock_provider.oauth.tokens import access_token_claims, lifetime, mint_access_token, opaque_handle
from mock_provider.provider import Provider, Realm
from mock_provider.store.grants import NewGrant, digest
from mock_provider.users.model import TestUser

ACCESS_KIND = "access"
REFRESH_KIND = "refresh"
REFRESH_SECONDS = 600
# The access record's copy of its token's SHA-256: the token is then recognised byte for byte (userinfo).
TOKEN_DIGEST = "token_sha256"


def issue(provider: Provider, realm: Realm, client: ClientConfig, auth: Authentication) -> dict[str, Any]:
    user = provider.users.get(auth.nnin)
    if user is None:
        raise InvalidGrantError(description="The user of this grant no longer exists")
    claims = _access_claims(provider, realm, auth, user)
    access_token = mint_access_token(provider, realm, claims)
    id_token = provider.sign(realm, id_token_claims(provider, realm, client, auth, user, access_token))
    refresh_token = opaque_handle()
    # Both records in one transaction. The access record keeps the token's digest, so userinfo can recognise
    # the very token it issued without verifying its signature again.
    provider.grants.put_all(
        NewGrant(
            ACCESS_KIND,
            str(claims["jti"]),
            auth.client_id,
            realm.name,
            {"nnin": auth.nnin, "scope": list(auth.scope), TOKEN_DIGEST: digest(access_token)},
            lifetime(claims),
            auth.sid,
        ),
        NewGrant(
            REFRESH_KIND,
            refresh_token,
            client.client_id,
            realm.name,
            {"auth": auth.payload()},
            REFRESH_SECONDS,
            auth.sid,
        ),
    )
    return token_response(
        provider,
        access_token=access_token,
        scope=" ".join(auth.scope),
        expires_in=lifetime(claims),
        refresh_expires_in=REFRESH_SECONDS,
        refresh_token=refresh_token,
        id_token=id_token,
    )


def _access_claims(provider: Provider, realm: Realm, auth: Authentication, user: TestUser) -> dict[str, Any]:
    extra: dict[str, Any] = {"acr": auth.acr, "sid": auth.sid}
    if auth.authorization_details is not None:
        extra["authorization_details"] = auth.authorization_details
    if auth.permission_digest:
        extra["permission_digest"] = auth.permission_digest
    return access_token_claims(
        provider,
        realm,
        client_id=auth.client_id,
        scope=" ".join(auth.scope),
        subject=subject(realm, user),
        extra=extra,
        user=user,
    )

"""The ID token of API version 4 [S44][S45][S50], ES256-signed with a key from the realm's JWKS.

Always: ``iss aud azp typ=ID sub exp iat nonce acr amr[] bankid_altsub api_ver=4 at_hash``; ``exp - iat`` is
the 300 s token lifetime [S49]. ``name given_name family_name birthdate`` only with ``profile`` [S47];
``nnin_altsub`` only with that scope *and* an eligible client [S44]; ``permission_digest`` only after
``authorization_details`` via PAR [S40]; ``sign_result`` only
after a text signing [S63]. ``tid``, ``additionalCertInfo`` and ``session_state`` are gone in v4.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from typing import Any

from mock_provider.config import ClientConfig
from mock_provider.hooks import TokenContext
from mock_provider.oauth.authentication import Authentication, subject
from mock_provider.provider import Provider, Realm
from mock_provider.users.model import TestUser

API_VERSION = 4


def at_hash(access_token: str) -> str:
    """OIDC Core §3.1.3.6: the left half of the SHA-256 of the access token, base64url."""
    digest = hashlib.sha256(access_token.encode()).digest()
    return base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode()


def id_token_claims(
    provider: Provider,
    realm: Realm,
    client: ClientConfig,
    auth: Authentication,
    user: TestUser,
    access_token: str,
) -> dict[str, Any]:
    now = int(provider.now())
    client = provider.config.faults.registration(client)
    claims: dict[str, Any] = {
        "exp": now + provider.config.token_lifetime,
        "iat": now,
        "jti": str(uuid.uuid4()),
        "iss": realm.issuer,
        "aud": client.client_id,
        "sub": subject(realm, user),
        "typ": "ID",
        "azp": client.client_id,
        "nonce": auth.nonce,
        "sid": auth.sid,
        "at_hash": at_hash(access_token),
        "acr": auth.acr,
        "amr": list(auth.amr),
        "bankid_altsub": user.bankid_altsub,
        "api_ver": API_VERSION,
    }
    claims.update(_scoped_claims(client, auth, user))
    claims.update(_quirk_claims(provider, auth))
    if auth.permission_digest:
        claims["permission_digest"] = auth.permission_digest
    if auth.sign_result:
        claims["sign_result"] = auth.sign_result
    return provider.config.faults.id_token(claims, TokenContext(client.client_id, auth.scope, user))


# The issuer DN of a TestBank user certificate (the shape of the CURRENT example in [S78]).
ORIGINATOR = "CN=BankID - TestBank1 - Bank CA 3,OU=123456789,O=TestBank1 AS,C=NO;OriginatorId=9980"


def _quirk_claims(provider: Provider, auth: Authentication) -> dict[str, Any]:
    """``auth_time`` when max_age asked for it (OIDC Core §2; deprecated in v4 otherwise [S44]) or always (the
    auth-time quirk, Keycloak's TokenManager); ``originator`` only with the originator quirk [S44][S50]."""
    quirks = provider.config.quirks
    claims: dict[str, Any] = {}
    if auth.max_age is not None or quirks.auth_time_always:
        claims["auth_time"] = auth.auth_time
    if quirks.originator_claim and auth.acr.startswith(("urn:bankid:bid", "urn:bankid:bim")):
        claims["originator"] = ORIGINATOR
    return claims


def profile_claims(user: TestUser) -> dict[str, Any]:
    """The claims the ``profile`` scope releases [S47]."""
    return {
        "name": user.name,
        "given_name": user.given_name,
        "family_name": user.family_name,
        "birthdate": user.birthdate,
    }


def _scoped_claims(client: ClientConfig, auth: Authentication, user: TestUser) -> dict[str, Any]:
    claims: dict[str, Any] = {}
    if "profile" in auth.scope:
        claims.update(profile_claims(user))
    if "nnin_altsub" in auth.scope and client.nnin_eligible:
        claims["nnin_altsub"] = user.nnin
    return claims

"""``id_token_hint`` at the authorization endpoint (OIDC Core §3.1.2.1). BankID says only that it names a
previously issued ID token [S49]; the checks follow Keycloak, which accepts a hint only if this realm signed it
as an ID token for the requesting client (``TokenManager.verifyIDTokenSignature`` and the ``azp`` check of
Keycloak's ``LogoutEndpoint``). An expired hint still names a past session, so ``exp`` is not checked.
"""

from __future__ import annotations

from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from mock_provider.authorize.errors import invalid_request
from mock_provider.provider import Provider, Realm


def realm_id_token(provider: Provider, realm: Realm, token: str) -> dict[str, Any] | None:
    """The claims of an ID token this realm signed (expired or not), else ``None``; logout reads hints so too."""
    keys = KeySet([k.key for k in provider.keyrings[realm.name].published("sig")])
    try:
        claims = dict(jwt.decode(token, keys, algorithms=["ES256"]).claims)
    except (JoseError, ValueError, TypeError):
        return None
    return claims if claims.get("iss") == realm.issuer and claims.get("typ") == "ID" else None


def verified_hint(provider: Provider, realm: Realm, client_id: str, token: str) -> dict[str, Any]:
    """The hint's claims, or a redirected ``invalid_request`` when it is not this client's ID token."""
    claims = realm_id_token(provider, realm, token)
    if claims is None:
        raise invalid_request("Invalid id_token_hint")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if claims.get("azp") != client_id or client_id not in audiences:
        raise invalid_request("The id_token_hint was issued to another client")
    return claims

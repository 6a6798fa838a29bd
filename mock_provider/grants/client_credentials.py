"""``grant_type=client_credentials`` (RFC 6749 §4.4), as seen on CURRENT [S26]: a 300 s Bearer JWT,
``refresh_expires_in: 0`` and no ID token."""

from __future__ import annotations

from typing import Any

from mock_provider.grants.registry import GrantRequest, grant
from mock_provider.oauth.errors import InvalidScopeError
from mock_provider.oauth.responses import token_response
from mock_provider.oauth.tokens import access_token_claims, lifetime, mint_access_token


@grant("client_credentials")
def client_credentials(request: GrantRequest) -> dict[str, Any]:
    config = request.client.record.config
    requested = request.form.get("scope", "").split()
    allowed = [s for s in config.scopes if s != "openid"]
    unknown = [s for s in requested if s not in config.scopes]
    if unknown:
        raise InvalidScopeError(description=f"Invalid scopes: {' '.join(unknown)}")
    scope = " ".join(requested or allowed)
    claims = access_token_claims(request.provider, request.realm, client_id=config.client_id, scope=scope)
    token = mint_access_token(request.provider, request.realm, claims)
    return token_response(request.provider, access_token=token, scope=scope, expires_in=lifetime(claims))

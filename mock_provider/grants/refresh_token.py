"""``grant_type=refresh_token`` [S73]: rotation on every use; presenting a rotated refresh token again is
``invalid_grant`` and revokes the whole login session's tokens (OAuth 2.0 Security BCP §4.14.2)."""

from __future__ import annotations

from typing import Any

from mock_provider.grants.registry import GrantRequest, grant
from mock_provider.grants.session_tokens import REFRESH_KIND, issue
from mock_provider.oauth.authentication import Authentication
from mock_provider.oauth.errors import InvalidGrantError, InvalidRequestError, InvalidScopeError


@grant("refresh_token")
def refresh_token(request: GrantRequest) -> dict[str, Any]:
    token = request.form.get("refresh_token")
    if not token:
        raise InvalidRequestError(description="Missing parameter: refresh_token")
    grants = request.provider.grants
    consumed = grants.consume(REFRESH_KIND, token)
    found = consumed.grant
    if found is None or found.client_id != request.client.client_id or found.realm != request.realm.name:
        raise InvalidGrantError(description="Invalid refresh token")
    if not consumed.first_use:
        if found.family:
            grants.revoke_family(found.family)
        raise InvalidGrantError(description="Stale token")
    if found.expires_at <= request.provider.now():
        raise InvalidGrantError(description="Refresh token expired")
    auth = _narrowed(Authentication.from_payload(found.payload["auth"]), request.form.get("scope"))
    return issue(request.provider, request.realm, request.client.record.config, auth)


def _narrowed(auth: Authentication, scope: str | None) -> Authentication:
    """RFC 6749 §6: a refresh may ask for fewer scopes, never more."""
    if not scope:
        return auth
    requested = tuple(dict.fromkeys(scope.split()))
    if not set(requested) <= set(auth.scope):
        raise InvalidScopeError(description="Requested scope exceeds the original grant")
    return Authentication.from_payload({**auth.payload(), "scope": list(requested)})

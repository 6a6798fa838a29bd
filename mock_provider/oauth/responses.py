"""The token response body, Keycloak-shaped (PROVIDER-FACTS §2.2)."""

from __future__ import annotations

from typing import Any

from mock_provider.provider import Provider


def token_response(
    provider: Provider,
    *,
    access_token: str,
    scope: str,
    expires_in: int,
    refresh_expires_in: int = 0,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "access_token": access_token,
        "expires_in": expires_in,
        "refresh_expires_in": refresh_expires_in,
        # API v3+ fixed the lower-case "bearer" of older releases [S50][S51].
        "token_type": "Bearer",
        "not-before-policy": 0,
        "scope": scope,
    }
    body.update(extra)
    return body

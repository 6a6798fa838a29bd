"""The admin guard: a constant-time bearer-token check in front of every ``/admin`` route."""

from __future__ import annotations

import hmac

from flask import Blueprint, request

from mock_provider.oauth.errors import NotFoundError, OAuth2Error
from mock_provider.provider import current_provider

admin_blueprint = Blueprint("admin", __name__, url_prefix="/admin")


class AdminAuthError(OAuth2Error):
    error = "invalid_token"
    status_code = 401


@admin_blueprint.before_request
def _require_admin_token() -> None:
    expected = current_provider().config.admin_token
    if not expected:
        # Without a configured token the admin API does not exist at all.
        raise NotFoundError(description="The admin API is disabled (no admin token configured)")
    header = request.headers.get("Authorization", "")
    scheme, _, presented = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise AdminAuthError(description="A valid admin bearer token is required")


@admin_blueprint.get("/health")
def health() -> dict[str, object]:
    provider = current_provider()
    return {"status": "ok", "release": provider.config.release, "schema": provider.store.revision()}

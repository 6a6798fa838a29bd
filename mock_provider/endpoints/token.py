"""``POST {issuer}/protocol/openid-connect/token`` [S23][S25]: authenticate the client, then the grant."""

from __future__ import annotations

from flask import Response, jsonify, request

from mock_provider.endpoints.realm import current_realm, form, realm_blueprint
from mock_provider.grants import GRANTS, GrantRequest
from mock_provider.oauth.client_auth import authenticate_client
from mock_provider.oauth.errors import (
    InvalidRequestError,
    OAuth2Error,
    UnauthorizedClientError,
    UnsupportedGrantTypeError,
)
from mock_provider.provider import current_provider


@realm_blueprint.post("/protocol/openid-connect/token")
def token() -> Response:
    provider, realm = current_provider(), current_realm()
    fields = form()
    client = authenticate_client(
        provider,
        realm,
        form=fields,
        authorization=request.headers.get("Authorization"),
        endpoint_url=realm.token_endpoint,
    )
    grant_type = fields.get("grant_type")
    if not grant_type:
        raise InvalidRequestError(description="Missing form parameter: grant_type")
    handler = GRANTS.get(grant_type)
    if handler is None:
        raise OAuth2Error(
            error=UnsupportedGrantTypeError.error, description=f"Unsupported grant_type: {grant_type}", status_code=400
        )
    if handler is None or grant_type not in client.record.config.grant_types:
        raise UnauthorizedClientError(description=f"Client not allowed to use grant_type {grant_type}")
    response = jsonify(handler(GrantRequest(provider, realm, client, fields)))
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response

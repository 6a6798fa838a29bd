"""Pushed authorization requests, ``POST {issuer}/protocol/openid-connect/ext/par/request`` [S39][S40]
(RFC 9126): client-authenticated (otherwise the token endpoint's client-authentication error, 401 by default: Keycloak's
ParEndpoint authenticates clients as its token endpoint does, and BankID's exact status is UNCLEAR, quirk
``client-auth-status``), validated like an authorization request,
answered ``201 {request_uri, expires_in}``. The ``request_uri`` works once, for 60 s, for that client only.
``authorization_details`` is accepted here and nowhere else [S40].
"""

from __future__ import annotations

from flask import Response, jsonify, request

from mock_provider.authorize import request_object
from mock_provider.authorize.errors import AuthorizeError
from mock_provider.authorize.request import build
from mock_provider.authorize.resolve import PAR_KIND, REQUEST_URI_PREFIX, supplied_redirect_uri
from mock_provider.authorize.validators import AuthorizeInput
from mock_provider.config import ClientConfig
from mock_provider.endpoints.realm import current_realm, form, realm_blueprint
from mock_provider.oauth.client_auth import authenticate_client
from mock_provider.oauth.errors import InvalidRequestError, OAuth2Error
from mock_provider.oauth.tokens import opaque_handle
from mock_provider.provider import Provider, Realm, current_provider

PATH = "protocol/openid-connect/ext/par/request"
REQUEST_URI_SECONDS = 60
_AUTH_FIELDS = ("client_secret", "client_assertion", "client_assertion_type")


@realm_blueprint.post(f"/{PATH}")
def pushed_authorization_request() -> Response:
    provider, realm = current_provider(), current_realm()
    fields = form()
    client = _client(provider, realm, fields)
    params = {k: v for k, v in fields.items() if k not in _AUTH_FIELDS}
    if "request_uri" in params:
        raise InvalidRequestError(description="request_uri must not be pushed")
    if params.setdefault("client_id", client.client_id) != client.client_id:
        raise InvalidRequestError(description="client_id does not match the authenticated client")
    params = _validated(provider, realm, client, params)
    request_uri = REQUEST_URI_PREFIX + opaque_handle()
    provider.grants.put(
        PAR_KIND,
        request_uri,
        client_id=client.client_id,
        realm=realm.name,
        payload={"params": params},
        lifetime=REQUEST_URI_SECONDS,
    )
    response = jsonify({"request_uri": request_uri, "expires_in": REQUEST_URI_SECONDS})
    response.status_code = provider.config.quirks.par_status
    response.headers["Cache-Control"] = "no-store"
    return response


def _client(provider: Provider, realm: Realm, fields: dict[str, str]) -> ClientConfig:
    return authenticate_client(
        provider,
        realm,
        form=fields,
        authorization=request.headers.get("Authorization"),
        endpoint_url=realm.url(PATH),
    ).record.config


def _validated(provider: Provider, realm: Realm, client: ClientConfig, params: dict[str, str]) -> dict[str, str]:
    """The pushed parameters (request object expanded), or a 400 JSON error naming the first problem."""
    try:
        expanded = request_object.expand(provider, realm, client, params).params
        redirect_uri = supplied_redirect_uri(expanded)
        build(provider, AuthorizeInput(expanded, client, redirect_uri, via_par=True, quirks=provider.config.quirks))
    except AuthorizeError as error:
        raise OAuth2Error(error=error.error, description=error.description, status_code=400) from error
    return expanded

"""End session, ``GET|POST {issuer}/protocol/openid-connect/logout`` [S8], like Keycloak's RP-initiated logout
(OpenID Connect RP-Initiated Logout 1.0; BankID documents no parameters, so this is INFERRED [S49]).

``id_token_hint`` (an ID token this realm signed; it may have expired) names the client and the login
session, whose refresh and access tokens are revoked. ``post_logout_redirect_uri`` must be one of the client's
registered redirect URIs and needs ``id_token_hint`` or ``client_id``; the redirect carries ``state``.
Without a redirect the answer is a "logged out" page. Every failure is an HTML error page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask import Response, render_template, request

from mock_provider.authorize.errors import PageError
from mock_provider.authorize.id_token_hint import realm_id_token
from mock_provider.authorize.respond import error_page
from mock_provider.endpoints.realm import current_realm, realm_blueprint
from mock_provider.provider import Provider, Realm, current_provider


@realm_blueprint.route("/protocol/openid-connect/logout", methods=["GET", "POST"])
def end_session() -> Response:
    provider, realm = current_provider(), current_realm()
    params = {key: request.values.get(key, "") for key in request.values}
    try:
        hint = _hint(provider, realm, params.get("id_token_hint"))
        client_id = params.get("client_id") or (str(hint.get("azp", "")) if hint else "")
        if hint and client_id != hint.get("azp"):
            raise PageError("invalid_request", "client_id does not match the id_token_hint")
        redirect = _redirect(provider, realm, client_id, params.get("post_logout_redirect_uri"))
    except PageError as error:
        return error_page(error)
    if hint and hint.get("sid"):
        provider.grants.revoke_family(str(hint["sid"]))
    if redirect is None:
        return Response(render_template("logged_out.html"), status=200, content_type="text/html; charset=utf-8")
    state = params.get("state")
    return Response(status=302, headers={"Location": _with_state(redirect, state), "Cache-Control": "no-store"})


def _hint(provider: Provider, realm: Realm, token: str | None) -> dict[str, Any] | None:
    if not token:
        return None
    claims = realm_id_token(provider, realm, token)
    if claims is None:
        raise PageError("invalid_request", "Invalid id_token_hint")
    return claims


def _redirect(provider: Provider, realm: Realm, client_id: str, uri: str | None) -> str | None:
    if not uri:
        return None
    if not client_id:
        raise PageError("invalid_request", "Missing parameters: id_token_hint")
    record = provider.clients.get(client_id, realm.name)
    if record is None or uri not in record.config.redirect_uris:
        raise PageError("invalid_redirect_uri", "Invalid redirect uri")
    return uri


def _with_state(uri: str, state: str | None) -> str:
    if not state:
        return uri
    parts = urlsplit(uri)
    query = urlencode({"state": state})
    return urlunsplit(parts._replace(query=f"{parts.query}&{query}" if parts.query else query))

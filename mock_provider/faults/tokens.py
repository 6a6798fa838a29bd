"""Faults at the token endpoint and in the tokens it issues (BID-R17..R23, R44..R50)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from werkzeug.wrappers import Request, Response

from mock_provider.faults.http import answer, ask, instead, json_of, json_response, on, with_form
from mock_provider.hooks import FaultProfile, Json, TokenContext, without
from mock_provider.oauth.id_token import profile_claims

TOKEN = "/protocol/openid-connect/token"
LONG = 3600


def lives(seconds: int) -> Callable[[Json, TokenContext], Json]:
    return lambda claims, context: {**claims, "exp": claims["iat"] + seconds}


def _server_error(request: Request) -> Response:
    return json_response({"error": "server_error", "error_description": "injected fault"}, 500)


def _lowercase_bearer(request: Request, response: Response) -> Response:
    if response.status_code != 200:
        return response
    return json_response({**json_of(response), "token_type": "bearer"}, 200, response)


def _password_as_client_credentials(request: Request) -> Request:
    """A Keycloak realm default left on: the resource-owner password grant issues tokens."""
    if request.form.get("grant_type") != "password":
        return request
    form = {k: v for k, v in request.form.items() if k not in ("username", "password")}
    return with_form(request, {**form, "grant_type": "client_credentials"})


def _tid(claims: Json, context: TokenContext) -> Json:
    return {**claims, "tid": str(uuid.uuid4()), "additionalCertInfo": {"certQualified": True}}


def _string_amr(claims: Json, context: TokenContext) -> Json:
    return {**claims, "amr": claims["amr"][0]}


def _profile_always(claims: Json, context: TokenContext) -> Json:
    return {**claims, **profile_claims(context.user)} if context.user else claims


PROFILES = {
    "long-tokens": FaultProfile(access_token=lives(LONG)),
    "lowercase-bearer": FaultProfile(interceptor=answer(on(TOKEN, "POST"), _lowercase_bearer)),
    "password-grant": FaultProfile(interceptor=ask(on(TOKEN, "POST"), _password_as_client_credentials)),
    "token-500": FaultProfile(interceptor=instead(on(TOKEN, "POST"), _server_error)),
    "code-reusable": FaultProfile(code_exchange=without("single_use")),
    "pkce-not-verified": FaultProfile(code_exchange=without("pkce_verifier")),
    "id-token-long-lived": FaultProfile(id_token=lives(LONG)),
    "id-token-tid": FaultProfile(id_token=_tid),
    "id-token-string-amr": FaultProfile(id_token=_string_amr),
    "id-token-profile-without-scope": FaultProfile(id_token=_profile_always),
}

"""Faults in the authorize front channel, the login dialog and the callback (BID-R31..R38, R41..R43,
R48, R49, R51..R53)."""

from __future__ import annotations

import dataclasses
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

from werkzeug.wrappers import Request, Response

from mock_provider.authorize.errors import RedirectError, invalid_request
from mock_provider.authorize.validators import AuthorizeInput
from mock_provider.config import ClientConfig
from mock_provider.faults.http import answer, as_get, ask, on
from mock_provider.hooks import FaultProfile, Json, TokenContext, adding, replacing, without

AUTHORIZE = "/precheck/auth"


def _advertised_or_plain(request: AuthorizeInput) -> None:
    """Plain PKCE accepted although discovery does not advertise it (what BID-R35 catches)."""
    method = request.params.get("code_challenge_method", "plain")
    if method not in (*request.quirks.code_challenge_methods, "plain"):
        raise invalid_request("code_challenge_method must be S256")


def _refuse_bid(request: AuthorizeInput) -> None:
    if "urn:bankid:bid" in request.params.get("acr_values", "").split():
        raise RedirectError("unauthorized_client", "The client may not use urn:bankid:bid")


def _redirect(location: str) -> Response:
    return Response(status=303, headers={"Location": location, "Cache-Control": "no-store"})


def _unknown_client_redirect(request: Request, response: Response) -> Response:
    """Trusting a ``redirect_uri`` that no known client registered (what BID-R31 catches)."""
    supplied = request.args.get("redirect_uri")
    if response.status_code == 303 or not supplied or b"Client not found" not in response.get_data():
        return response
    params = {"error": "unauthorized_client", "state": request.args.get("state", "")}
    return _redirect(f"{supplied}?{urlencode(params)}")


def _implicit_token(request: Request, response: Response) -> Response:
    """An implicit-flow token delivered straight into the fragment (what BID-R34 catches)."""
    location = response.headers.get("Location", "")
    error = parse_qs(urlsplit(location).query).get("error", [""])[0]
    if error != "unsupported_response_type":
        return response
    base = location.split("?", 1)[0]
    params = {"access_token": secrets.token_urlsafe(32), "token_type": "Bearer", "state": request.args.get("state", "")}
    return _redirect(f"{base}#{urlencode(params)}")


def _leak_nnin(params: Json, context: TokenContext) -> Json:
    return {**params, "nnin": context.user.nnin} if "code" in params and context.user else params


def _other_state(params: Json, context: TokenContext) -> Json:
    return {**params, "state": secrets.token_urlsafe(16)} if "code" in params else params


def _drop_state_on_denial(params: Json, context: TokenContext) -> Json:
    return {k: v for k, v in params.items() if k != "state"} if params.get("error") == "access_denied" else params


def _registration(**changes: object) -> FaultProfile:
    return FaultProfile(registration=lambda client: dataclasses.replace(client, **changes))  # type: ignore[arg-type]


def _client_id_as_display_name(client: ClientConfig) -> ClientConfig:
    return dataclasses.replace(client, display_name=client.merchant_certificate_cn or client.client_id)


PROFILES = {
    "authorize-plain-pkce": FaultProfile(authorize=replacing("code_challenge_method_advertised", _advertised_or_plain)),
    "authorize-unregistered-redirect": FaultProfile(authorize=without("redirect_uri_registered")),
    "authorize-authorization-details": FaultProfile(authorize=without("authorization_details_only_via_par")),
    "authorize-optional-state-nonce": FaultProfile(authorize=without("state_present", "nonce_present")),
    "authorize-optional-openid": FaultProfile(authorize=without("openid_scope")),
    "authorize-clear-nnin-hint": FaultProfile(authorize=without("no_clear_nnin_hint")),
    "authorize-refuses-bid": FaultProfile(authorize=adding("refuse_bid", _refuse_bid)),
    "authorize-old-api-version": FaultProfile(authorize=without("api_version_4")),
    "authorize-unknown-client-redirect": FaultProfile(interceptor=answer(on(AUTHORIZE), _unknown_client_redirect)),
    "authorize-post": FaultProfile(interceptor=ask(on(AUTHORIZE, "POST"), as_get)),
    "authorize-implicit-token": FaultProfile(interceptor=answer(on(AUTHORIZE), _implicit_token)),
    "callback-leaks-nnin": FaultProfile(authorization_response=_leak_nnin),
    "callback-other-state": FaultProfile(authorization_response=_other_state),
    "cancel-drops-state": FaultProfile(authorization_response=_drop_state_on_denial),
    "login-hides-display-name": FaultProfile(registration=_client_id_as_display_name),
    "bis-for-every-client": _registration(bis_enabled=True),
    "bis-ignored": _registration(bis_enabled=False),
    "nnin-altsub-ignores-eligibility": _registration(nnin_eligible=True),
}

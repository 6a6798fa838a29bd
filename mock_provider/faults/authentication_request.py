"""Faults in the optional authentication-request parameters (BID-R60, R64, R65, R67, R68): each drops or refuses
one thing a faithful provider honours. R61-R63 and R66 need no fault: their quirks (auth-time, originator, sso,
bim) already show the other behaviour."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from werkzeug.wrappers import Request

from mock_provider.authorize.errors import invalid_request
from mock_provider.authorize.validators import AuthorizeInput
from mock_provider.faults.http import ask, on, with_form
from mock_provider.hooks import FaultProfile, Json, TokenContext, adding, replayable

AUTHORIZE = "/precheck/auth"
INTROSPECT = "/protocol/openid-connect/token/introspect"


def _one_acr_only(request: AuthorizeInput) -> None:
    """Several acr_values refused, as before API v3 (what BID-R65 catches)."""
    if len(request.params.get("acr_values", "").split()) > 1:
        raise invalid_request("acr_values: only one value is supported")


def _dropping(*names: str) -> FaultProfile:
    """The authorize query without ``names``: the provider never sees them (ignores them)."""

    def rewrite(request: Request) -> Request:
        kept = [(k, v) for k, v in parse_qsl(request.query_string.decode("latin-1")) if k not in names]
        return replayable(request.environ, QUERY_STRING=urlencode(kept))

    return FaultProfile(interceptor=ask(on(AUTHORIZE), rewrite))


def _assume_hint(request: Request) -> Request:
    """A missing ``token_type_hint`` taken as ``bid_access_token`` (what BID-R67 warns about)."""
    form = dict(parse_qsl(request.get_data(cache=True).decode("latin-1")))
    return with_form(request, {"token_type_hint": "bid_access_token", **form})


def _no_auth_time(claims: Json, context: TokenContext) -> Json:
    return {k: v for k, v in claims.items() if k != "auth_time"}


PROFILES = {
    "authorize-refuses-several-acr": FaultProfile(authorize=adding("one_acr_only", _one_acr_only)),
    "id-token-hint-ignored": _dropping("id_token_hint"),
    "max-age-ignored": _dropping("max_age"),
    "id-token-no-auth-time": FaultProfile(id_token=_no_auth_time),
    "introspect-assumes-hint": FaultProfile(interceptor=ask(on(INTROSPECT, "POST"), _assume_hint)),
}

"""Token and introspection requests, exactly as an integrator's client sends them [S23][S34]."""

from __future__ import annotations

from harness.http import HttpSession, Reply
from harness.rp.client_auth import Authenticated

TOKEN_TYPE_HINT = "bid_access_token"


def post_form(http: HttpSession, url: str, form: dict[str, str], auth: Authenticated | None = None) -> Reply:
    auth = auth or Authenticated()
    return http.post(url, data={**form, **auth.form}, auth=auth.basic)


def client_credentials(http: HttpSession, token_endpoint: str, auth: Authenticated, scope: str | None) -> Reply:
    form = {"grant_type": "client_credentials"}
    if scope:
        form["scope"] = scope
    return post_form(http, token_endpoint, form, auth)


def introspect(
    http: HttpSession, endpoint: str, token: str, auth: Authenticated | None, *, hint: str = TOKEN_TYPE_HINT
) -> Reply:
    return post_form(http, endpoint, {"token": token, "token_type_hint": hint}, auth)


def exchange_code(
    http: HttpSession,
    token_endpoint: str,
    auth: Authenticated,
    *,
    code: str,
    redirect_uri: str,
    verifier: str | None,
) -> Reply:
    """The authorization_code grant with the PKCE verifier (RFC 6749 §4.1.3, RFC 7636 §4.5) [S23][S25]."""
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    if verifier is not None:
        form["code_verifier"] = verifier
    return post_form(http, token_endpoint, form, auth)


def refresh(http: HttpSession, token_endpoint: str, auth: Authenticated, refresh_token: str) -> Reply:
    """The refresh_token grant (RFC 6749 §6) [S73]."""
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    return post_form(http, token_endpoint, form, auth)

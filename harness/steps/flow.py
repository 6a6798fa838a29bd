"""Steps for the user-facing code flow (rules BID-R43, R44, R49-R52): a test user logs in through the
target's login driver, and the client exchanges and refreshes the code as an integrator's client does."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, then, when

from harness.http import HttpSession, Reply
from harness.login import view_dialog
from harness.rp.authorize import AuthorizationRequest
from harness.rp.callback import Callback
from harness.rp.client_auth import client_auth
from harness.rp.discovery import Discovery
from harness.rp.front_channel import authorization_url
from harness.rp.jose import VerificationFailed, peek
from harness.rp.token import exchange_code, refresh
from harness.rules import Inconclusive
from harness.rules.bankid import code_grant as grant_rules
from harness.rules.bankid import credentials as credential_rules
from harness.rules.bankid import login as rules
from harness.target import ClientCredentials, Target
from harness.testbank import LoginChoice


@given(parsers.parse("the request asks for the response mode {mode}"), target_fixture="auth_request")
def response_mode(auth_request: AuthorizationRequest, mode: str) -> AuthorizationRequest:
    return auth_request.with_params(response_mode=mode)


@given(parsers.parse('the request carries the login hint "{hint}"'), target_fixture="auth_request")
def login_hint(auth_request: AuthorizationRequest, hint: str) -> AuthorizationRequest:
    return auth_request.with_params(login_hint=hint)


def client_of(target: Target, client_id: str) -> ClientCredentials | None:
    """The target's credentials for ``client_id`` (the main client or one in a role), to push its requests."""
    known = [target.client, *target.clients.values()]
    return next((client for client in known if client is not None and client.client_id == client_id), None)


def login_url(http: HttpSession, target: Target, discovery: Discovery, request: AuthorizationRequest) -> str:
    return authorization_url(http, discovery, request, client_of(target, request.client_id))


def log_in(http: HttpSession, target: Target, url: str, request: AuthorizationRequest, choice: LoginChoice) -> Callback:
    driver = target.require_login()
    callback: Callback = driver(http, url, redirect_uri=request.redirect_uri, choice=choice)
    return callback


def start_login(
    http: HttpSession, target: Target, discovery: Discovery, request: AuthorizationRequest, choice: LoginChoice
) -> Callback:
    # The driver is required first: a target without one pushes nothing it cannot use (PAR is rate-capped live).
    target.require_login()
    return log_in(http, target, login_url(http, target, discovery, request), request, choice)


@given("the test user has logged in", target_fixture="callback")
@when("the test user logs in", target_fixture="callback")
def logs_in(http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest) -> Callback:
    return start_login(http, target, discovery, auth_request, LoginChoice())


@when("the test user logs in choosing BankID with biometrics", target_fixture="callback")
def logs_in_with_bis(
    http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest
) -> Callback:
    return start_login(http, target, discovery, auth_request, LoginChoice(idp="BIS"))


@when("the test user cancels the login", target_fixture="callback")
def cancels(http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest) -> Callback:
    return start_login(http, target, discovery, auth_request, LoginChoice(cancel=True))


@when("the user opens the login dialog", target_fixture="dialog")
def opens_dialog(http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest) -> Reply:
    # Through the browser driver when there is one: the rule judges the dialog as a user sees it.
    return view_dialog(target.login, http, login_url(http, target, discovery, auth_request))


def code_of(callback: Callback) -> str:
    if not callback.code:
        raise Inconclusive(f"the login returned no code to exchange (error {callback.error!r})")
    return callback.code


def exchange(
    http: HttpSession,
    client: ClientCredentials,
    discovery: Discovery,
    request: AuthorizationRequest,
    code: str,
    **changes: Any,
) -> Reply:
    endpoint = discovery.endpoint("token_endpoint")
    auth = client_auth("client_secret_basic", client, audience=endpoint)
    values: dict[str, Any] = {"redirect_uri": request.redirect_uri, "verifier": request.code_verifier, **changes}
    return exchange_code(http, endpoint, auth, code=code, **values)


@when("the client exchanges the code", target_fixture="token_reply")
def exchanges(
    http: HttpSession,
    client: ClientCredentials,
    discovery: Discovery,
    auth_request: AuthorizationRequest,
    callback: Callback,
) -> Reply:
    return exchange(http, client, discovery, auth_request, code_of(callback))


MISTAKES: dict[str, dict[str, str | None]] = {
    "with a wrong code_verifier": {"verifier": "w" * 64},
    "without a code_verifier": {"verifier": None},
    "with another redirect_uri": {"redirect_uri": "https://rp.conformance.example/other"},
}


@when(parsers.parse("the client exchanges the code {mistake}"), target_fixture="token_reply")
def exchanges_wrongly(
    http: HttpSession,
    client: ClientCredentials,
    discovery: Discovery,
    auth_request: AuthorizationRequest,
    callback: Callback,
    mistake: str,
) -> Reply:
    code = code_of(callback)
    if mistake == "a second time":
        exchange(http, client, discovery, auth_request, code)
        return exchange(http, client, discovery, auth_request, code)
    return exchange(http, client, discovery, auth_request, code, **MISTAKES[mistake])


@when("the client refreshes the tokens", target_fixture="token_reply")
def refreshes(http: HttpSession, client: ClientCredentials, discovery: Discovery, token_reply: Reply) -> Reply:
    token = (token_reply.json_object() or {}).get("refresh_token")
    if not isinstance(token, str):
        raise Inconclusive(f"the token response has no refresh_token (HTTP {token_reply.status})")
    endpoint = discovery.endpoint("token_endpoint")
    return refresh(http, endpoint, client_auth("client_secret_basic", client, audience=endpoint), token)


def id_token_claims(token_reply: Reply) -> dict[str, Any]:
    """The ID token's claims, unverified (BID-R45 judges the signature); inconclusive without one."""
    raw = (token_reply.json_object() or {}).get("id_token")
    try:
        return peek(str(raw))[1] if raw else _missing(token_reply)
    except VerificationFailed as exc:
        raise Inconclusive(f"the ID token cannot be read: {exc}") from exc


def _missing(token_reply: Reply) -> dict[str, Any]:
    raise Inconclusive(f"the token response has no id_token (HTTP {token_reply.status})")


@then("the callback carries the code and the same state")
def code_callback(callback: Callback, auth_request: AuthorizationRequest) -> None:
    rules.code_callback(callback, auth_request.sent_state())


@then("the login is denied with access_denied and the same state")
def denied(callback: Callback, auth_request: AuthorizationRequest) -> None:
    rules.cancel_denied(callback, auth_request.sent_state())


@then("the error description carries BankID error codes")
def denied_codes(callback: Callback) -> None:
    rules.cancel_codes(callback)


def _display_name(target: Target) -> str:
    name = target.client.display_name if target.client else None
    if not name:
        raise Inconclusive(f"target {target.name} does not say which display name its client was provisioned with")
    return name


@then("the dialog shows the client's display name")
def display_name(dialog: Reply, target: Target) -> None:
    rules.dialog_shows_display_name(dialog, _display_name(target))


@then("the dialog shows the display name the client was provisioned with")
def provisioned_display_name(dialog: Reply, target: Target) -> None:
    credential_rules.display_name_shown(dialog, _display_name(target))


@then("the code exchange is refused as invalid_grant")
def invalid_grant(token_reply: Reply) -> None:
    grant_rules.bad_exchange_refused(token_reply)


@then("expires_in equals the ID token's lifetime")
def expires_in(token_reply: Reply) -> None:
    grant_rules.expires_in_synced(token_reply, id_token_claims(token_reply))

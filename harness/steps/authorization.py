"""Steps for the authorize front channel (rules BID-R31…R38, R42, R53, R54): build a good request, change
one named thing about it, send it, and judge only the first response."""

from __future__ import annotations

import base64
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from pytest_bdd import given, parsers, then, when

from harness.http import HttpSession, Reply
from harness.rp.authorize import AuthorizationRequest
from harness.rp.dialog import landing_page
from harness.rp.discovery import Discovery
from harness.rp.front_channel import enter, first_answer, plain_only
from harness.rules import Inconclusive
from harness.rules.bankid import authorization as rules
from harness.steps.flow import client_of
from harness.target import ClientCredentials, Target

CLEAR_NNIN = "07025312345"  # the documentation's example NNIN [S18]
Change = Callable[[AuthorizationRequest], dict[str, str | None]]


def _other_redirect(uri: str, how: str) -> str:
    scheme, rest = uri.split("://", 1)
    host, _, path = rest.partition("/")
    return {
        "trailing slash": f"{uri}/",
        "extra query": f"{uri}{'&' if '?' in uri else '?'}extra=1",
        "other host": f"{scheme}://attacker.example/{path}",
        # The scheme the registered URI does not have: an http loopback URI is registered as such.
        "other scheme": f"{'https' if scheme == 'http' else 'http'}://{host}/{path}",
    }[how]


REDIRECT_CHANGES = ("trailing slash", "extra query", "other host", "other scheme")


def _redirect_change(how: str) -> Change:
    return lambda r: {"redirect_uri": _other_redirect(r.redirect_uri, how)}


def _sign_text(length: int) -> str:
    return base64.b64encode(("Jeg godkjenner " * 20)[:length].encode()).decode()


# Every way a scenario changes a good request, by the name the feature uses.
VARIATIONS: dict[str, Change] = {
    "as it is": lambda r: {},
    "for an unknown client_id": lambda r: {"client_id": f"unknown-{secrets.token_hex(6)}-bankid-current"},
    "without a code_challenge": lambda r: {"code_challenge": None},
    "without a code_challenge_method": lambda r: {"code_challenge_method": None},
    "with code_challenge_method plain": lambda r: {"code_challenge_method": "plain", "code_challenge": r.code_verifier},
    "with a 42-character S256 challenge": lambda r: {"code_challenge": r.code_challenge[:42]},
    "with a 44-character S256 challenge": lambda r: {"code_challenge": r.code_challenge + "A"},
    "without a state": lambda r: {"state": None},
    "without a nonce": lambda r: {"nonce": None},
    "with the scope profile only": lambda r: {"scope": "profile"},
    "with login_hint BID and a clear nnin": lambda r: {"login_hint": f"BID:{CLEAR_NNIN}"},
    "with login_hint colon and a clear nnin": lambda r: {"login_hint": f":{CLEAR_NNIN}"},
    "with response_type token": lambda r: {"response_type": "token"},
    "with response_type id_token": lambda r: {"response_type": "id_token"},
    "with response_type id_token token": lambda r: {"response_type": "id_token token"},
    "with api_version 1": lambda r: {"api_version": "1"},
    "with api_version 3": lambda r: {"api_version": "3"},
    "with a 119-character BIM sign text": lambda r: {
        "scope": f"{r.scope} sign",
        "login_hint": "BIM",
        "sign_txt": _sign_text(119),
    },
    "with authorization_details": lambda r: {
        "authorization_details": json.dumps([{"type": "payment.v1", "permission": "eyJhbW91bnQiOiIxMDAifQ"}]),
    },
    **{f"with the redirect_uri changed by {how}": _redirect_change(how) for how in REDIRECT_CHANGES},
}


# Judged on the plain URL whatever the provider requires: an attacker's crafted link is always a plain URL (it
# holds no credentials to push with), and a provider that requires PAR must still never redirect to nor log in
# an untrusted client or redirect URI (RFC 9126 §5 changes what is accepted, not how a refusal is shown).
UNTRUSTED = ("for an unknown client_id", *(f"with the redirect_uri changed by {how}" for how in REDIRECT_CHANGES))
# What only a plain URL can show: a clear nnin is allowed in a pushed request [S52], so its refusal on the front
# channel cannot be judged where the provider accepts nothing but pushed requests.
PLAIN_ONLY = {
    "with login_hint BID and a clear nnin": "a clear-text nnin login_hint",
    "with login_hint colon and a clear nnin": "a clear-text nnin login_hint",
}


@dataclass(frozen=True)
class Sent:
    """The request as it went out (after its variation) and the provider's first response."""

    request: AuthorizationRequest
    reply: Reply

    @property
    def redirect_uri(self) -> str:
        return self.request.params().get("redirect_uri", self.request.redirect_uri)


@given(parsers.parse('an authorization request for the scope "{scope}"'), target_fixture="auth_request")
def auth_request(target: Target, scope: str) -> AuthorizationRequest:
    redirect_uri = target.require_redirect_uri()
    assert target.client is not None  # require_redirect_uri guarantees a client
    return AuthorizationRequest(client_id=target.client.client_id, redirect_uri=redirect_uri, scope=scope)


@given(
    parsers.parse('an authorization request from that client for the scope "{scope}"'), target_fixture="auth_request"
)
def client_auth_request(client: ClientCredentials, scope: str) -> AuthorizationRequest:
    assert client.redirect_uri is not None  # a client in a role always has one (Target.require_client)
    return AuthorizationRequest(client_id=client.client_id, redirect_uri=client.redirect_uri, scope=scope)


@when(parsers.parse("the authorization request is sent {variation}"), target_fixture="sent")
def send(
    http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest, variation: str
) -> Sent:
    if variation in PLAIN_ONLY:
        plain_only(discovery, PLAIN_ONLY[variation])
    request = auth_request.with_params(**VARIATIONS[variation](auth_request))
    if variation in UNTRUSTED:
        return Sent(request, http.get(request.url(discovery.endpoint("authorization_endpoint"))))
    return Sent(request, first_answer(http, discovery, request, client_of(target, request.client_id)))


@when("the authorization request is POSTed as a form", target_fixture="sent")
def post(http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest) -> Sent:
    # What the authorize endpoint would GET, as a form: under required PAR, client_id and request_uri.
    entry = enter(http, discovery, auth_request, client_of(target, auth_request.client_id))
    if entry.refusal is not None:
        raise Inconclusive(f"the provider requires PAR and refused the pushed request (HTTP {entry.refusal.status})")
    return Sent(auth_request, http.post(discovery.endpoint("authorization_endpoint"), data=entry.params))


@then("the provider shows an error without redirecting to the client or showing a login")
def unknown_client(http: HttpSession, sent: Sent) -> None:
    rules.unknown_client(sent.reply, landing_page(http, sent.reply, sent.redirect_uri), sent.redirect_uri)


@then("the unknown client's error is a 4xx answer")
def unknown_client_status(sent: Sent) -> None:
    rules.unknown_client_status(sent.reply, sent.redirect_uri)


@then("the provider does not redirect to that redirect URI nor show a login")
def unregistered(http: HttpSession, sent: Sent) -> None:
    rules.unregistered_redirect(sent.reply, landing_page(http, sent.reply, sent.redirect_uri), sent.redirect_uri)


@then("the redirect URI's error is a 4xx answer")
def unregistered_status(sent: Sent) -> None:
    rules.unregistered_redirect_status(sent.reply, sent.redirect_uri)


@then("the POST does not start a login")
def post_refused(sent: Sent) -> None:
    rules.post_refused(sent.reply, sent.redirect_uri)


@then("the response type is refused and no token is delivered")
def implicit(sent: Sent) -> None:
    rules.implicit_refused(sent.reply, sent.redirect_uri)


@then("the request is refused as invalid_request")
def pkce(sent: Sent) -> None:
    rules.pkce_required(sent.reply, sent.redirect_uri)


@then("the request is refused for lacking state or nonce")
def state_nonce(sent: Sent) -> None:
    rules.state_nonce_required(sent.reply, sent.redirect_uri)


@then("the request is refused for lacking the openid scope")
def openid(sent: Sent) -> None:
    rules.openid_required(sent.reply, sent.redirect_uri)


@then("the scope error is invalid_scope or invalid_request")
def openid_code(sent: Sent) -> None:
    rules.openid_error_code(sent.reply, sent.redirect_uri)


@then("the clear-text national identity number is refused")
def clear_nnin(sent: Sent) -> None:
    rules.clear_nnin_refused(sent.reply, sent.redirect_uri)


@then("the login hint error is invalid_request")
def clear_nnin_code(sent: Sent) -> None:
    rules.clear_nnin_error_code(sent.reply, sent.redirect_uri)


@then("the browser is sent on toward the BankID login dialog")
def proceeds(sent: Sent) -> None:
    rules.well_formed_proceeds(sent.reply, sent.redirect_uri)


@then("the old API version is refused")
def old_api(sent: Sent) -> None:
    rules.old_api_version_refused(sent.reply, sent.redirect_uri)


@then("the long sign text is refused")
def long_sign_text(sent: Sent) -> None:
    rules.long_sign_text_refused(sent.reply, sent.redirect_uri)

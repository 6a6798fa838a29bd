"""Steps for pushed authorization requests (rules BID-R39…R41)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pytest_bdd import then, when

from harness.http import HttpSession, Reply
from harness.rp import par
from harness.rp.authorize import AuthorizationRequest
from harness.rp.callback import Callback
from harness.rp.client_auth import client_auth
from harness.rp.discovery import Discovery
from harness.rp.front_channel import plain_only
from harness.rp.jose import VerificationFailed, peek
from harness.rules import Inconclusive
from harness.rules.bankid import par as rules
from harness.rules.bankid.authorization import refused
from harness.steps.authorization import VARIATIONS
from harness.steps.flow import code_of, exchange, log_in
from harness.target import Target
from harness.testbank import LoginChoice


@when("the authorization request is pushed without client authentication", target_fixture="par_reply")
def push_anonymously(http: HttpSession, discovery: Discovery, auth_request: AuthorizationRequest) -> Reply:
    return par.push(http, discovery.endpoint("pushed_authorization_request_endpoint"), auth_request, None)


@when("the client pushes the authorization request", target_fixture="par_reply")
def push(http: HttpSession, discovery: Discovery, target: Target, auth_request: AuthorizationRequest) -> Reply:
    endpoint = discovery.endpoint("pushed_authorization_request_endpoint")
    auth = client_auth("client_secret_basic", target.require_client(), audience=endpoint)
    return par.push(http, endpoint, auth_request, auth)


@when("the test user logs in through the pushed request", target_fixture="callback")
def logs_in_pushed(
    http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest, par_reply: Reply
) -> Callback:
    request_uri = par.request_uri_of(par_reply)
    if request_uri is None:
        raise Inconclusive(f"the pushed request returned no request_uri (HTTP {par_reply.status})")
    url = par.authorize_url(discovery.endpoint("authorization_endpoint"), auth_request.client_id, request_uri)
    return log_in(http, target, url, auth_request, LoginChoice())


@dataclass(frozen=True)
class RarOutcome:
    refused: bool
    token_claims: dict[str, Any] | None


@when("the authorization request carries authorization_details outside PAR", target_fixture="rar_outcome")
def rar_on_front_channel(
    http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest
) -> RarOutcome:
    plain_only(discovery, "authorization_details")
    request = auth_request.with_params(**VARIATIONS["with authorization_details"](auth_request))
    url = request.url(discovery.endpoint("authorization_endpoint"))
    if refused(http.get(url), request.redirect_uri):
        return RarOutcome(True, None)
    # Accepted: only the tokens can show whether it was ignored, and they need a user.
    callback = log_in(http, target, url, request, LoginChoice())
    reply = exchange(http, target.require_client(), discovery, request, code_of(callback))
    return RarOutcome(False, _token_claims(reply))


def _token_claims(reply: Reply) -> dict[str, Any]:
    body, claims = reply.json_object() or {}, {}
    for name in ("access_token", "id_token"):
        try:
            claims.update(peek(str(body.get(name, "")))[1])
        except VerificationFailed:
            continue
    return claims


@then("PAR refuses the push as a client-authentication failure")
def unauthenticated(par_reply: Reply) -> None:
    rules.unauthenticated(par_reply)


@then("the refusal is 401 with invalid_client or unauthorized_client")
def unauthenticated_exactly(par_reply: Reply) -> None:
    rules.unauthenticated_exactly(par_reply)


@then("PAR answers a request_uri with its lifetime")
def pushed(par_reply: Reply) -> None:
    rules.pushed(par_reply)


@then("PAR answers 201 Created")
def created(par_reply: Reply) -> None:
    rules.created(par_reply)


@then("authorization_details is refused or never reflected in tokens")
def rar_only_via_par(rar_outcome: RarOutcome) -> None:
    rules.rar_only_via_par(rar_outcome.refused, rar_outcome.token_claims)

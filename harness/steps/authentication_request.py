"""Steps for the optional authentication-request parameters (rules BID-R60…R68): ``max_age``,
``id_token_hint``, several ``acr_values``, BankID on mobile, and introspection's ``token_type_hint``."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.http import HttpSession, Reply
from harness.rp.authorize import AuthorizationRequest
from harness.rp.client_auth import client_auth
from harness.rp.discovery import Discovery
from harness.rp.front_channel import first_answer
from harness.rp.token import post_form
from harness.rules import Inconclusive
from harness.rules.bankid import authentication_request as rules
from harness.steps.flow import client_of, id_token_claims
from harness.target import ClientCredentials, Target

NOT_AN_ID_TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJub2JvZHkifQ."  # alg none, no signature: never an ID token


@given(parsers.parse("the request carries max_age {max_age:d}"), target_fixture="auth_request")
def with_max_age(auth_request: AuthorizationRequest, max_age: int) -> AuthorizationRequest:
    return auth_request.with_params(max_age=str(max_age))


def _first_response(http: HttpSession, target: Target, discovery: Discovery, request: AuthorizationRequest) -> Reply:
    return first_answer(http, discovery, request, client_of(target, request.client_id))


@when(parsers.parse('the request is sent with acr_values "{values}"'), target_fixture="first_reply")
def with_acr_values(
    http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest, values: str
) -> Reply:
    return _first_response(http, target, discovery, auth_request.with_params(acr_values=values))


@when("the request is sent with an id_token_hint that is not an ID token", target_fixture="first_reply")
def with_bad_hint(http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest) -> Reply:
    return _first_response(http, target, discovery, auth_request.with_params(id_token_hint=NOT_AN_ID_TOKEN))


def _again(auth_request: AuthorizationRequest, token_reply: Reply, **extra: str) -> AuthorizationRequest:
    """A second request by the same client, carrying the first login's ID token as ``id_token_hint``."""
    hint = (token_reply.json_object() or {}).get("id_token")
    if not isinstance(hint, str):
        raise Inconclusive(f"the first login gave no ID token to send as a hint (HTTP {token_reply.status})")
    again = AuthorizationRequest(
        client_id=auth_request.client_id, redirect_uri=auth_request.redirect_uri, scope=auth_request.scope
    )
    return again.with_params(id_token_hint=hint, **extra)


@when("a new request is sent with that ID token as id_token_hint", target_fixture="first_reply")
def again_with_hint(
    http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest, token_reply: Reply
) -> Reply:
    return _first_response(http, target, discovery, _again(auth_request, token_reply))


@when("a new request is sent with that ID token as id_token_hint and max_age 0", target_fixture="first_reply")
def again_with_hint_max_age(
    http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest, token_reply: Reply
) -> Reply:
    return _first_response(http, target, discovery, _again(auth_request, token_reply, max_age="0"))


@then(parsers.parse("the ID token carries auth_time for max_age {max_age:d}"))
def auth_time(token_reply: Reply, max_age: int) -> None:
    rules.auth_time_with_max_age(id_token_claims(token_reply), max_age)


@then("the ID token has no auth_time")
def no_auth_time(token_reply: Reply) -> None:
    rules.no_auth_time_without_max_age(id_token_claims(token_reply))


@then("the ID token has no originator")
def no_originator(token_reply: Reply) -> None:
    rules.no_originator(id_token_claims(token_reply))


@then("the login is not skipped")
def not_skipped(first_reply: Reply, auth_request: AuthorizationRequest) -> None:
    rules.hint_does_not_skip_login(first_reply, auth_request.redirect_uri)


@then("a login older than max_age is not reused")
def not_reused(first_reply: Reply, auth_request: AuthorizationRequest) -> None:
    rules.max_age_forces_login(first_reply, auth_request.redirect_uri)


@then("the id_token_hint is refused")
def hint_refused(first_reply: Reply, auth_request: AuthorizationRequest) -> None:
    rules.foreign_hint_refused(first_reply, auth_request.redirect_uri)


@then("the several acr_values are accepted")
def acr_accepted(first_reply: Reply, auth_request: AuthorizationRequest) -> None:
    rules.several_acr_values(first_reply, auth_request.redirect_uri)


@then("the login is a BankID on mobile login")
def bim(token_reply: Reply) -> None:
    rules.bim_login(id_token_claims(token_reply))


@when("the client introspects that token without a token_type_hint", target_fixture="introspection_reply")
def without_hint(http: HttpSession, discovery: Discovery, client: ClientCredentials, access_token: str) -> Reply:
    endpoint = discovery.endpoint("introspection_endpoint")
    return post_form(
        http, endpoint, {"token": access_token}, client_auth("client_secret_basic", client, audience=endpoint)
    )


@then("the token is not reported active")
def not_active(introspection_reply: Reply) -> None:
    rules.hint_required(introspection_reply)

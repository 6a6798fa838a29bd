"""Steps for the token endpoint without a user (rules BID-R17…R23)."""

from __future__ import annotations

import secrets

from pytest_bdd import parsers, then, when

from harness.http import HttpSession, Reply
from harness.rp.client_auth import Authenticated, client_auth
from harness.rp.discovery import Discovery
from harness.rp.token import client_credentials, post_form
from harness.rules.bankid import token as rules
from harness.steps.common import published_jwks
from harness.target import ClientCredentials, Target


@when("a token is requested without client authentication", target_fixture="token_reply")
def no_auth(http: HttpSession, discovery: Discovery) -> Reply:
    return post_form(http, discovery.endpoint("token_endpoint"), {"grant_type": "client_credentials"})


@when("a token is requested with an unknown client's credentials", target_fixture="token_reply")
def unknown_client(http: HttpSession, discovery: Discovery) -> Reply:
    stranger = Authenticated(basic=(f"unknown-{secrets.token_hex(6)}", secrets.token_urlsafe(24)))
    return client_credentials(http, discovery.endpoint("token_endpoint"), stranger, None)


@when(parsers.parse("the client requests a token with client_credentials using {method}"), target_fixture="token_reply")
def with_client_credentials(http: HttpSession, discovery: Discovery, client: ClientCredentials, method: str) -> Reply:
    endpoint = discovery.endpoint("token_endpoint")
    return client_credentials(http, endpoint, client_auth(method, client, audience=endpoint), client.scope)


@when("the client exchanges a bogus authorization code", target_fixture="token_reply")
def bogus_code(http: HttpSession, discovery: Discovery, client: ClientCredentials, target: Target) -> Reply:
    endpoint = discovery.endpoint("token_endpoint")
    form = {
        "grant_type": "authorization_code",
        "code": secrets.token_urlsafe(32),
        "redirect_uri": target.client.redirect_uri
        if target.client and target.client.redirect_uri
        else "https://localhost/cb",
        "code_verifier": secrets.token_urlsafe(48),
    }
    return post_form(http, endpoint, form, client_auth("client_secret_basic", client, audience=endpoint))


@when(parsers.parse("the client requests a token with grant type {grant_type}"), target_fixture="token_reply")
def other_grant(http: HttpSession, discovery: Discovery, client: ClientCredentials, grant_type: str) -> Reply:
    endpoint = discovery.endpoint("token_endpoint")
    form = {"grant_type": grant_type, "username": "someone", "password": secrets.token_urlsafe(12)}
    return post_form(http, endpoint, form, client_auth("client_secret_basic", client, audience=endpoint))


@then("the request is refused as a client-authentication failure")
def refused_no_auth(token_reply: Reply) -> None:
    rules.no_client_auth_refused(token_reply)


@then("the request is refused as an unknown client")
def refused_unknown(token_reply: Reply) -> None:
    rules.unknown_client_refused(token_reply)


@then("the grant is refused as invalid_grant")
def refused_grant(token_reply: Reply) -> None:
    rules.bogus_code_invalid_grant(token_reply)


@then("the response is a 300-second Bearer JWT without an ID token")
def bearer_jwt(token_reply: Reply) -> None:
    rules.client_credentials_response(token_reply)


@then("the token type is exactly Bearer")
def bearer_exact(token_reply: Reply) -> None:
    rules.bearer_exact(token_reply)


@then("the access token verifies against the provider's keys and names the issuer and the client")
def access_token_verifies(
    token_reply: Reply, http: HttpSession, discovery: Discovery, client: ClientCredentials, target: Target
) -> None:
    token = str((token_reply.json_object() or {}).get("access_token", ""))
    rules.access_token_claims(token, published_jwks(http, discovery), target.expected_issuer, client.client_id)


@then("the credentials in the request body are accepted")
def post_accepted(token_reply: Reply) -> None:
    rules.secret_post_accepted(token_reply)


@then("the grant type is refused as unsupported")
def unsupported(token_reply: Reply) -> None:
    rules.unsupported_grant(token_reply)

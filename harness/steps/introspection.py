"""Steps for token introspection (rules BID-R25…R27)."""

from __future__ import annotations

import secrets

from pytest_bdd import given, then, when

from harness.http import HttpSession, Reply
from harness.rp.client_auth import client_auth
from harness.rp.discovery import Discovery
from harness.rp.token import client_credentials, introspect
from harness.rules import Inconclusive
from harness.rules.bankid import introspection as rules
from harness.target import ClientCredentials


@given("a fresh client_credentials access token", target_fixture="access_token")
def fresh_token(http: HttpSession, discovery: Discovery, client: ClientCredentials) -> str:
    endpoint = discovery.endpoint("token_endpoint")
    reply = client_credentials(
        http, endpoint, client_auth("client_secret_basic", client, audience=endpoint), client.scope
    )
    token = (reply.json_object() or {}).get("access_token")
    if reply.status != 200 or not isinstance(token, str):
        raise Inconclusive(f"could not obtain a client_credentials token to introspect (HTTP {reply.status})")
    return token


@when("a token is introspected without client authentication", target_fixture="introspection_reply")
def without_auth(http: HttpSession, discovery: Discovery) -> Reply:
    return introspect(http, discovery.endpoint("introspection_endpoint"), secrets.token_urlsafe(16), None)


@when("the client introspects a garbage token", target_fixture="introspection_reply")
def garbage(http: HttpSession, discovery: Discovery, client: ClientCredentials) -> Reply:
    endpoint = discovery.endpoint("introspection_endpoint")
    return introspect(
        http,
        endpoint,
        secrets.token_urlsafe(40),
        client_auth("client_secret_basic", client, audience=endpoint),
    )


@when("the client introspects that token with the hint bid_access_token", target_fixture="introspection_reply")
def that_token(http: HttpSession, discovery: Discovery, client: ClientCredentials, access_token: str) -> Reply:
    endpoint = discovery.endpoint("introspection_endpoint")
    return introspect(http, endpoint, access_token, client_auth("client_secret_basic", client, audience=endpoint))


@then("introspection answers 401 with an error")
def answers_401(introspection_reply: Reply) -> None:
    rules.unauthenticated(introspection_reply)


@then("the token is reported inactive")
def inactive(introspection_reply: Reply) -> None:
    rules.garbage_inactive(introspection_reply)


@then("the token is reported active for the client")
def active(introspection_reply: Reply, client: ClientCredentials) -> None:
    rules.fresh_token_active(introspection_reply, client.client_id)

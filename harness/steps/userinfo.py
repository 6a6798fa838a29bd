"""Steps for userinfo (rules BID-R28…R30): called as a client does, GET with the user's Bearer token."""

from __future__ import annotations

import secrets

from pytest_bdd import then, when

from harness.http import HttpSession, Reply
from harness.rp.discovery import Discovery
from harness.rp.userinfo import fetch
from harness.rules import Inconclusive
from harness.rules.bankid import userinfo as rules
from harness.steps.common import published_jwks
from harness.steps.flow import id_token_claims
from harness.target import Target


def access_token_of(token_reply: Reply) -> str:
    token = (token_reply.json_object() or {}).get("access_token")
    if not isinstance(token, str) or not token:
        raise Inconclusive(f"the token response has no access_token (HTTP {token_reply.status})")
    return token


@when("userinfo is called without a bearer token", target_fixture="userinfo_reply")
def without_token(http: HttpSession, discovery: Discovery) -> Reply:
    return fetch(http, discovery.endpoint("userinfo_endpoint"), None)


@when("userinfo is called with POST and a made-up bearer token", target_fixture="userinfo_reply")
def post_made_up(http: HttpSession, discovery: Discovery) -> Reply:
    return fetch(http, discovery.endpoint("userinfo_endpoint"), secrets.token_urlsafe(32), method="POST")


@when("the client calls userinfo with POST and the user's access token", target_fixture="userinfo_reply")
def post_with_token(http: HttpSession, discovery: Discovery, token_reply: Reply) -> Reply:
    return fetch(http, discovery.endpoint("userinfo_endpoint"), access_token_of(token_reply), method="POST")


@when("the client calls userinfo with the user's access token", target_fixture="userinfo_reply")
def get_with_token(http: HttpSession, discovery: Discovery, token_reply: Reply) -> Reply:
    return fetch(http, discovery.endpoint("userinfo_endpoint"), access_token_of(token_reply))


@then("userinfo answers 401")
def answers_401(userinfo_reply: Reply) -> None:
    rules.no_bearer(userinfo_reply)


@then("the POST is rejected")
def post_rejected(userinfo_reply: Reply) -> None:
    rules.post_rejected(userinfo_reply)


@then("userinfo is a signed JWT for the client about the same user")
def signed_jwt(
    userinfo_reply: Reply, token_reply: Reply, http: HttpSession, discovery: Discovery, target: Target
) -> None:
    client_id = target.require_client().client_id
    sub = id_token_claims(token_reply).get("sub")
    rules.signed_jwt(userinfo_reply, published_jwks(http, discovery), client_id, str(sub) if sub else None)


@then("the userinfo JWT names the userinfo base URL as its issuer")
def userinfo_issuer(userinfo_reply: Reply, discovery: Discovery) -> None:
    rules.userinfo_issuer(userinfo_reply, discovery.endpoint("userinfo_endpoint"))

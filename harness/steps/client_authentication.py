"""Steps for JWT client authentication at the token endpoint (rules BID-R24, R24a, R24b): one good assertion,
and one changed thing per scenario."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from joserfc.jwk import ECKey
from pytest_bdd import parsers, then, when

from harness.http import HttpSession, Reply
from harness.rp.client_auth import ASSERTION_TYPE, Authenticated, build_assertion
from harness.rp.discovery import Discovery
from harness.rp.token import client_credentials
from harness.rules import Inconclusive
from harness.rules.bankid import client_authentication as rules
from harness.target import ClientCredentials


def _stranger_key(client: ClientCredentials) -> ClientCredentials:
    key = ECKey.generate_key("P-256", parameters={"alg": "ES256", "use": "sig"}, auto_kid=True)
    return dataclasses.replace(client, private_jwk=dict(key.as_dict(private=True)))


def _overrides(change: str, endpoint: str) -> dict[str, Any]:
    now = int(time.time())
    if change == "for another audience":
        return {"aud": endpoint.replace("/token", "/other")}
    if change == "for the token endpoint and an API":
        return {"aud": [endpoint, "https://api.example.no"]}
    if change == "that expired a minute ago":
        return {"iat": now - 120, "exp": now - 60}
    return {}


def _assertion(method: str, client: ClientCredentials, endpoint: str, change: str) -> str:
    if method not in client.auth_methods:
        raise Inconclusive(
            f"the client is not provisioned for {method}: BankID enables it on a separate request [S27] "
            "(set BANKID_AUTH_METHODS if yours is)"
        )
    if method == "private_key_jwt" and client.private_jwk is None:
        raise Inconclusive("the client has no registered private key for private_key_jwt")
    if change == "signed with a key the provider does not know":
        if method != "private_key_jwt":
            raise ValueError("only a private_key_jwt assertion has a kid to be unknown")
        client = _stranger_key(client)
    return build_assertion(method, client, audience=endpoint, overrides=_overrides(change, endpoint))


def _send(http: HttpSession, endpoint: str, client: ClientCredentials, assertion: str) -> Reply:
    auth = Authenticated({"client_assertion_type": ASSERTION_TYPE, "client_assertion": assertion})
    return client_credentials(http, endpoint, auth, client.scope)


@when(parsers.parse("the client requests a token with a {method} assertion {change}"), target_fixture="token_reply")
def with_assertion(
    http: HttpSession, discovery: Discovery, client: ClientCredentials, method: str, change: str
) -> Reply:
    endpoint = discovery.endpoint("token_endpoint")
    return _send(http, endpoint, client, _assertion(method, client, endpoint, change))


@when(parsers.parse("the client sends the same {method} assertion twice"), target_fixture="token_reply")
def replayed(http: HttpSession, discovery: Discovery, client: ClientCredentials, method: str) -> Reply:
    endpoint = discovery.endpoint("token_endpoint")
    assertion = _assertion(method, client, endpoint, "as BankID's sample builds it")
    _send(http, endpoint, client, assertion)
    return _send(http, endpoint, client, assertion)


@then("the assertion is accepted")
def accepted(token_reply: Reply) -> None:
    rules.assertion_judged(token_reply, acceptable=True)


@then("the assertion is refused as a client-authentication failure")
def refused(token_reply: Reply) -> None:
    rules.assertion_judged(token_reply, acceptable=False)


@then("the replayed assertion is refused")
def replay_refused(token_reply: Reply) -> None:
    rules.replay_refused(token_reply)


@then("the assertion with several audiences is refused")
def several_audiences_refused(token_reply: Reply) -> None:
    rules.several_audiences_refused(token_reply)

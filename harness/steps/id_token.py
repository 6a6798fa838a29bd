"""Steps for the ID token (rules BID-R45…R48, R51): the token from the code exchange, judged as the relying
party must (OpenID Connect Core §3.1.3.7) and against BankID's claim table."""

from __future__ import annotations

from pytest_bdd import then

from harness.http import HttpSession, Reply
from harness.rp.authorize import AuthorizationRequest
from harness.rp.discovery import Discovery
from harness.rp.id_token import Expectations
from harness.rules.bankid import id_token as rules
from harness.steps.common import published_jwks
from harness.steps.flow import id_token_claims
from harness.target import Target


def scopes_of(request: AuthorizationRequest) -> frozenset[str]:
    return frozenset(request.params().get("scope", "").split())


@then("the ID token validates for this client and request")
def validates(
    token_reply: Reply, http: HttpSession, discovery: Discovery, target: Target, auth_request: AuthorizationRequest
) -> None:
    params = auth_request.params()
    want = Expectations(
        issuer=target.expected_issuer,
        client_id=auth_request.client_id,
        jwks=published_jwks(http, discovery),
        nonce=params.get("nonce"),
        acr_values=tuple(params.get("acr_values", "").split()),
    )
    rules.id_token_valid(str((token_reply.json_object() or {}).get("id_token", "")), want)


@then("acr and amr name a BankID method")
def acr_amr(token_reply: Reply, auth_request: AuthorizationRequest) -> None:
    rules.acr_amr(id_token_claims(token_reply), scopes_of(auth_request))


@then("the ID token carries bankid_altsub and api_ver 4 and none of the removed claims")
def v4_identity(token_reply: Reply, auth_request: AuthorizationRequest) -> None:
    rules.v4_identity(id_token_claims(token_reply), scopes_of(auth_request))


@then("the scoped claims match the requested scopes")
def scoped(token_reply: Reply, auth_request: AuthorizationRequest) -> None:
    rules.scoped_claims(id_token_claims(token_reply), scopes_of(auth_request))


@then("the scoped claims match the requested scopes for a client not eligible for nnin_altsub")
def scoped_ineligible(token_reply: Reply, auth_request: AuthorizationRequest) -> None:
    rules.scoped_claims(id_token_claims(token_reply), scopes_of(auth_request), nnin_eligible=False)


@then("the login is a BankID High login")
def bankid_high(token_reply: Reply) -> None:
    rules.bis_hint(id_token_claims(token_reply), bis_enabled=False)


@then("the login is a BankID with biometrics login")
def bankid_bis(token_reply: Reply) -> None:
    rules.bis_hint(id_token_claims(token_reply), bis_enabled=True)

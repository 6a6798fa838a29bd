"""Steps for encrypted authorization requests (rules BID-R55, R56): put the request in a signed request object
encrypted to the provider, or encrypt the login hint, then judge how the login ends."""

from __future__ import annotations

import dataclasses

from pytest_bdd import given, then, when

from harness.http import HttpSession, Reply
from harness.rp import request_object as ro
from harness.rp.authorize import AuthorizationRequest
from harness.rp.callback import Callback
from harness.rp.dialog import landing_page
from harness.rp.discovery import Discovery
from harness.rp.front_channel import first_answer
from harness.rules import Inconclusive
from harness.rules.bankid import request_objects as rules
from harness.steps.common import published_jwks
from harness.steps.flow import client_of
from harness.target import ClientCredentials, Target

EXAMPLE_NNIN = "14025800177"  # BankID's own encryption example [S42]


@given(
    "the request is sent as a request object signed by the client and encrypted to the provider",
    target_fixture="auth_request",
)
def as_encrypted_request_object(
    auth_request: AuthorizationRequest,
    client: ClientCredentials,
    http: HttpSession,
    discovery: Discovery,
    target: Target,
) -> AuthorizationRequest:
    if client.private_jwk is None:
        raise Inconclusive("the client has no private JWK registered with the provider to sign a request object")
    inner = ro.signed(
        auth_request.params(),
        client_id=client.client_id,
        issuer=target.expected_issuer,
        private_jwk=client.private_jwk,
        now=ro.now(),
    )
    jwks = published_jwks(http, discovery)
    outer = ro.encrypted(inner, jwks, alg=ro.REQUEST_OBJECT_ALG, enc=ro.REQUEST_OBJECT_ENC, cty="JWT")
    return dataclasses.replace(auth_request, request_object=outer)


@given("the request carries a nnin login hint", target_fixture="auth_request")
def nnin_hint(auth_request: AuthorizationRequest) -> AuthorizationRequest:
    return auth_request.with_params(login_hint=f"BID:{EXAMPLE_NNIN}")


@given("the request carries a nnin login hint encrypted to the provider", target_fixture="auth_request")
def encrypted_nnin_hint(
    auth_request: AuthorizationRequest, http: HttpSession, discovery: Discovery
) -> AuthorizationRequest:
    jwks = http.get(discovery.endpoint("jwks_uri_enc")).json_object() or {}
    hint = ro.encrypted(f"BID:{EXAMPLE_NNIN}", jwks, alg=ro.LOGIN_HINT_ALG, enc=ro.LOGIN_HINT_ENC)
    return auth_request.with_params(login_hint=hint)


@when("the browser follows the authorization request", target_fixture="landing")
def follows(http: HttpSession, target: Target, discovery: Discovery, auth_request: AuthorizationRequest) -> Reply:
    first = first_answer(http, discovery, auth_request, client_of(target, auth_request.client_id))
    return landing_page(http, first, auth_request.redirect_uri)


@then("the provider opens the login dialog for the encrypted request object")
def request_object_accepted(landing: Reply, auth_request: AuthorizationRequest) -> None:
    rules.encrypted_request_object_accepted(landing, auth_request.redirect_uri)


@then("the encrypted login hint was accepted")
def login_hint_accepted(callback: Callback, auth_request: AuthorizationRequest) -> None:
    rules.encrypted_login_hint_accepted(callback, auth_request.sent_state())

"""Steps for ``features/credentials`` (rules BID-P5…P13, P19…P22): using, and losing, issued credentials.

``client`` is the integrator's own provisioned client on a live target ("a provisioned client"), or one the
scenario provisions in a mock ("a newly provisioned CURRENT client"); the same ``when`` steps serve both.
"""

from __future__ import annotations

import dataclasses
import secrets
from typing import Any

from joserfc.jwk import ECKey
from pytest_bdd import given, parsers, then, when

from harness.admin import Provisioned, ProvisioningService, provisioning_request
from harness.admin.requests import REDIRECT_URI
from harness.http import HttpSession, Reply
from harness.rp.authorize import AuthorizationRequest
from harness.rp.client_auth import client_auth
from harness.rp.discovery import Discovery, discover
from harness.rp.environments import other_environment
from harness.rp.front_channel import first_answer
from harness.rp.par import push
from harness.rp.token import client_credentials, introspect
from harness.rules import Inconclusive
from harness.rules.bankid import credentials as rules
from harness.secret import Secret
from harness.steps.provisioning import granted, submit
from harness.target import ClientCredentials, Target


@given("a newly provisioned CURRENT client", target_fixture="client")
def newly_provisioned(http: HttpSession, target: Target) -> ClientCredentials:
    answer = granted(submit(http, target, "CURRENT", provisioning_request("CURRENT")))
    return answer.credentials(redirect_uri=REDIRECT_URI)


def token_with(
    http: HttpSession,
    discovery: Discovery,
    client: ClientCredentials,
    method: str = "client_secret_basic",
    scope: str | None = None,
) -> Reply:
    endpoint = discovery.endpoint("token_endpoint")
    return client_credentials(http, endpoint, client_auth(method, client, audience=endpoint), scope or client.scope)


@when("the client asks for a token with its credentials", target_fixture="credential_reply")
def token_with_credentials(http: HttpSession, discovery: Discovery, client: ClientCredentials) -> Reply:
    return token_with(http, discovery, client)


@when("the client introspects a token of its own with its credentials", target_fixture="credential_reply")
def introspect_with_credentials(http: HttpSession, discovery: Discovery, client: ClientCredentials) -> Reply:
    token = (token_with(http, discovery, client).json_object() or {}).get("access_token")
    if not isinstance(token, str):
        raise Inconclusive("no access token to introspect: the token endpoint refused the client")
    endpoint = discovery.endpoint("introspection_endpoint")
    return introspect(http, endpoint, token, client_auth("client_secret_basic", client, audience=endpoint))


@when("the client pushes an authorization request with its credentials", target_fixture="credential_reply")
def par_with_credentials(http: HttpSession, discovery: Discovery, client: ClientCredentials, target: Target) -> Reply:
    endpoint = discovery.endpoint("pushed_authorization_request_endpoint")
    redirect_uri = client.redirect_uri or target.require_redirect_uri()
    request = AuthorizationRequest(client_id=client.client_id, redirect_uri=redirect_uri)
    return push(http, endpoint, request, client_auth("client_secret_basic", client, audience=endpoint))


@when("the client asks for a token with a wrong secret", target_fixture="credential_reply")
def wrong_secret(http: HttpSession, discovery: Discovery, client: ClientCredentials) -> Reply:
    return token_with(http, discovery, dataclasses.replace(client, secret=Secret(secrets.token_urlsafe(24))))


@when("the client asks the other environment for a token", target_fixture="credential_reply")
def other_environment_token(http: HttpSession, target: Target, client: ClientCredentials) -> Reply:
    url = other_environment(target.discovery_url)
    if url is None:
        raise Inconclusive(f"cannot tell which environment {target.discovery_url} is, so not the other one")
    return token_with(http, discover(http, url), client)


@when("the client's secret is rotated", target_fixture="rotated")
def rotate(http: HttpSession, target: Target, client: ClientCredentials) -> ClientCredentials:
    answer = ProvisioningService.of(http, target).rotate_secret("current", client.client_id)
    if answer.secret is None:
        raise Inconclusive(f"the secret rotation issued no new secret (HTTP {answer.reply.status})")
    return dataclasses.replace(client, secret=answer.secret)


@when("the client asks for a token with its new secret", target_fixture="new_secret_reply")
def token_with_new_secret(http: HttpSession, discovery: Discovery, rotated: ClientCredentials) -> Reply:
    return token_with(http, discovery, rotated)


@when("the client is disabled")
def disable(http: HttpSession, target: Target, client: ClientCredentials) -> None:
    reply = ProvisioningService.of(http, target).disable("current", client.client_id)
    if reply.status != 200:
        raise Inconclusive(f"the client could not be disabled (HTTP {reply.status})")


@given("the client holds a private key", target_fixture="client")
def with_private_key(client: ClientCredentials) -> ClientCredentials:
    key = ECKey.generate_key("P-256", parameters={"alg": "ES256", "use": "sig"}, auto_kid=True)
    return dataclasses.replace(client, private_jwk=dict(key.as_dict(private=True)))


@when("the client asks for a token with private_key_jwt", target_fixture="jwt_before")
def jwt_before(http: HttpSession, discovery: Discovery, client: ClientCredentials) -> Reply:
    return token_with(http, discovery, client, "private_key_jwt")


@when("the client registers its public key with a separate request")
def register_key(http: HttpSession, target: Target, client: ClientCredentials) -> None:
    public = {k: v for k, v in (client.private_jwk or {}).items() if k != "d"}
    reply = ProvisioningService.of(http, target).register_jwks("current", client.client_id, {"keys": [public]})
    if reply.status != 200:
        raise Inconclusive(f"the public key could not be registered (HTTP {reply.status})")


@when("the client asks for a token with private_key_jwt again", target_fixture="jwt_after")
def jwt_after(http: HttpSession, discovery: Discovery, client: ClientCredentials) -> Reply:
    return token_with(http, discovery, client, "private_key_jwt")


@when(parsers.parse("the client asks for a token with the scope {scope}"), target_fixture="credential_reply")
def token_with_scope(http: HttpSession, discovery: Discovery, client: ClientCredentials, scope: str) -> Reply:
    return token_with(http, discovery, client, scope=scope)


@when("the client starts a login with its registered redirect URI", target_fixture="authorize_reply")
def start_login(http: HttpSession, discovery: Discovery, client: ClientCredentials, target: Target) -> Reply:
    redirect_uri = client.redirect_uri or target.require_redirect_uri()
    request = AuthorizationRequest(client_id=client.client_id, redirect_uri=redirect_uri)
    return first_answer(http, discovery, request, client)


@when("the client's login dialog is opened", target_fixture="dialog")
def open_dialog(http: HttpSession, discovery: Discovery, answer: Provisioned) -> Reply:
    """The dialog of the client the scenario provisioned: authorize, then follow the 303 to the login page."""
    client = granted(answer)
    request = AuthorizationRequest(client_id=str(client.client_id), redirect_uri=REDIRECT_URI)
    credentials = ClientCredentials(client_id=str(client.client_id), secret=client.secret, redirect_uri=REDIRECT_URI)
    reply = first_answer(http, discovery, request, credentials)
    if reply.status in (302, 303) and reply.location and not reply.location.startswith(REDIRECT_URI):
        return http.get(reply.location)
    raise Inconclusive(f"authorize did not lead to a login dialog (HTTP {reply.status})")


@then("the credentials authenticate at the token endpoint")
def at_token(credential_reply: Reply) -> None:
    rules.authenticates_at_token(credential_reply)


@then("the credentials authenticate at the introspection endpoint")
def at_introspection(credential_reply: Reply) -> None:
    rules.authenticates_at_introspection(credential_reply)


@then("the credentials authenticate at the pushed authorization request endpoint")
def at_par(credential_reply: Reply) -> None:
    rules.authenticates_at_par(credential_reply)


@then("the credentials alone were enough to authenticate")
def alone_enough(credential_reply: Reply) -> None:
    rules.credentials_suffice(credential_reply)


@then("the wrong secret is refused")
def refused_wrong(credential_reply: Reply) -> None:
    rules.wrong_secret_refused(credential_reply)


@then("the client is refused in the other environment")
def refused_elsewhere(credential_reply: Reply) -> None:
    rules.other_environment_refused(credential_reply)


@then("the old secret is refused")
def refused_old(credential_reply: Reply) -> None:
    rules.rotated_secret_refused(credential_reply)


@then("the new secret authenticates at the token endpoint")
def new_secret_works(new_secret_reply: Reply) -> None:
    rules.authenticates_at_token(new_secret_reply)


@then("the disabled client is refused")
def refused_disabled(credential_reply: Reply) -> None:
    rules.disabled_refused(credential_reply)


@then("private_key_jwt was refused before the registration and accepted after it")
def jwt_registration(jwt_before: Reply, jwt_after: Reply) -> None:
    rules.jwt_auth_after_registration(jwt_before, jwt_after)


@then(parsers.parse("the scope {scope} is not granted"))
def scope_not_granted(credential_reply: Reply, scope: str) -> None:
    rules.scopes_per_client(credential_reply, scope)


@then("the provider starts the login instead of refusing the redirect URI")
def redirect_registered(authorize_reply: Reply, client: ClientCredentials, target: Target) -> None:
    rules.redirect_uri_registered(authorize_reply, client.redirect_uri or target.require_redirect_uri())


@then(parsers.parse("the client has BankID Substantial {state}"))
def bis_state(answer: Provisioned, state: str) -> None:
    rules.bis_as_provisioned(answer.reply, state == "enabled")


@then("the dialog shows the display name from the request")
def display_name(dialog: Reply, provisioning_request: dict[str, Any]) -> None:
    rules.display_name_shown(dialog, str(provisioning_request["display_name"]))

"""Steps for ``features/provisioning`` (rules BID-P1…P4a, P14…P18, P23…P25): a request, its answer.

A request is a fixture (``provisioning_request``) that later ``given`` steps adjust; submitting it yields
the answer (``answer``), which each ``then`` judges with one rule.
"""

from __future__ import annotations

import secrets
from typing import Any

from pytest_bdd import given, parsers, then, when

from harness.admin import Provisioned, ProvisioningService, provisioning_request
from harness.admin.requests import without
from harness.http import HttpSession, Reply
from harness.rp.client_auth import Authenticated, client_auth
from harness.rp.discovery import Discovery
from harness.rp.token import client_credentials
from harness.rules import Inconclusive
from harness.rules.bankid import credentials as credential_rules
from harness.rules.bankid import provisioning as rules
from harness.target import Target

OFFERED = ("CURRENT", "PROD")


@given(
    parsers.parse("a complete {environment} provisioning request through {channel}"),
    target_fixture="provisioning_request",
)
def complete_request(environment: str, channel: str) -> dict[str, Any]:
    return provisioning_request(environment, channel)


@given(parsers.parse("the request leaves out {field}"), target_fixture="provisioning_request")
def leaves_out(provisioning_request: dict[str, Any], field: str) -> dict[str, Any]:
    return without(provisioning_request, field)


@given(parsers.parse("the request asks for the {environment} environment"), target_fixture="provisioning_request")
def asks_for(provisioning_request: dict[str, Any], environment: str) -> dict[str, Any]:
    return {**provisioning_request, "environment": environment}


@when("the request is submitted", target_fixture="answer")
def submitted(http: HttpSession, target: Target, provisioning_request: dict[str, Any]) -> Provisioned:
    environment = str(provisioning_request.get("environment", "CURRENT"))
    return submit(http, target, environment, provisioning_request)


@when(parsers.parse("the request is submitted to the {environment} provisioning"), target_fixture="answer")
def submitted_to(
    http: HttpSession, target: Target, provisioning_request: dict[str, Any], environment: str
) -> Provisioned:
    return submit(http, target, environment, provisioning_request)


def submit(http: HttpSession, target: Target, environment: str, request: dict[str, Any]) -> Provisioned:
    service = ProvisioningService.of(http, target)
    return service.submit(environment, request, offered=environment.upper() in OFFERED)


def granted(answer: Provisioned) -> Provisioned:
    """A scenario that builds on a granted request cannot go on without one; that is not its verdict."""
    if answer.client_id is None or answer.secret is None:
        raise Inconclusive(f"the provisioning request was not granted (HTTP {answer.reply.status})")
    return answer


@when("a client that was never provisioned asks for a token", target_fixture="access_reply")
def never_provisioned(http: HttpSession, discovery: Discovery) -> Reply:
    stranger = Authenticated(
        basic=(f"never-provisioned-{secrets.token_hex(4)}-bankid-current", secrets.token_urlsafe(24))
    )
    return client_credentials(http, discovery.endpoint("token_endpoint"), stranger, None)


@then("it is refused because it was never provisioned")
def refused_unprovisioned(access_reply: Reply) -> None:
    rules.unprovisioned_refused(access_reply)


@then("the answer points to the non-technical getting-started introduction")
def getting_started(answer: Provisioned) -> None:
    rules.points_to_getting_started(answer.reply)


@then("the request is refused for its environment")
def refused_environment(answer: Provisioned) -> None:
    rules.environment_required(answer.reply)


@then("the request is refused for an environment BankID does not offer")
def refused_unoffered(answer: Provisioned) -> None:
    rules.environment_offered(answer.reply)


@then("security credentials are issued to the requesting party")
def credentials_issued(answer: Provisioned) -> None:
    rules.credentials_issued(answer.reply)


@then("the client_id is the client name followed by -bankid- and the environment")
def client_id_convention(answer: Provisioned, provisioning_request: dict[str, Any]) -> None:
    name, environment = str(provisioning_request["client_name"]), str(provisioning_request["environment"])
    rules.client_id_convention(answer.client_id, name, environment)


@then("the partner's request is granted")
def partner_current(answer: Provisioned) -> None:
    rules.partner_provisions_current(answer.reply)


@then("the answer recommends deciding upon a BankID partner early")
def recommends_partner(answer: Provisioned) -> None:
    rules.recommends_partner(answer.reply)


@then("the service desk request is granted")
def service_desk(answer: Provisioned) -> None:
    rules.service_desk_provisions_current(answer.reply)


@then(parsers.parse("the request is refused as incomplete, naming {field}"))
def incomplete(answer: Provisioned, field: str) -> None:
    rules.incomplete_refused(answer.reply, field)


@then(parsers.parse("the request is refused for lacking a newer item, naming {field}"))
def incomplete_newer(answer: Provisioned, field: str) -> None:
    rules.incomplete_newer_refused(answer.reply, field)


@then("the answer notes that the service desk offers no customer support")
def no_support(answer: Provisioned) -> None:
    rules.no_customer_support(answer.reply)


@then(parsers.parse("the production request is refused, naming {field}"))
def prod_refused(answer: Provisioned, field: str) -> None:
    rules.prod_needs_agreement(answer.reply, field)


@then("the production request is granted")
def prod_granted(answer: Provisioned) -> None:
    rules.partner_provisions_prod(answer.reply)


@given("the client's configuration as provisioned", target_fixture="configuration_before")
def configuration_before(http: HttpSession, target: Target, answer: Provisioned) -> Reply:
    client = granted(answer)
    return ProvisioningService.of(http, target).configuration(client.environment, str(client.client_id))


@when("the provider moves to a new release", target_fixture="configuration_after")
def new_release(http: HttpSession, target: Target, answer: Provisioned) -> Reply:
    service = ProvisioningService.of(http, target)
    release = service.new_release(f"conformance-{secrets.token_hex(3)}")
    if release.status != 200:
        raise Inconclusive(f"the mock could not move to a new release (HTTP {release.status})")
    return service.configuration(answer.environment, str(answer.client_id))


@then("the client's configuration is unchanged")
def configuration_kept(configuration_before: Reply, configuration_after: Reply) -> None:
    rules.configuration_kept(configuration_before, configuration_after)


@then("the client's credentials still authenticate at the token endpoint")
def still_authenticates(http: HttpSession, discovery: Discovery, answer: Provisioned) -> None:
    endpoint = discovery.endpoint("token_endpoint")
    auth = client_auth("client_secret_basic", answer.credentials(), audience=endpoint)
    credential_rules.authenticates_at_token(client_credentials(http, endpoint, auth, None))


@given(parsers.parse("a client provisioned in {environment} through {channel}"), target_fixture="answer")
def provisioned_client(http: HttpSession, target: Target, environment: str, channel: str) -> Provisioned:
    return granted(submit(http, target, environment, provisioning_request(environment, channel)))


@given("the request asks for BankID Substantial", target_fixture="provisioning_request")
def asks_for_bis(provisioning_request: dict[str, Any]) -> dict[str, Any]:
    return {**provisioning_request, "idps": ["BID", "BIS"], "bis_enabled": True}

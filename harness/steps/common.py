"""Steps every area shares: the provider's metadata and keys."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers

from harness.http import HttpSession, Reply
from harness.rp.discovery import Discovery, discover
from harness.target import ClientCredentials, Target


@given("the provider's discovery document", target_fixture="discovery")
def discovery(http: HttpSession, target: Target) -> Discovery:
    return discover(http, target.discovery_url)


@given("the provider's signing keys", target_fixture="jwks_reply")
def jwks_reply(http: HttpSession, discovery: Discovery) -> Reply:
    return http.get(discovery.endpoint("jwks_uri"))


@given("a provisioned client", target_fixture="client")
def client(target: Target) -> ClientCredentials:
    return target.require_client()


# The second client's roles, by the words a feature uses for them.
ROLES = {"with BIS enabled": "bis", "that is not eligible for nnin_altsub": "ineligible"}


@given(parsers.parse("the provisioned client {role}"), target_fixture="client")
def client_in_role(target: Target, role: str) -> ClientCredentials:
    return target.require_client(ROLES[role])


def published_jwks(http: HttpSession, discovery: Discovery) -> dict[str, Any]:
    return http.get(discovery.endpoint("jwks_uri")).json_object() or {}

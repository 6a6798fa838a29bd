"""The items only newer pages imply (channel, organisation, client name, scopes [S1][S47]): required by default;
optional, as every earlier request list has it [S3][S4][S6], when the policy says so (PROVIDER-FACTS §4)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bankid_provisioning import Channel, Policy, validate_request
from bankid_provisioning.newer_items import NEWER_ITEMS
from tests.bankid_provisioning.test_validate import fields


def _without(request: dict[str, Any], path: str) -> dict[str, Any]:
    head, _, leaf = path.partition(".")
    if leaf:
        request[head].pop(leaf)
    else:
        request.pop(head)
    return request


@pytest.mark.parametrize("item", NEWER_ITEMS)
def test_a_missing_newer_item_is_refused_by_default(shared_request: dict[str, Any], policy: Policy, item: str) -> None:
    report = validate_request(_without(shared_request, item), policy=policy)
    assert item in fields(report)


@pytest.mark.parametrize("item", NEWER_ITEMS)
def test_a_missing_newer_item_is_advice_when_optional(
    shared_request: dict[str, Any], policy: Policy, item: str
) -> None:
    optional = dataclasses.replace(policy, newer_items_required=False)
    report = validate_request(_without(shared_request, item), policy=optional)
    assert report.ok, report.errors
    assert item in {a.field for a in report.advice}


def test_optional_items_are_taken_as_the_earlier_lists_take_them(
    shared_request: dict[str, Any], policy: Policy
) -> None:
    optional = dataclasses.replace(policy, newer_items_required=False)
    request = validate_request(_without(_without(shared_request, "channel"), "scopes"), policy=optional).request
    assert (request.channel, request.scopes) == (Channel.PARTNER, ("openid",))
    del shared_request["partner"]
    assert validate_request(shared_request, policy=optional).request.channel is Channel.SERVICE_DESK


@pytest.mark.parametrize(
    ("item", "value"),
    [
        ("client_name", "Not A Name"),
        ("organisation.number", "123"),
        ("client_name", ["webshop"]),
        ("scopes", ["profile"]),
    ],
)
def test_a_newer_item_sent_wrong_is_refused_either_way(
    shared_request: dict[str, Any], policy: Policy, item: str, value: object
) -> None:
    head, _, leaf = item.partition(".")
    if leaf:
        shared_request[head][leaf] = value
    else:
        shared_request[head] = value
    for required in (True, False):
        report = validate_request(shared_request, policy=dataclasses.replace(policy, newer_items_required=required))
        assert item in fields(report), required


def test_a_dedicated_prod_certificate_still_needs_the_organisation(example: Any, policy: Policy) -> None:
    request = example("prod-dedicated.toml")
    del request["organisation"]
    report = validate_request(request, policy=dataclasses.replace(policy, newer_items_required=False))
    assert {"organisation.name", "organisation.number"} <= fields(report)

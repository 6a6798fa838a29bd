"""Which environments are provisioned: CURRENT and PROD [S1][S2]; PREPROD only where the policy offers it
[S10][S12] (PROVIDER-FACTS §1.1), and then exactly as CURRENT is."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bankid_provisioning import Environment, Policy, validate_request
from tests.bankid_provisioning.test_validate import fields

OFFERED = (Environment.CURRENT, Environment.PROD, Environment.PREPROD)


def test_preprod_is_not_offered_by_default(shared_request: dict[str, Any], policy: Policy) -> None:
    report = validate_request({**shared_request, "environment": "preprod"}, policy=policy)
    assert fields(report) == {"environment"}
    assert report.errors[0].message == "PREPROD is not offered: BankID provisions CURRENT or PROD [S1][S2]"


@pytest.mark.parametrize("channel", ["partner", "service-desk"])
def test_offered_preprod_takes_what_current_takes(shared_request: dict[str, Any], policy: Policy, channel: str) -> None:
    offered = dataclasses.replace(policy, environments=OFFERED)
    request = {**shared_request, "environment": "PREPROD", "channel": channel}
    assert validate_request(request, policy=offered).ok
    assert validate_request({**request, "environment": "CURRENT"}, policy=offered).ok


def test_offered_preprod_needs_a_bid_for_a_dedicated_certificate(
    shared_request: dict[str, Any], policy: Policy
) -> None:
    offered = dataclasses.replace(policy, environments=OFFERED)
    request = {**shared_request, "environment": "PREPROD", "merchant_certificate": {"kind": "dedicated"}}
    assert "merchant_certificate.bid_file" in fields(validate_request(request, policy=offered))


def test_only_prod_is_not_a_test_environment() -> None:
    assert [e for e in Environment if not e.is_test] == [Environment.PROD]

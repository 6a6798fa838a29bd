"""Test the tester for the provisioning page: a mock that accepts any client and secret fails exactly the
credential rules about wrong, disabled and other-environment credentials (and warns about a superseded one); a
conformant mock passes every BID-P scenario."""

from __future__ import annotations

import pytest

from tests.harness.suite_runner import failed_rules, outcomes, run_suite, warned_rules

AREAS = "provisioning or credentials or merchant_certificate"


def test_any_secret_fails_the_wrong_disabled_and_other_environment_rules(pytester: pytest.Pytester) -> None:
    result, findings = run_suite(pytester, "--target", "mock", "--mock-fault", "any-secret", "-m", "credentials")
    # "Any secret, for any client id, even one never provisioned": a disabled client, refused "like any unknown
    # client's" (P11), gets in too.
    assert failed_rules(findings) == {"BID-P9", "BID-P11", "BID-P12"}
    # Rotation is UNCLEAR (PROVIDER-FACTS §3.3): an old secret that still works is a warning, not a failure.
    assert "BID-P10" in warned_rules(findings)
    assert result.ret == 1


def test_conformant_mock_passes_every_provisioning_scenario(pytester: pytest.Pytester) -> None:
    result, findings = run_suite(pytester, "--target", "mock", "-m", AREAS)
    assert result.ret == 0
    assert findings["verdict"] == "CONFORMANT"
    assert set(outcomes(findings)) == {"conformant"}
    exercised = {rule for scenario in findings["scenarios"] for rule in scenario["rule_ids"]}
    assert {f"BID-P{n}" for n in range(1, 37)} <= exercised

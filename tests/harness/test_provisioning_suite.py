"""The provisioning page is judged in full: a conformant mock passes every BID-P scenario and every BID-P rule
is exercised. Which rules each fault profile makes fail is ``test_detection.py``'s job."""

from __future__ import annotations

import pytest

from tests.harness.suite_runner import outcomes, run_suite

AREAS = "provisioning or credentials or merchant_certificate"


def test_conformant_mock_passes_every_provisioning_scenario(pytester: pytest.Pytester) -> None:
    result, findings = run_suite(pytester, "--target", "mock", "-m", AREAS)
    assert result.ret == 0
    assert findings["verdict"] == "CONFORMANT"
    assert set(outcomes(findings)) == {"conformant"}
    exercised = {rule for scenario in findings["scenarios"] for rule in scenario["rule_ids"]}
    assert {f"BID-P{n}" for n in range(1, 37)} <= exercised

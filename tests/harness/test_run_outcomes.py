"""What a run says when it cannot judge (an unreachable target, a live one without credentials or a login
driver), and how a failure reads. Which rule each fault makes fail is ``test_detection.py``'s job."""

from __future__ import annotations

import pytest

from tests.harness.suite_runner import outcomes, run_suite

LIVE_URL = "https://127.0.0.1:9/auth/realms/current/.well-known/openid-configuration"


def test_unreachable_target_is_inconclusive_not_failed(pytester: pytest.Pytester) -> None:
    url = "https://127.0.0.1:9/auth/realms/current/.well-known/openid-configuration"
    result, findings = run_suite(pytester, "--target", url, "-m", "BID-R1 or BID-R2")
    assert result.ret == 4  # not judged
    assert findings["verdict"] == "INCONCLUSIVE"
    assert set(outcomes(findings)) == {"inconclusive"}
    assert all("could not be reached" in s["reason"]["message"] for s in findings["scenarios"])


def test_live_target_without_credentials_is_inconclusive(pytester: pytest.Pytester) -> None:
    url = "https://127.0.0.1:9/auth/realms/current/.well-known/openid-configuration"
    _, findings = run_suite(pytester, "--target", url, "-m", "BID-R27")
    [scenario] = findings["scenarios"]
    assert scenario["outcome"] == "inconclusive"
    assert "BANKID_CLIENT_ID" in scenario["reason"]["message"]


def test_failure_names_rule_expected_seen_and_redacted_evidence(pytester: pytest.Pytester) -> None:
    result, findings = run_suite(pytester, "--target", "mock", "--mock-fault", "wrong-issuer", "-m", "BID-R2")
    output = result.stdout.str()
    assert "BID-R2 [MUST] issuer equals the configured base exactly" in output
    assert "expected: 'https://auth.current.bankid.no/auth/realms/current'" in output
    assert "seen:     'https://evil.example/auth/realms/current'" in output
    assert "evidence (redacted)" in output
    [scenario] = findings["scenarios"]
    assert scenario["evidence"][0]["status"] == 200


def test_live_target_without_login_driver_is_inconclusive_for_needs_user(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Credentials present, so the only thing the target lacks is a human to log in.
    monkeypatch.setenv("BANKID_CLIENT_ID", "conformance-bankid-current")
    monkeypatch.setenv("BANKID_CLIENT_SECRET", "not-a-real-secret")
    monkeypatch.setenv("BANKID_REDIRECT_URI", "https://rp.conformance.example/callback")
    result, findings = run_suite(pytester, "--target", LIVE_URL, "-m", "needs-user and not mock-only")
    scenarios = findings["scenarios"]
    assert len(scenarios) >= 10
    assert {s["outcome"] for s in scenarios} == {"inconclusive"}
    # Scenarios that need a second client (BIS enabled, not nnin-eligible) say that first.
    reasons = [s["reason"]["message"] for s in scenarios]
    assert all("no login driver" in r or "client role" in r for r in reasons)
    assert sum("client role" in r for r in reasons) == 3
    assert findings["verdict"] == "INCONCLUSIVE"
    assert result.ret == 4  # not judged: never green on nothing

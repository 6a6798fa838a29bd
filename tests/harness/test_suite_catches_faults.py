"""Test the tester: a misbehaving provider makes exactly the matching rules fail, a conformant one passes.

Each case starts the in-process mock with a named fault profile (``--mock-fault``) and runs the real suite.
"""

from __future__ import annotations

import pytest

from tests.harness.suite_runner import failed_rules, outcomes, run_suite

SKELETON_RULES = "discovery or jwks or client_authentication"


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ("wrong-issuer", {"BID-R2"}),
        ("keycloak-authorize-path", {"BID-R3"}),
        ("html-discovery", {"BID-R1"}),
        ("duplicate-kid", {"BID-R12"}),
        ("no-x5c", {"BID-R13"}),
        ("no-cache-control", {"BID-R14"}),
        ("any-secret", {"BID-R18"}),
        ("long-tokens", {"BID-R20"}),  # the scenario stops at its first failed MUST rule
        ("open-introspection", {"BID-R25"}),
        ("password-grant", {"BID-R23"}),
        # The provider itself cannot introspect what it signed with a key it does not publish: R27 too.
        ("unpublished-signing-key", {"BID-R21", "BID-R27"}),
    ],
)
def test_fault_fails_exactly_its_rules(pytester: pytest.Pytester, fault: str, expected: set[str]) -> None:
    result, findings = run_suite(pytester, "--target", "mock", "--mock-fault", fault, "-m", SKELETON_RULES)
    assert failed_rules(findings) == expected
    assert result.ret == 1
    assert outcomes(findings)["non-conformant"] >= 1


def test_tokens_signed_with_an_unpublished_key_fail_every_signature_rule(pytester: pytest.Pytester) -> None:
    marks = "id_token or userinfo"
    _, findings = run_suite(pytester, "--target", "mock", "--mock-fault", "unpublished-signing-key", "-m", marks)
    assert failed_rules(findings) == {"BID-R30", "BID-R45"}


def test_advisory_fault_warns_but_stays_conformant(pytester: pytest.Pytester) -> None:
    result, findings = run_suite(pytester, "--target", "mock", "--mock-fault", "one-signing-key", "-m", "jwks")
    assert result.ret == 0
    assert findings["verdict"] == "CONFORMANT"
    warned = {v["rule"] for s in findings["scenarios"] for v in s["verdicts"] if v["outcome"] == "warning"}
    assert warned == {"BID-R15"}


def test_conformant_mock_passes_every_skeleton_scenario(pytester: pytest.Pytester) -> None:
    result, findings = run_suite(pytester, "--target", "mock", "-m", SKELETON_RULES)
    assert result.ret == 0
    assert findings["verdict"] == "CONFORMANT"
    assert outcomes(findings)["conformant"] >= 25


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

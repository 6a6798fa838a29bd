"""Test the tester for the provider surface: each fault profile makes exactly its rules non-conformant.

One case per area at least (authorization, token, id_token, userinfo, introspection, par,
client_authentication): the in-process mock runs with ``--mock-fault``, the real suite runs over the area's
scenarios, and ``findings.json`` must name exactly the expected rule ids in its non-conformant reasons.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.harness.suite_runner import non_conformant_rules, run_suite

LIVE_URL = "https://127.0.0.1:9/auth/realms/current/.well-known/openid-configuration"
SURFACE = "authorization or token or id_token or userinfo or par or introspection or client_authentication"


def warned_rules(findings: dict[str, Any]) -> set[str]:
    return {v["rule"] for s in findings.get("scenarios", []) for v in s["verdicts"] if v["outcome"] == "warning"}


@pytest.mark.parametrize(
    ("fault", "selection", "expected"),
    [
        ("authorize-plain-pkce", "authorization", {"BID-R35"}),
        ("authorize-unregistered-redirect", "authorization", {"BID-R32"}),
        ("cancel-drops-state", "authorization", {"BID-R49"}),
        ("authorize-unknown-client-redirect", "authorization", {"BID-R31"}),
        ("authorize-post", "authorization", {"BID-R33"}),
        ("authorize-implicit-token", "authorization", {"BID-R34"}),
        ("authorize-optional-state-nonce", "authorization", {"BID-R36"}),
        ("authorize-optional-openid", "authorization", {"BID-R37"}),
        ("authorize-clear-nnin-hint", "authorization", {"BID-R38"}),
        # Every login starts with the same well-formed request, so only the front channel stays clean.
        ("authorize-refuses-bid", "authorization and mock-and-live", {"BID-R42"}),
        ("authorize-old-api-version", "authorization", {"BID-R53"}),
        ("callback-leaks-nnin", "authorization", {"BID-R43"}),
        ("callback-other-state", "authorization", {"BID-R43"}),
        ("login-hides-display-name", "authorization", {"BID-R52"}),
        # The second client (BIS enabled, not nnin-eligible) proves R48 and R51 the other way round.
        ("bis-for-every-client", "id_token or authorization", {"BID-R51"}),
        ("bis-ignored", "id_token or authorization", {"BID-R51"}),
        ("nnin-altsub-ignores-eligibility", "id_token", {"BID-R48"}),
        ("code-reusable", "token", {"BID-R44"}),
        ("pkce-not-verified", "token", {"BID-R44"}),
        ("id-token-tid", "id_token", {"BID-R47"}),
        ("id-token-string-amr", "id_token", {"BID-R46"}),
        ("id-token-profile-without-scope", "id_token", {"BID-R48"}),
        ("id-token-long-lived", "id_token or token", {"BID-R45", "BID-R50"}),
        ("userinfo-json", "userinfo", {"BID-R30"}),
        ("userinfo-post", "userinfo", {"BID-R29"}),
        ("introspect-garbage-400", "introspection", {"BID-R26"}),
        ("par-without-client-auth", "par", {"BID-R39"}),
        ("authorize-authorization-details", "par", {"BID-R41"}),
        ("expired-assertion", "client_authentication", {"BID-R24"}),
    ],
)
def test_fault_makes_exactly_its_rules_non_conformant(
    pytester: pytest.Pytester, fault: str, selection: str, expected: set[str]
) -> None:
    result, findings = run_suite(pytester, "--target", "mock", "--mock-fault", fault, "-m", selection)
    assert non_conformant_rules(findings) == expected
    assert findings["counts"].get("harness-error", 0) == 0
    assert result.ret == 1


@pytest.mark.parametrize(
    ("fault", "selection", "expected"),
    [
        ("par-200", "par", {"BID-R40a"}),
        ("replayed-assertion", "client_authentication", {"BID-R24a"}),
    ],
)
def test_advisory_fault_warns_and_stays_conformant(
    pytester: pytest.Pytester, fault: str, selection: str, expected: set[str]
) -> None:
    result, findings = run_suite(pytester, "--target", "mock", "--mock-fault", fault, "-m", selection)
    assert findings["verdict"] == "CONFORMANT"
    assert expected <= warned_rules(findings)
    assert result.ret == 0


def test_conformant_mock_passes_the_whole_surface(pytester: pytest.Pytester) -> None:
    result, findings = run_suite(pytester, "--target", "mock", "-m", SURFACE)
    assert findings["verdict"] == "CONFORMANT", non_conformant_rules(findings)
    assert findings["counts"]["conformant"] >= 70
    assert result.ret == 0


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

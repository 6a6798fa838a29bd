"""Test the tester for BID-R60..R68: each fault profile of ``mock_provider.faults.authentication_request``
makes exactly its rule fail (MUST) or warn (advisory) in the real suite, and nothing else among these rules."""

from __future__ import annotations

import pytest

from tests.harness.suite_runner import failed_rules, run_suite, warned_rules

RULES = " or ".join(f"BID-R{n}" for n in range(60, 69))


@pytest.mark.parametrize(
    ("fault", "quirks", "failed", "warned"),
    [
        ("authorize-refuses-several-acr", (), {"BID-R65"}, set()),
        ("id-token-hint-ignored", (), set(), {"BID-R64"}),
        ("id-token-no-auth-time", (), set(), {"BID-R60"}),
        # Without max_age the ID token has no auth_time; with a reusable login (the sso quirk) the stale one is
        # reused as well. R63 warns because of the quirk itself.
        ("max-age-ignored", (), set(), {"BID-R60"}),
        ("max-age-ignored", ("sso=id-token-hint",), set(), {"BID-R60", "BID-R63", "BID-R68"}),
        ("introspect-assumes-hint", (), set(), {"BID-R67"}),
    ],
)
def test_fault_breaks_exactly_its_rule(
    pytester: pytest.Pytester, fault: str, quirks: tuple[str, ...], failed: set[str], warned: set[str]
) -> None:
    chosen = [arg for quirk in quirks for arg in ("--mock-quirk", quirk)]
    _, findings = run_suite(pytester, "--target", "mock", "--mock-fault", fault, *chosen, "-m", RULES, "-n", "0")
    assert (failed_rules(findings), warned_rules(findings)) == (failed, warned)

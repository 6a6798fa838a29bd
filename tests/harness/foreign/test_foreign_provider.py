"""The harness against an OpenID Provider this project did not write (``oidc-provider-mock`` from PyPI, on
127.0.0.1), driven like any live target: a discovery URL and credentials in the environment.

``expectations.toml`` says which rules fail there (BankID's own design), which warn and which pass (generic
OpenID Connect); the run must match it exactly, judge the rest as inconclusive rather than guess, and never
write the client's secret.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.harness.foreign.provider import REDIRECT_URI, serve
from tests.harness.suite_runner import run_suite

EXPECTATIONS = Path(__file__).with_name("expectations.toml")


def rule_outcomes(findings: dict[str, Any]) -> dict[str, str]:
    """Per rule, its worst verdict over the run: failed, else warning, else passed."""
    seen: dict[str, set[str]] = defaultdict(set)
    for scenario in findings.get("scenarios", []):
        for verdict in scenario["verdicts"]:
            seen[verdict["rule"]].add(verdict["outcome"])
    order = ("failed", "warning", "passed")
    return {rule: next(o for o in order if o in outcomes) for rule, outcomes in seen.items()}


def test_a_foreign_provider_fails_exactly_the_bankid_specific_rules(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = tomllib.loads(EXPECTATIONS.read_text())
    with serve() as provider:
        monkeypatch.setenv("BANKID_CLIENT_ID", provider.client_id)
        monkeypatch.setenv("BANKID_CLIENT_SECRET", provider.client_secret)
        monkeypatch.setenv("BANKID_REDIRECT_URI", REDIRECT_URI)
        monkeypatch.setenv("BANKID_SCOPE", "openid")
        # Bounded: a provider that hangs fails this test within a minute instead of holding CI.
        result, findings = run_suite(pytester, "--target", provider.discovery_url, timeout=60)
    judged = rule_outcomes(findings)
    by_outcome = {name: {r for r, o in judged.items() if o == outcome} for name, outcome in OUTCOMES.items()}
    assert by_outcome == {name: set(expected[name]) for name in OUTCOMES}
    assert findings["counts"].get("harness-error", 0) == 0
    assert result.ret == 1  # a MUST rule failed: non-conformant
    assert provider.client_secret not in (pytester.path / "reports" / "findings.json").read_text()


OUTCOMES = {"fail": "failed", "warn": "warning", "pass": "passed"}

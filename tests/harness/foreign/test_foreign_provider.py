"""The harness against an OpenID Provider this project did not write (``oidc-provider-mock`` from PyPI, on
127.0.0.1), driven like any live target: a discovery URL, credentials in the environment, and
``BANKID_LOGIN=manual`` with a scripted person answering the provider's own login form.

``expectations.toml`` says which rules fail there (BankID's own design), which warn and which pass (generic
OpenID Connect); the run must match it exactly, judge the rest as inconclusive rather than guess, and never
write the client's secret.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.harness.foreign.person import Person
from tests.harness.foreign.provider import ROOT, ForeignProvider, serve

EXPECTATIONS = Path(__file__).with_name("expectations.toml")
SUITE = ROOT / "harness" / "suite" / "test_features.py"
OUTCOMES = {"fail": "failed", "warn": "warning", "pass": "passed"}
# The whole run is bounded: a provider or a login that hangs fails this test instead of holding CI.
RUN_TIMEOUT = 120.0


def run_suite(provider: ForeignProvider, reports: Path, person: Person) -> tuple[int, dict[str, Any]]:
    """The suite in its own process, uncaptured (``-s``) so the manual driver's request reaches the person,
    and in its own session, so the driver finds no terminal and writes to stderr."""
    env = {
        **os.environ,
        "BANKID_CLIENT_ID": provider.client_id,
        "BANKID_CLIENT_SECRET": provider.client_secret,
        "BANKID_REDIRECT_URI": provider.redirect_uri,
        "BANKID_SCOPE": "openid",
        "BANKID_LOGIN": "manual",
        "BANKID_LOGIN_TIMEOUT": "5",
    }
    command = [sys.executable, "-m", "pytest", str(SUITE), "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT)]
    command += ["-p", "no:cacheprovider", "-n", "0", "-s", "-q", "--target", provider.discovery_url]
    # Scenarios that need an admin API are not applicable to any live target: not even collected.
    command += ["-m", "not mock-only", "--bankid-reports", str(reports)]
    with (reports.parent / "suite.out").open("w") as out:
        child = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
        assert child.stderr is not None
        reader = person.follow(child.stderr)
        try:
            status = child.wait(RUN_TIMEOUT)
        finally:
            child.kill()
            reader.join(5)
            child.stderr.close()
    return status, json.loads((reports / "findings.json").read_text())


def rule_outcomes(findings: dict[str, Any]) -> dict[str, str]:
    """Per rule, its worst verdict over the run: failed, else warning, else passed."""
    seen: dict[str, set[str]] = defaultdict(set)
    for scenario in findings.get("scenarios", []):
        for verdict in scenario["verdicts"]:
            seen[verdict["rule"]].add(verdict["outcome"])
    order = ("failed", "warning", "passed")
    return {rule: next(o for o in order if o in outcomes) for rule, outcomes in seen.items()}


@pytest.mark.heavy(8)
def test_a_foreign_provider_fails_exactly_the_bankid_specific_rules(tmp_path: Path) -> None:
    expected = tomllib.loads(EXPECTATIONS.read_text())
    person = Person()
    with serve() as provider:
        status, findings = run_suite(provider, tmp_path / "reports", person)
    judged = rule_outcomes(findings)
    for name, outcome in OUTCOMES.items():
        seen, wanted = {r for r, o in judged.items() if o == outcome}, set(expected[name])
        where = f"[{name}] in {EXPECTATIONS.name}"
        assert seen == wanted, f"{where}: not expected {sorted(seen - wanted)}, missing {sorted(wanted - seen)}"
    assert findings["counts"].get("harness-error", 0) == 0
    assert person.logins >= expected["provider"]["logins"] and not person.problems, person.problems
    assert status == 1  # a MUST rule failed: non-conformant
    assert provider.client_secret not in (tmp_path / "reports" / "findings.json").read_text()

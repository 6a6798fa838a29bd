"""Every quirk, both ways, through the real suite: the rules that rest on its UNCLEAR fact give the verdicts
below under each value. This is how the conformance run exercises each advisory rule under both quirk values
without slowing the main job; by hand, for one quirk:

    .venv/bin/python -m pytest harness/suite --target mock --mock-quirk sso=id-token-hint -m "BID-R63 or BID-R68"

Three child runs (every default; every other value; par-required alone), the first two only over the rules
named below; the par-required run is the whole suite, which must stay CONFORMANT: a provider that requires PAR
gets its requests pushed (harness/rp/front_channel.py), so no rule fails for the harness's plain URL.
"""

from __future__ import annotations

from typing import Any

import pytest

from mock_provider.quirks import BY_NAME, QUIRKS
from tests.harness.suite_runner import failed_rules, run_suite, warned_rules

# quirk -> (rules judged, {value: (MUST rules failed, SHOULD/ADVISORY rules warned)})
EXPECTED: dict[str, tuple[tuple[str, ...], dict[str, tuple[set[str], set[str]]]]] = {
    "client-auth-error": (
        ("BID-R17", "BID-R18"),
        {"invalid_client": (set(), set()), "unauthorized_client": (set(), set())},
    ),
    "client-auth-status": (("BID-R17", "BID-R18"), {"401": (set(), set()), "400": (set(), set())}),
    # A provider that requires PAR gets every request pushed (RFC 9126 §5): R42 and R65 pass through PAR.
    "par-required": (
        ("BID-R6", "BID-R6a", "BID-R42", "BID-R65"),
        {"false": (set(), {"BID-R6a"}), "true": (set(), {"BID-R6a"})},
    ),
    # Advertising and accepting plain contradicts the CONFIRMED "only S256" [S16]: R35 fails, R7a warns.
    "pkce-methods": (("BID-R7a", "BID-R35"), {"S256": (set(), set()), "plain,S256": ({"BID-R35"}, {"BID-R7a"})}),
    "par-status": (("BID-R40", "BID-R40a"), {"201": (set(), set()), "200": (set(), {"BID-R40a"})}),
    "originator": (("BID-R62",), {"absent": (set(), set()), "present": (set(), {"BID-R62"})}),
    "auth-time": (("BID-R60", "BID-R61"), {"when-max-age": (set(), set()), "always": (set(), {"BID-R61"})}),
    "sso": (("BID-R63", "BID-R68"), {"off": (set(), set()), "id-token-hint": (set(), {"BID-R63"})}),
    "bim": (("BID-R66",), {"available": (set(), set()), "phased-out": (set(), {"BID-R66"})}),
    # The split rules' quirks (their MUST and advisory parts are also judged directly in
    # tests/harness/rules/bankid/test_advisory_both_ways.py).
    "response-types": (("BID-R8", "BID-R8a"), {"code": (set(), set()), "keycloak": (set(), {"BID-R8a"})}),
    "jwt-client-auth": (("BID-R9", "BID-R9a"), {"advertised": (set(), set()), "per-client": (set(), {"BID-R9a"})}),
    "bis-acr": (("BID-R10", "BID-R10a"), {"advertised": (set(), set()), "login-hint-only": (set(), {"BID-R10a"})}),
    "untrusted-client-page": (
        ("BID-R31", "BID-R31a", "BID-R32", "BID-R32a"),
        {"400": (set(), set()), "200": (set(), {"BID-R31a", "BID-R32a"})},
    ),
    # Several assertion audiences: refused as Keycloak >= 26.2 does, or accepted as before (R24b warns).
    "assertion-audiences": (("BID-R24", "BID-R24b"), {"single": (set(), set()), "several": (set(), {"BID-R24b"})}),
    # Provisioning items no earlier list asks for: refused when missing, or taken as the earlier lists would
    # (P18a warns for each of its five examples; the items every list asks for stay required, P18).
    "newer-provisioning-items": (
        ("BID-P18", "BID-P18a"),
        {"required": (set(), set()), "optional": (set(), {"BID-P18a"})},
    ),
    # PREPROD: no such provisioning (404), or provisioned as CURRENT is (P3a warns; P3, CURRENT sent to PROD, holds).
    "preprod": (("BID-P3", "BID-P3a"), {"refused": (set(), set()), "offered": (set(), {"BID-P3a"})}),
    # A rotated secret refused at once, or kept for Keycloak's 2-day grace (P10 warns; the new one works, P5).
    "rotated-secret": (("BID-P5", "BID-P10"), {"refused": (set(), set()), "grace": (set(), {"BID-P10"})}),
}
# R6a warns on the mock whatever the quirks: it leaves out signdoc-baseurl, aml-baseurl and fraud-data-baseurl,
# whose APIs it does not serve (tests/mock_provider/test_advertised.py).

# Three runs instead of one per value: every default; every other value at once, except par-required, which
# changes how every login scenario starts and so runs alone, over the whole suite.
ALONE = "par-required"


def _run_values(pick: int) -> dict[str, str]:
    return {name: list(by_value)[pick] for name, (_, by_value) in EXPECTED.items() if name != ALONE}


RUNS = {
    "defaults": {**_run_values(0), ALONE: "false"},
    "other values": _run_values(1),
    "par-required": {ALONE: "true"},
}


def test_every_quirk_and_value_is_exercised() -> None:
    assert set(EXPECTED) == {spec.name for spec in QUIRKS}
    for name, (_, by_value) in EXPECTED.items():
        assert set(by_value) == set(BY_NAME[name].values), name
        assert next(iter(by_value)) == BY_NAME[name].default, name
    exercised = {(name, value) for values in RUNS.values() for name, value in values.items()}
    assert exercised == {(name, value) for name, (_, by_value) in EXPECTED.items() for value in by_value}


@pytest.mark.heavy(3)
@pytest.mark.parametrize("run", list(RUNS))
def test_quirk_values_give_their_verdicts(pytester: pytest.Pytester, run: str) -> None:
    values = RUNS[run]
    rules = sorted({rule for name in values for rule in EXPECTED[name][0]})
    failed = set().union(*(EXPECTED[name][1][value][0] for name, value in values.items()))
    warned = set().union(*(EXPECTED[name][1][value][1] for name, value in values.items()))
    quirks = [arg for name, value in values.items() for arg in ("--mock-quirk", f"{name}={value}")]
    selection = [] if run == ALONE else ["-m", " or ".join(rules)]
    _, findings = run_suite(pytester, "--target", "mock", *quirks, *selection, "-n", "0")
    judged = {v["rule"] for s in findings.get("scenarios", []) for v in s["verdicts"]}
    assert set(rules) <= judged
    assert (failed_rules(findings), warned_rules(findings)) == (failed, warned)
    if run == ALONE:
        _conformant_under_required_par(findings)


def _conformant_under_required_par(findings: dict[str, Any]) -> None:
    """The whole suite when the provider requires PAR: CONFORMANT, nothing inconclusive, only advisory
    warnings; not applicable, saying why, only the rules that a plain authorize URL alone can show (a clear
    nnin refused on the front channel, R38; authorization_details outside PAR, R41)."""
    assert (findings["verdict"], findings["exit_status"]) == ("CONFORMANT", 0)
    assert "inconclusive" not in findings["counts"]
    verdicts = [v for s in findings["scenarios"] for v in s["verdicts"]]
    assert {v["level"] for v in verdicts if v["outcome"] == "warning"} <= {"ADVISORY", "SHOULD"}
    not_applicable = [s for s in findings["scenarios"] if s["outcome"] == "not-applicable"]
    assert {rule for s in not_applicable for rule in s["rule_ids"]} == {"BID-R38", "BID-R38a", "BID-R41"}
    assert all("require_pushed_authorization_requests" in s["reason"]["message"] for s in not_applicable)

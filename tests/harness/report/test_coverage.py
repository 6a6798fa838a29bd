"""The rule → scenario → target matrix names every rule, including rules no scenario exercised."""

from __future__ import annotations

from harness.findings import Scenario
from harness.report.coverage import coverage, coverage_rows


def scenario(name: str, target: str, outcome: str, *rule_ids: str) -> Scenario:
    return Scenario(
        nodeid=name,
        feature="f",
        feature_file="f.feature",
        name=name,
        target=target,
        rule_ids=list(rule_ids),
        level="MUST",
        outcome=outcome,  # type: ignore[arg-type]
    )


SCENARIOS = [
    scenario("Issuer", "mock", "conformant", "BID-R2"),
    scenario("Issuer", "live", "non-conformant", "BID-R2"),
    scenario("Keys", "live", "inconclusive", "BID-R12", "BID-R13"),
]


def test_outcomes_are_grouped_by_rule_scenario_and_target() -> None:
    table = coverage(SCENARIOS)
    assert table["BID-R2"] == {"Issuer": {"mock": "conformant", "live": "non-conformant"}}
    assert table["BID-R13"] == {"Keys": {"live": "inconclusive"}}


def test_matrix_flags_rules_without_a_scenario() -> None:
    rows = coverage_rows(SCENARIOS, ["BID-R2", "BID-R99"], ["mock", "live"])
    assert ("BID-R2", "Issuer", "conformant", "non-conformant") in rows
    assert ("BID-R99", "no scenario ran", "-", "-") in rows

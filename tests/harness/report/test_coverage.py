"""The rule → scenario → target matrix names every rule, including rules no scenario exercised."""

from __future__ import annotations

from harness.report.coverage import coverage, coverage_markdown

SCENARIOS = [
    {"name": "Issuer", "target": "mock", "outcome": "conformant", "rule_ids": ["BID-R2"]},
    {"name": "Issuer", "target": "live", "outcome": "non-conformant", "rule_ids": ["BID-R2"]},
    {"name": "Keys", "target": "live", "outcome": "inconclusive", "rule_ids": ["BID-R12", "BID-R13"]},
]


def test_outcomes_are_grouped_by_rule_scenario_and_target() -> None:
    table = coverage(SCENARIOS)
    assert table["BID-R2"] == {"Issuer": {"mock": "conformant", "live": "non-conformant"}}
    assert table["BID-R13"] == {"Keys": {"live": "inconclusive"}}


def test_markdown_flags_rules_without_a_scenario() -> None:
    lines = coverage_markdown(SCENARIOS, ["BID-R2", "BID-R99"], ["mock", "live"])
    assert "| BID-R2 | Issuer | pass | FAIL |" in lines
    assert "| BID-R99 | **no scenario ran** | - | - |" in lines

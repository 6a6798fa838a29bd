"""The rule → scenario → target matrix: which scenarios judged each rule, and how each target fared.

It is the traceability table a certification hands over, and what proves no rule is left without a scenario.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from harness.findings import Scenario


def coverage(scenarios: Iterable[Scenario]) -> dict[str, dict[str, dict[str, str]]]:
    """``{rule_id: {scenario name: {target: outcome}}}``."""
    table: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for scenario in scenarios:
        for rule_id in scenario.rule_ids:
            table[rule_id][scenario.name][scenario.target] = scenario.outcome
    return {rule: dict(names) for rule, names in table.items()}


def coverage_rows(scenarios: Iterable[Scenario], rule_ids: Iterable[str], targets: list[str]) -> list[tuple[str, ...]]:
    table = coverage(scenarios)
    rows: list[tuple[str, ...]] = []
    for rule_id in rule_ids:
        names = table.get(rule_id)
        if not names:
            rows.append((rule_id, "no scenario ran", *("-" for _ in targets)))
            continue
        for name, outcomes in sorted(names.items()):
            rows.append((rule_id, name, *(outcomes.get(t, "-") for t in targets)))
    return rows

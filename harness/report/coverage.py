"""The rule → scenario → target matrix: which scenarios judged each rule, and how each target fared.

It is the traceability table a certification hands over, and what proves no rule is left without a scenario.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

SYMBOLS = {
    "conformant": "pass",
    "non-conformant": "FAIL",
    "inconclusive": "inconclusive",
    "not-applicable": "n/a",
    "harness-error": "ERROR",
}


def coverage(scenarios: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, dict[str, str]]]:
    """``{rule_id: {scenario name: {target: outcome}}}`` from findings scenario records."""
    table: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for scenario in scenarios:
        for rule_id in scenario.get("rule_ids", []):
            table[rule_id][str(scenario["name"])][str(scenario["target"])] = str(scenario["outcome"])
    return {rule: dict(names) for rule, names in table.items()}


def coverage_markdown(scenarios: Iterable[Mapping[str, Any]], rule_ids: Iterable[str], targets: list[str]) -> list[str]:
    table = coverage(scenarios)
    header = "| rule | scenario | " + " | ".join(targets) + " |"
    lines = [header, "|---|---|" + "---|" * len(targets)]
    for rule_id in rule_ids:
        names = table.get(rule_id)
        if not names:
            lines.append(f"| {rule_id} | **no scenario ran** | " + " | ".join("-" for _ in targets) + " |")
            continue
        for name, outcomes in sorted(names.items()):
            cells = " | ".join(_cell(outcomes, target) for target in targets)
            lines.append(f"| {rule_id} | {name.replace('|', '/')} | {cells} |")
    return lines


def _cell(outcomes: Mapping[str, str], target: str) -> str:
    outcome = outcomes.get(target)
    return SYMBOLS.get(outcome, outcome) if outcome else "-"

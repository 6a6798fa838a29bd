"""Running the conformance suite as a user would, in a child pytest, and reading its findings."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from harness.suite.unused_plugins import blocking_args

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT / "harness" / "suite" / "test_features.py"
SCHEMA = ROOT / "docs" / "findings.schema.json"


@cache
def schema_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))


def read_findings(path: Path) -> dict[str, Any]:
    """A run's findings.json, validated against the published schema (docs/findings.schema.json)."""
    findings: dict[str, Any] = json.loads(path.read_text())
    schema_validator().validate(findings)
    return findings


def suite_args() -> list[str]:
    """The conformance suite as a child pytest runs it: this project's settings, no cache, unused plugins off."""
    settings = ["-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT), "-p", "no:cacheprovider"]
    return [str(SUITE), *settings, *blocking_args()]


def run_suite(
    pytester: pytest.Pytester, *args: str, timeout: float | None = None
) -> tuple[pytest.RunResult, dict[str, Any]]:
    reports = pytester.path / "reports"
    result = pytester.runpytest_subprocess(
        *suite_args(),
        "--bankid-reports",
        str(reports),
        *args,
        timeout=timeout,
    )
    findings_file = reports / "findings.json"
    findings = read_findings(findings_file) if findings_file.exists() else {}
    return result, findings


def rules_with(findings: dict[str, Any], outcome: str) -> set[str]:
    """Rule ids of every verdict with ``outcome`` (``failed``, ``warning``, ``passed``), across all scenarios."""
    return {
        verdict["rule"]
        for scenario in findings.get("scenarios", [])
        for verdict in scenario["verdicts"]
        if verdict["outcome"] == outcome
    }


def failed_rules(findings: dict[str, Any]) -> set[str]:
    """Rule ids of every MUST verdict that failed."""
    return rules_with(findings, "failed")


def warned_rules(findings: dict[str, Any]) -> set[str]:
    """Rule ids of every SHOULD or ADVISORY verdict that warned."""
    return rules_with(findings, "warning")


def outcomes(findings: dict[str, Any]) -> dict[str, int]:
    return dict(findings.get("counts", {}))


def non_conformant_rules(findings: dict[str, Any]) -> set[str]:
    """The rule id that made each non-conformant scenario fail (``reason.rule_id``, data, not parsed)."""
    return {
        scenario["reason"]["rule_id"]
        for scenario in findings.get("scenarios", [])
        if scenario["outcome"] == "non-conformant"
    }

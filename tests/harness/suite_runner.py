"""Running the conformance suite as a user would, in a child pytest, and reading its findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT / "harness" / "suite" / "test_features.py"


def run_suite(pytester: pytest.Pytester, *args: str) -> tuple[pytest.RunResult, dict[str, Any]]:
    reports = pytester.path / "reports"
    result = pytester.runpytest_subprocess(
        str(SUITE),
        "-c",
        str(ROOT / "pyproject.toml"),
        "--rootdir",
        str(ROOT),
        "-p",
        "no:cacheprovider",
        "--bankid-reports",
        str(reports),
        *args,
    )
    findings_file = reports / "findings.json"
    findings = json.loads(findings_file.read_text()) if findings_file.exists() else {}
    return result, findings


def failed_rules(findings: dict[str, Any]) -> set[str]:
    """Rule ids of every MUST verdict that failed, across all scenarios."""
    return {
        verdict["rule"]
        for scenario in findings.get("scenarios", [])
        for verdict in scenario["verdicts"]
        if verdict["outcome"] == "failed"
    }


def warned_rules(findings: dict[str, Any]) -> set[str]:
    """Rule ids of every SHOULD or ADVISORY verdict that warned, across all scenarios."""
    return {
        verdict["rule"]
        for scenario in findings.get("scenarios", [])
        for verdict in scenario["verdicts"]
        if verdict["outcome"] == "warning"
    }


def outcomes(findings: dict[str, Any]) -> dict[str, int]:
    return dict(findings.get("counts", {}))

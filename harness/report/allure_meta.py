"""Allure metadata written beside the results: categories that keep non-conformant, inconclusive and not
applicable apart (Allure would call them all "failed" or "skipped"), the environment and the executor."""

from __future__ import annotations

import json
from pathlib import Path

from harness.findings import Findings

# Allure matches categories on status and message; the plugin's skip messages and failure texts start so.
CATEGORIES = [
    {
        "name": "non-conformant (a MUST rule failed)",
        "matchedStatuses": ["failed"],
        "messageRegex": r"(?s).*Violation.*",
    },
    {
        "name": "inconclusive (the target could not be judged)",
        "matchedStatuses": ["skipped"],
        "messageRegex": r"(?s).*inconclusive:.*",
    },
    {
        "name": "not applicable to this target",
        "matchedStatuses": ["skipped"],
        "messageRegex": r"(?s).*not applicable:.*",
    },
    {"name": "harness error (a bug in this project)", "matchedStatuses": ["broken", "failed"]},
]


def write_allure_metadata(findings: Findings, results: Path) -> None:
    results.mkdir(parents=True, exist_ok=True)
    (results / "categories.json").write_text(json.dumps(CATEGORIES, indent=2), encoding="utf-8")
    (results / "environment.properties").write_text(_properties(findings), encoding="utf-8")
    executor = {
        "name": "bankid-conformance",
        "type": "bankid-oidc-conformance",
        "buildName": f"{findings.verdict} {findings.run.started}",
        "reportName": "BankID OIDC conformance",
    }
    (results / "executor.json").write_text(json.dumps(executor, indent=2), encoding="utf-8")


def _properties(findings: Findings) -> str:
    run = findings.run
    pairs = {
        "verdict": findings.verdict,
        "harness.version": run.harness_version,
        "harness.commit": run.git_commit or "unknown",
        "python": run.python,
        **{f"lib.{k}": v for k, v in sorted(run.libraries.items())},
    }
    for i, target in enumerate(findings.targets):
        pairs[f"target.{i}"] = f"{target.name} [{target.kind}]"
        pairs[f"target.{i}.release"] = target.release or "not advertised"
        pairs[f"target.{i}.issuer"] = target.issuer or "-"
        pairs[f"target.{i}.clients"] = ", ".join(target.client_ids.values()) or "none"
    return "".join(f"{k}={_escape(v)}\n" for k, v in pairs.items())


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", " ").replace(":", "\\:").replace("=", "\\=")

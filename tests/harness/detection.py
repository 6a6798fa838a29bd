"""The detection table and one run of the whole conformance suite against many in-process mocks at once.

Each fault profile is its own target (``--target mock[PROFILE]``), so one pytest session judges every scenario
on every profile: no child process per profile, and collection happens once per session.
"""

from __future__ import annotations

import json
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.harness.suite_runner import suite_args

TABLE = Path(__file__).with_name("detection.toml")
CONFORMANT = "conformant"


@dataclass(frozen=True)
class Expected:
    """What one profile does to the suite: the MUST rules that fail and the advisory ones that warn."""

    fails: frozenset[str]
    warns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Observed:
    fails: frozenset[str]
    warns: frozenset[str]
    unjudged: tuple[str, ...]  # harness errors: a scenario that crashed judged nothing


def table() -> dict[str, Expected]:
    """``detection.toml``: one table per profile (``conformant`` is the mock without a fault)."""
    data = tomllib.loads(TABLE.read_text(encoding="utf-8"))
    return {
        name: Expected(frozenset(row.get("fails", ())), frozenset(row.get("warns", ()))) for name, row in data.items()
    }


def target_spec(profile: str) -> str:
    return "mock" if profile == CONFORMANT else f"mock[{profile}]"


def run_suite(pytester: pytest.Pytester, profiles: list[str]) -> dict[str, Observed]:
    """Every scenario against every profile's mock (each in-process in one pytest run); what each target failed
    and warned. One child pytest per call, not per profile: a run inside this process would share module
    state (the store's per-process template database) with the next one, which pytester re-imports."""
    reports = pytester.path / "reports"
    targets = [f"--target={target_spec(name)}" for name in profiles]
    pytester.runpytest_subprocess(
        *suite_args(),
        "-q",
        "--bankid-reports",
        str(reports),
        *targets,
    )
    findings = json.loads((reports / "findings.json").read_text(encoding="utf-8"))
    by_target = _observed(findings["scenarios"])
    return {name: by_target.get(target_spec(name), Observed(frozenset(), frozenset(), ())) for name in profiles}


def _observed(scenarios: list[dict[str, Any]]) -> dict[str, Observed]:
    fails: dict[str, set[str]] = defaultdict(set)
    warns: dict[str, set[str]] = defaultdict(set)
    errors: dict[str, list[str]] = defaultdict(list)
    for scenario in scenarios:
        target = scenario["target"]
        for verdict in scenario["verdicts"]:
            if verdict["outcome"] == "failed":
                fails[target].add(verdict["rule"])
            elif verdict["outcome"] == "warning":
                warns[target].add(verdict["rule"])
        if scenario["outcome"] == "harness-error":
            errors[target].append(f"{scenario['name']}: {scenario['reason']}")
    targets = {s["target"] for s in scenarios}
    return {t: Observed(frozenset(fails[t]), frozenset(warns[t]), tuple(errors[t])) for t in targets}

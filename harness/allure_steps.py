"""pytest-bdd → Allure without allure-pytest-bdd (which clashes with allure-pytest and records step
arguments, secrets included): scenario titles, feature labels and steps, from pytest-bdd's hooks
(TOOLCHAIN.md recipe)."""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from importlib import resources
from typing import Any

import allure
import pytest

from harness.findings import Scenario
from harness.rules import REGISTRY

_STEPS = pytest.StashKey[list[Any]]()


@cache
def source_urls() -> dict[str, str]:
    """``S#`` → URL, copied from PROVIDER-FACTS.md's source table."""
    text = resources.files("harness.report").joinpath("sources.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def reporting(config: pytest.Config) -> bool:
    """Whether allure-pytest writes results in this session (``--alluredir``). Without it each Allure call still
    costs something (a uuid and a context per step, labels and links per scenario) for nothing: ~3% of a suite
    run's CPU, which the tests' own suite runs (thousands of scenarios, no Allure) pay over and over."""
    return bool(config.getoption("allure_report_dir", None))


def before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    if not reporting(request.config):
        return
    allure.dynamic.title(scenario.name)
    allure.dynamic.feature(feature.name)
    rule_name = getattr(getattr(scenario, "rule", None), "name", None)
    allure.dynamic.story(rule_name or scenario.name)
    # Suites drive the report's tree: area folder / feature / BankID rule.
    parts = str(feature.rel_filename).replace("\\", "/").split("/")
    area = parts[-2] if len(parts) >= 2 else "features"
    allure.dynamic.parent_suite(area.replace("_", " "))
    allure.dynamic.suite(feature.name)
    if rule_name:
        allure.dynamic.sub_suite(rule_name)
    # allure-pytest already lists every tag (pytest-bdd makes them markers); rule ids also get a label and links.
    for tag in sorted(scenario.tags & REGISTRY.keys()):
        _rule_label(tag)
    # Replaces pytest-bdd's docstring, which names the feature file by its absolute local path.
    relative = f"features/{str(feature.rel_filename).replace(chr(92), '/')}"
    allure.dynamic.description(f"{relative}\n\n{scenario.description or ''}".strip())
    request.node.stash[_STEPS] = []


def before_step(request: pytest.FixtureRequest, step: Any) -> None:
    if not reporting(request.config):
        return
    context = allure.step(f"{step.keyword} {step.name}")
    context.__enter__()
    request.node.stash.setdefault(_STEPS, []).append(context)


def after_step(request: pytest.FixtureRequest, exception: BaseException | None = None) -> None:
    stack = request.node.stash.get(_STEPS, [])
    if stack:
        context = stack.pop()
        if exception is None:
            context.__exit__(None, None, None)
        else:
            # A traceback (absolute local paths, source lines) only with --bankid-debug, as on the terminal.
            debug = request.config.getoption("--bankid-debug")
            context.__exit__(type(exception), exception, exception.__traceback__ if debug else None)


def _rule_label(rule_id: str) -> None:
    """The rule id as a label (filterable), with a link to each of its sources."""
    allure.dynamic.label("rule", rule_id)
    for source in REGISTRY[rule_id].sources:
        if url := source_urls().get(source):
            allure.dynamic.link(url, name=f"{rule_id} [{source}]")


def attach_scenario(evidence: str, scenario: Scenario) -> None:
    """The redacted evidence and the rule verdicts, as text attachments."""
    if evidence:
        attach_text("evidence (redacted)", evidence)
    if scenario.verdicts:
        attach_text("rule verdicts", json.dumps([asdict(v) for v in scenario.verdicts], indent=2))
    if scenario.reason is not None:
        attach_text(f"outcome: {scenario.outcome}", json.dumps(asdict(scenario.reason), indent=2))


def attach_text(name: str, body: str) -> None:
    allure.attach(body, name=name, attachment_type=allure.attachment_type.TEXT)


def attach_png(name: str, png: bytes) -> None:
    allure.attach(png, name=name, attachment_type=allure.attachment_type.PNG)

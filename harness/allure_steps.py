"""pytest-bdd → Allure without allure-pytest-bdd (which clashes with allure-pytest and records step
arguments, secrets included): scenario titles, feature labels and steps, from pytest-bdd's hooks
(TOOLCHAIN.md recipe)."""

from __future__ import annotations

from typing import Any

import allure
import pytest

_STEPS = pytest.StashKey[list[Any]]()


def before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
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
    for tag in sorted(scenario.tags):
        allure.dynamic.tag(tag)
    if scenario.description:
        allure.dynamic.description(scenario.description)
    request.node.stash[_STEPS] = []


def before_step(request: pytest.FixtureRequest, step: Any) -> None:
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
            context.__exit__(type(exception), exception, exception.__traceback__)


def attach_text(name: str, body: str) -> None:
    allure.attach(body, name=name, attachment_type=allure.attachment_type.TEXT)

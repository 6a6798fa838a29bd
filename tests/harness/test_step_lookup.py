"""The remembered pytest-bdd step lookup (harness/step_lookup.py) finds the definition pytest-bdd's own would:
per module (an override in a test module wins only there), per step type, per outline row, and it is put back
when the session ends."""

from __future__ import annotations

import inspect

import pytest

from harness import step_lookup

FEATURE = """\
Feature: Lookup
  Scenario: A value
    Given a value
    Then the value is {expected}

  Scenario Outline: Parsed values
    Given the number <n>
    When the number <n> is doubled
    Then the value is <double>

    Examples:
      | n | double |
      | 2 | 4      |
      | 5 | 10     |
"""

CONFTEST = """\
import pytest
from pytest_bdd import given, parsers, then, when

from harness import step_lookup


def pytest_configure(config):
    config.stash[KEY] = step_lookup.install()


KEY = pytest.StashKey[bool]()


def pytest_report_header(config):
    return f"step lookup installed: {config.stash[KEY]}"


@given("a value", target_fixture="value")
def a_value():
    return "conftest"


# The same text as a When, registered later: a Given step must still find only the Given.
@when("a value", target_fixture="value")
def a_value_as_when():
    return "when"


@given(parsers.parse("the number {n:d}"), target_fixture="value")
def the_number(n):
    return n


@when(parsers.parse("the number {n:d} is doubled"), target_fixture="value")
def doubled(value, n):
    return value + n


@then(parsers.parse("the value is {expected}"))
def the_value_is(value, expected):
    assert str(value) == expected
"""

PLAIN = """\
from pytest_bdd import scenarios

scenarios("plain.feature")
"""

OVERRIDING = """\
from pytest_bdd import given, scenarios

scenarios("overriding.feature")


@given("a value", target_fixture="value")
def a_value():
    return "module"
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    pytester.makefile(".feature", plain=FEATURE.format(expected="conftest"))
    pytester.makefile(".feature", overriding=FEATURE.format(expected="module"))
    pytester.makepyfile(test_plain=PLAIN, test_overriding=OVERRIDING)
    return pytester


def test_overrides_types_and_outline_rows_resolve_as_pytest_bdd_does(project: pytest.Pytester) -> None:
    result = project.runpytest_subprocess("-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["step lookup installed: True"])
    result.assert_outcomes(passed=6)


def test_a_missing_definition_is_still_reported(project: pytest.Pytester) -> None:
    project.makefile(".feature", missing="Feature: M\n  Scenario: S\n    Given nothing defines this\n")
    project.makepyfile(test_missing='from pytest_bdd import scenarios\n\nscenarios("missing.feature")\n')
    result = project.runpytest_subprocess("-p", "no:cacheprovider", "test_missing.py")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*Step definition is not found*nothing defines this*"])


def test_installed_once_and_put_back_on_uninstall() -> None:
    current = step_lookup.bdd_scenario.find_fixturedefs_for_step
    if not hasattr(current, "_bankid_step_lookup_original"):  # a session without the conformance plugin
        assert step_lookup.install() is True
        current = step_lookup.bdd_scenario.find_fixturedefs_for_step
    original = current._bankid_step_lookup_original  # type: ignore[attr-defined]
    try:
        assert step_lookup.install() is False  # never wrapped twice
        step_lookup.uninstall()
        assert step_lookup.bdd_scenario.find_fixturedefs_for_step is original
        step_lookup.uninstall()  # a second time changes nothing
        assert step_lookup.bdd_scenario.find_fixturedefs_for_step is original
    finally:
        step_lookup.bdd_scenario.find_fixturedefs_for_step = current


def test_the_replaced_function_is_the_loop_it_mirrors() -> None:
    """The replacement repeats pytest-bdd 9's tests (type, parser match over visible definitions); a pytest-bdd
    whose lookup reads differently must be looked at again before this is trusted."""
    current = step_lookup.bdd_scenario.find_fixturedefs_for_step
    source = inspect.getsource(getattr(current, "_bankid_step_lookup_original", current))
    assert "for fixturename in get_fixture_names(fixturemanager=fixturemanager):" in source
    assert "step_func_context.type is not None and step_func_context.type != step.type" in source
    assert "step_func_context.parser.is_matching(step.name)" in source

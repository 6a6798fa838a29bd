"""Blocked plugins' modules are left out of pytest's assertion rewriting (harness/suite/unused_plugins.py); the
others, and the harness's own, stay marked."""

from __future__ import annotations

import pytest

from harness.suite.unused_plugins import blocking_args, skip_rewriting_blocked

PROBE = """\
def pytest_configure(config):
    pass


def test_marks(pytestconfig):
    marked = pytestconfig.pluginmanager.rewrite_hook._must_rewrite
    print("MARKED", sorted(marked))
"""


def test_a_conformance_session_does_not_rewrite_blocked_plugins(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_probe=PROBE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", *blocking_args(), "-p", "bankid_conformance", "-s")
    result.assert_outcomes(passed=1)
    [line] = [line for line in result.outlines if "MARKED [" in line]
    assert "'faker'" not in line and "'hypothesis'" not in line and "'pytest_playwright'" not in line
    assert "'pytest_bdd'" in line  # a plugin the suite uses stays marked


def test_without_blocking_nothing_changes(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_probe=PROBE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "bankid_conformance", "-s")
    [line] = [line for line in result.outlines if "MARKED [" in line]
    assert "'faker'" in line


class _Hook:
    def __init__(self, marked: set[str] | None) -> None:
        if marked is not None:
            self._must_rewrite = marked


class _Manager:
    def __init__(self, hook: _Hook, blocked: set[str]) -> None:
        self.rewrite_hook, self._blocked = hook, blocked

    def is_blocked(self, name: str) -> bool:
        return name in self._blocked


class _Config:
    def __init__(self, manager: _Manager) -> None:
        self.pluginmanager = manager


def test_only_the_blocked_plugins_modules_are_unmarked() -> None:
    marked = {"faker", "hypothesis", "_hypothesis_pytestplugin", "pytest_bdd", "harness.plugin"}
    skip_rewriting_blocked(_Config(_Manager(_Hook(marked), {"faker", "hypothesispytest"})))
    assert marked == {"pytest_bdd", "harness.plugin"}


def test_a_rewrite_hook_without_marks_is_left_alone() -> None:
    hook = _Hook(None)  # pytest's stand-in when assertion rewriting is off (--assert=plain) has no marks
    skip_rewriting_blocked(_Config(_Manager(hook, {"faker"})))
    assert not hasattr(hook, "_must_rewrite")

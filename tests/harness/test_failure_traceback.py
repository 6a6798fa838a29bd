"""A failed scenario reads as its rule, expected and seen; ``--bankid-debug`` adds Python's full traceback
(pytest builds it only then: harness/plugin.py formats just the exception otherwise)."""

from __future__ import annotations

import pytest

from tests.harness.suite_runner import run_suite

ARGS = ("--target", "mock", "--mock-fault", "wrong-issuer", "-m", "BID-R2")


def test_without_debug_a_failure_is_the_rule_text_only(pytester: pytest.Pytester) -> None:
    result, findings = run_suite(pytester, *ARGS)
    output = result.stdout.str()
    assert "BID-R2 [MUST] issuer equals the configured base exactly" in output
    assert "def " not in output and "Traceback" not in output
    [scenario] = findings["scenarios"]
    assert scenario["outcome"] == "non-conformant" and scenario["reason"]["rule_id"] == "BID-R2"


def test_debug_shows_the_python_traceback(pytester: pytest.Pytester) -> None:
    result, findings = run_suite(pytester, *ARGS, "--bankid-debug")
    output = result.stdout.str()
    assert "def " in output  # pytest's long format: the source of the frames
    assert "harness/rules/" in output and "Violation" in output
    [scenario] = findings["scenarios"]
    assert scenario["outcome"] == "non-conformant" and scenario["reason"]["rule_id"] == "BID-R2"

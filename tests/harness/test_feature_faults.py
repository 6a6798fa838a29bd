"""Test the tester for text signing, encrypted requests and key rotation: each profile of
``mock_provider.faults.signing`` / ``.encryption`` and ``rotation-drops-previous-key`` makes exactly its rule fail
(MUST) or warn (advisory) in the real suite, and the conformant mock passes them all."""

from __future__ import annotations

import pytest

from tests.harness.suite_runner import failed_rules, rules_with, run_suite, warned_rules

RULES = "BID-R54 or BID-R54b or BID-R54c or BID-R55 or BID-R56 or BID-R15"


@pytest.mark.parametrize(
    ("fault", "failed", "warned"),
    [
        (None, set(), set()),
        ("sign-result-tampered", set(), {"BID-R54c"}),
        ("sign-result-missing", set(), {"BID-R54b", "BID-R54c"}),
        ("sign-bim-limit-ignored", set(), {"BID-R54"}),
        ("encrypted-request-object-refused", {"BID-R55"}, set()),
        ("encrypted-login-hint-refused", set(), {"BID-R56"}),
        ("rotation-drops-previous-key", set(), {"BID-R15"}),
    ],
)
def test_fault_breaks_exactly_its_rule(
    pytester: pytest.Pytester, fault: str | None, failed: set[str], warned: set[str]
) -> None:
    chosen = ("--mock-fault", fault) if fault else ()
    _, findings = run_suite(pytester, "--target", "mock", *chosen, "-m", RULES, "-n", "0")
    assert (failed_rules(findings), warned_rules(findings)) == (failed, warned)
    judged = rules_with(findings, "passed") | failed | warned
    assert set(RULES.split(" or ")) <= judged  # every rule was judged, none left inconclusive

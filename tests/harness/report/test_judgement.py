"""A verdict is only what was judged: how scenario outcomes and rule verdicts become a rule's status per target,
the run's verdict and its exit status."""

from __future__ import annotations

from typing import Any

import pytest

from harness.findings import Deviation, Findings, Reason, RuleVerdict, RunInfo, Scenario, TargetInfo
from harness.report.judgement import judge, rule_status

RUN = RunInfo(
    harness_version="0", git_commit=None, command_line="x", started="t", finished="t", python="3", libraries={}
)


def verdict(rule: str, outcome: str) -> RuleVerdict:
    return RuleVerdict(rule=rule, level="MUST", sources=["S8"], outcome=outcome)  # type: ignore[arg-type]


def scenario(outcome: str, *verdicts: RuleVerdict, rule_ids: tuple[str, ...] = ("BID-R20",), **kw: Any) -> Scenario:
    reason = None if outcome == "conformant" else Reason(kind="inconclusive", message="m")  # type: ignore[arg-type]
    return Scenario(
        nodeid=f"n{id(verdicts)}",
        feature="f",
        feature_file="f.feature",
        name=kw.get("name", "s"),
        target=kw.get("target", "live"),
        rule_ids=list(rule_ids),
        level="MUST",
        outcome=outcome,  # type: ignore[arg-type]
        reason=reason,
        verdicts=list(verdicts),
    )


@pytest.mark.parametrize(
    ("scenarios", "status"),
    [
        ([scenario("conformant", verdict("BID-R20", "passed"))], "passed"),
        # Judged, then the scenario stopped inconclusive: not a pass (certification.md used to count it).
        ([scenario("inconclusive", verdict("BID-R20", "passed"))], "inconclusive"),
        ([scenario("warning", verdict("BID-R20", "warning"))], "warned"),
        ([scenario("conformant", verdict("BID-R20", "passed")), scenario("inconclusive")], "inconclusive"),
        ([scenario("non-conformant", verdict("BID-R20", "failed"))], "failed"),
        ([scenario("not-applicable")], "not-applicable"),
        ([scenario("conformant", verdict("BID-R21", "passed"))], "not-judged"),
        ([], "not-run"),
    ],
)
def test_rule_status(scenarios: list[Scenario], status: str) -> None:
    assert rule_status("BID-R20", scenarios) == status


def target(name: str, *, reachable: bool = True) -> TargetInfo:
    return TargetInfo(name=name, kind="live", discovery_url=name, reachable=reachable)


def test_a_run_that_judged_nothing_is_not_green() -> None:
    judged = judge(Findings(run=RUN, targets=[target("live")], scenarios=[scenario("not-applicable")]))
    assert (judged.verdict, judged.exit_status) == ("NOTHING JUDGED", 4)


def test_inconclusive_is_exit_4_and_a_failure_wins() -> None:
    inconclusive = scenario("inconclusive")
    assert judge(Findings(run=RUN, targets=[target("live")], scenarios=[inconclusive])).exit_status == 4
    failed = scenario("non-conformant", verdict("BID-R2", "failed"), rule_ids=("BID-R2",))
    assert judge(Findings(run=RUN, targets=[target("live")], scenarios=[inconclusive, failed])).exit_status == 1


def test_listed_deviation_is_known_and_a_fixed_one_is_reported() -> None:
    failed = scenario("non-conformant", verdict("BID-R2", "failed"), rule_ids=("BID-R2",))
    passed = scenario("conformant", verdict("BID-R1", "passed"), rule_ids=("BID-R1",))
    deviations = [
        Deviation(target="live", rule_id="BID-R2", reason="known"),
        Deviation(target="live", rule_id="BID-R1", reason="fixed"),
    ]
    judged = judge(Findings(run=RUN, targets=[target("live")], scenarios=[failed, passed]), deviations)
    assert [s.outcome for s in judged.scenarios] == ["known-deviation", "conformant"]
    assert {d.rule_id: d.still_happens for d in judged.deviations} == {"BID-R2": True, "BID-R1": False}
    assert judged.exit_status == 0


def test_targets_are_judged_apart() -> None:
    mock = scenario("conformant", verdict("BID-R2", "passed"), rule_ids=("BID-R2",), target="mock")
    live = scenario("inconclusive", rule_ids=("BID-R2",), target="live")
    judged = judge(Findings(run=RUN, targets=[target("mock"), target("live")], scenarios=[mock, live]))
    statuses = {(r.rule_id, r.target): r.status for r in judged.rules}
    assert statuses[("BID-R2", "mock")] == "passed" and statuses[("BID-R2", "live")] == "inconclusive"

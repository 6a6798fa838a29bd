"""A scenario's outcome, decided from what happened to it, as data: the rule verdicts it collected, the
``Violation`` that stopped it, or the kind of "could not judge" the harness recorded before skipping it. Nothing
is read back out of a message."""

from __future__ import annotations

import json
from typing import Any, Literal

import pytest

from harness.findings import Reason, RuleVerdict, ScenarioOutcome
from harness.redaction import redact_text
from harness.rules import REGISTRY, Level, Verdict, Violation

# What the harness recorded when it skipped a scenario it could not judge.
Unjudged = tuple[Literal["inconclusive", "not-applicable"], str]


def strongest_level(rule_ids: list[str]) -> str | None:
    levels = {REGISTRY[r].level for r in rule_ids}
    return next((level.value for level in Level if level in levels), None)


def classify(
    report: pytest.TestReport,
    call: pytest.CallInfo[None],
    unjudged: Unjudged | None,
    verdicts: list[RuleVerdict],
) -> tuple[ScenarioOutcome, Reason | None]:
    if report.passed:
        warned = [v for v in verdicts if v.outcome == "warning"]
        if not warned:
            return "conformant", None
        first = warned[0]
        message = f"{first.rule} warned: expected {first.expected!r}, seen {first.seen!r}"
        return "warning", Reason(
            kind="warning", message=message, rule_id=first.rule, expected=first.expected, seen=first.seen
        )
    if report.skipped:
        # A skip raised by something other than the harness (a plain pytest.skip) is still not a judgement.
        kind, message = unjudged or ("inconclusive", _skip_message(report))
        return kind, Reason(kind=kind, message=redact_text(message))
    error = call.excinfo.value if call.excinfo else None
    if isinstance(error, Violation):
        message = f"{error.rule.id}: expected {error.expected!r}, seen {error.seen!r}"
        seen, expected = _plain(error.seen), _plain(error.expected)
        return "non-conformant", Reason(
            kind="violation", message=message, rule_id=error.rule.id, expected=expected, seen=seen
        )
    message = redact_text(f"{type(error).__name__}: {error}" if error else "unknown error")
    return "harness-error", Reason(kind="harness-error", message=message)


def _skip_message(report: pytest.TestReport) -> str:
    return str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)


def rule_verdict(verdict: Verdict) -> RuleVerdict:
    return RuleVerdict(
        rule=verdict.rule.id,
        level=verdict.rule.level.value,
        sources=list(verdict.rule.sources),
        outcome=verdict.outcome.value,
        expected=_plain(verdict.expected),
        seen=_plain(verdict.seen),
        note=verdict.note,
    )


def _plain(value: Any) -> Any:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)
    return value

"""The rule registry: every checkable requirement has an id, sources, a level and its quoted text.

A rule is a small function decorated with ``@rule``; its docstring is the requirement it enforces, quoted
from PROVIDER-FACTS.md with its source ids. Calling the rule runs the check and records a ``Verdict``:

- MUST: a failure raises ``Violation`` (the target is non-conformant);
- SHOULD and ADVISORY: a failure is recorded as a warning and the scenario goes on; ADVISORY marks rules
  whose source is thin or UNCLEAR (PROVIDER-FACTS legend).
"""

from __future__ import annotations

import contextvars
import enum
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, ParamSpec

from harness.redaction import redact_json, redact_text
from harness.rules.errors import Mismatch, Violation

P = ParamSpec("P")


class Level(enum.Enum):
    MUST = "MUST"
    SHOULD = "SHOULD"
    ADVISORY = "ADVISORY"


class Outcome(enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    WARNING = "warning"


@dataclass(frozen=True)
class Verdict:
    rule: Rule[...]
    outcome: Outcome
    expected: Any = None
    seen: Any = None
    note: str = ""


@dataclass(frozen=True)
class Rule(Generic[P]):
    """A registered check; generic over the check's parameters so the type checker sees every call of a rule."""

    id: str
    title: str
    sources: tuple[str, ...]
    level: Level
    requirement: str
    check: Callable[P, None]

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Verdict:
        outer = _judging.get()
        if outer is not None:
            # A rule judged inside another would record its verdict under the inner id, so the outer rule
            # could never fail as itself: share a plain helper instead.
            raise TypeError(f"rule {self.id} was called inside rule {outer}; call a helper, not a rule")
        token = _judging.set(self.id)
        try:
            self.check(*args, **kwargs)
        except Mismatch as mismatch:
            outcome = Outcome.FAILED if self.level is Level.MUST else Outcome.WARNING
            # Verdicts end up in messages, findings.json and Allure: mask anything token- or secret-shaped once,
            # here, whatever a check chose to put in "seen".
            verdict = Verdict(
                self, outcome, redact_json(mismatch.expected), redact_json(mismatch.seen), redact_text(mismatch.note)
            )
        else:
            verdict = Verdict(self, Outcome.PASSED)
        finally:
            _judging.reset(token)
        _record(verdict)
        if verdict.outcome is Outcome.FAILED:
            raise Violation(self, verdict.expected, verdict.seen, verdict.note)
        return verdict


REGISTRY: dict[str, Rule[...]] = {}
_sink: contextvars.ContextVar[list[Verdict] | None] = contextvars.ContextVar("verdicts", default=None)
_judging: contextvars.ContextVar[str | None] = contextvars.ContextVar("judging", default=None)


def rule(
    rule_id: str, *, title: str, sources: tuple[str, ...], level: Level = Level.MUST
) -> Callable[[Callable[P, None]], Rule[P]]:
    """Register the decorated check as ``rule_id``. Ids are unique; the docstring is required."""

    def register(check: Callable[P, None]) -> Rule[P]:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} is defined twice")
        requirement = inspect.getdoc(check)
        if not requirement:
            raise ValueError(f"rule {rule_id} has no docstring quoting its requirement")
        registered = Rule(rule_id, title, sources, level, requirement, check)
        REGISTRY[rule_id] = registered
        return registered

    return register


def expect(condition: bool, *, expected: Any, seen: Any, note: str = "") -> None:
    """Raise ``Mismatch`` unless ``condition`` holds."""
    if not condition:
        raise Mismatch(expected, seen, note)


def _record(verdict: Verdict) -> None:
    sink = _sink.get()
    if sink is not None:
        sink.append(verdict)


@contextmanager
def collecting() -> Iterator[list[Verdict]]:
    """Collect every verdict reached inside the block (the plugin wraps each scenario in one)."""
    verdicts: list[Verdict] = []
    token = _sink.set(verdicts)
    try:
        yield verdicts
    finally:
        _sink.reset(token)

"""What a check can conclude, as a small exception hierarchy.

- ``Mismatch``: raised inside a rule's check: what was expected and what was seen.
- ``Violation``: the target is **non-conformant**: a MUST rule failed (rule id, expected, seen).
- ``Inconclusive``: the scenario could not judge the target: unreachable, or it lacks something the
  scenario needs (credentials, a test user, an admin API). Never reported as a failure or a pass.
- ``NotApplicable``: the scenario does not apply to this kind of target (e.g. fault injection on CURRENT).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from harness.rules.registry import Rule


class Mismatch(Exception):
    def __init__(self, expected: Any, seen: Any, note: str = "") -> None:
        super().__init__(f"expected {expected!r}, seen {seen!r}")
        self.expected = expected
        self.seen = seen
        self.note = note


class ConformanceError(Exception):
    """Base of the verdicts the report distinguishes."""


class Violation(ConformanceError, AssertionError):
    def __init__(self, rule: Rule[...], expected: Any, seen: Any, note: str = "") -> None:
        self.rule = rule
        self.expected = expected
        self.seen = seen
        self.note = note
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = [
            f"{self.rule.id} [{self.rule.level.value}] {self.rule.title}",
            f"  source:   {', '.join(self.rule.sources)}",
            f"  expected: {_short(self.expected)}",
            f"  seen:     {_short(self.seen)}",
        ]
        if self.note:
            lines.append(f"  note:     {self.note}")
        return "\n".join(lines)


class Inconclusive(ConformanceError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotApplicable(ConformanceError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _short(value: Any, limit: int = 400) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"

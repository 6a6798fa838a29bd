"""Rules, one module per spec concern: ``bankid/`` holds PROVIDER-FACTS §10; RFC rules sit beside it."""

from harness.rules.errors import ConformanceError, Inconclusive, Mismatch, NotApplicable, Violation
from harness.rules.registry import REGISTRY, Level, Outcome, Rule, Verdict, collecting, expect, rule

__all__ = [
    "REGISTRY",
    "ConformanceError",
    "Inconclusive",
    "Level",
    "Mismatch",
    "NotApplicable",
    "Outcome",
    "Rule",
    "Verdict",
    "Violation",
    "collecting",
    "expect",
    "load_all",
    "rule",
]


def load_all() -> dict[str, Rule[...]]:
    """Import every rule module so the registry is complete (reports list rules never exercised)."""
    import importlib
    import pkgutil

    import harness.rules.bankid as bankid

    for module in pkgutil.iter_modules(bankid.__path__, prefix="harness.rules.bankid."):
        importlib.import_module(module.name)
    return REGISTRY

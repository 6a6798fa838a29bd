"""The relying-party side: drives any target through one seam, judges responses with named rules, keeps
redacted evidence. It never imports the mock; only the pytest plugin's wiring may start one.

The names below are imported on first use: ``bankid-conformance`` (which only starts the suite in a child
pytest and signs its reports) would otherwise import the HTTP seam and httpx for nothing, ~0.1 s before the run.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from harness.rules import Inconclusive, Level, Rule, Violation
    from harness.settings import Settings
    from harness.target import ClientCredentials, Target

__all__ = ["ClientCredentials", "Inconclusive", "Level", "Rule", "Settings", "Target", "Violation"]

_HOMES = {
    "ClientCredentials": "harness.target",
    "Inconclusive": "harness.rules",
    "Level": "harness.rules",
    "Rule": "harness.rules",
    "Settings": "harness.settings",
    "Target": "harness.target",
    "Violation": "harness.rules",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'harness' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value

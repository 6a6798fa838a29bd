"""The relying-party side: drives any target through one seam, judges responses with named rules, keeps
redacted evidence. It never imports the mock; only the pytest plugin's wiring may start one."""

from harness.rules import Inconclusive, Level, Rule, Violation
from harness.settings import Settings
from harness.target import ClientCredentials, Target

__all__ = ["ClientCredentials", "Inconclusive", "Level", "Rule", "Settings", "Target", "Violation"]

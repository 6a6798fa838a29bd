"""Gherkin step definitions, thin: a step calls the harness API and, in ``then`` steps, exactly one rule.

State passes through fixtures (``target_fixture``), never a shared context dict.
"""

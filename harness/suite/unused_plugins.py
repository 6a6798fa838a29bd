"""pytest plugins installed alongside the harness that the conformance scenarios never use.

A run of the suite blocks them (``-p no:NAME``): pytest-bdd looks for a step's definition by walking every
fixture name of the session, so their fixtures (pytest-playwright's alone are dozens) slowed each of the ~800
steps, and their imports the start-up; together about 15% of the main job's CPU. The browser login driver uses
Playwright's API directly, not pytest-playwright's fixtures. xdist stays, so ``-- -n 2`` keeps working.
"""

from __future__ import annotations

UNUSED_PLUGINS = ("playwright", "base_url", "anyio", "faker", "hypothesispytest")


def blocking_args() -> list[str]:
    """``-p no:NAME`` for each; harmless where a plugin is not installed."""
    return [arg for name in UNUSED_PLUGINS for arg in ("-p", f"no:{name}")]

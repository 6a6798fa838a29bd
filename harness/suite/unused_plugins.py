"""pytest plugins installed alongside the harness that the conformance scenarios never use.

A run of the suite blocks them (``-p no:NAME``): pytest-bdd looks for a step's definition by walking every
fixture name of the session, so their fixtures (pytest-playwright's alone are dozens) slowed each of the ~800
steps, and their imports the start-up; together about 15% of the main job's CPU. The browser login driver uses
Playwright's API directly, not pytest-playwright's fixtures. xdist stays, so ``-- -n 2`` keeps working.
"""

from __future__ import annotations

from typing import Any

UNUSED_PLUGINS = ("playwright", "base_url", "anyio", "faker", "hypothesispytest")
# The top-level modules of each one's distribution, as pytest lists them to assertion-rewrite.
_MODULES = {
    "playwright": ("pytest_playwright",),
    "base_url": ("pytest_base_url",),
    "anyio": ("anyio",),
    "faker": ("faker",),
    "hypothesispytest": ("hypothesis", "_hypothesis_pytestplugin", "_hypothesis_ftz_detector", "_hypothesis_globals"),
}


def blocking_args() -> list[str]:
    """``-p no:NAME`` for each; harmless where a plugin is not installed."""
    return [arg for name in UNUSED_PLUGINS for arg in ("-p", f"no:{name}")]


def skip_rewriting_blocked(config: Any) -> None:
    """Leave a blocked plugin's modules to Python's own import, not pytest's assertion rewriting.

    pytest marks every module of every installed plugin's distribution for rewriting, blocked or not. The mock
    still imports Faker (its seeded test users), and where no bytecode cache can be written
    (``PYTHONDONTWRITEBYTECODE``, a read-only install) pytest re-parses and rewrites its ~70 modules on every
    run: ~0.25 s of CPU per suite run (faker.decode alone is a 200 ms table). A blocked plugin holds no test
    code, so nothing is lost. The marks are pytest's own attribute; without it this does nothing.
    """
    hook = getattr(config.pluginmanager, "rewrite_hook", None)
    marked = getattr(hook, "_must_rewrite", None)
    if not isinstance(marked, set):
        return
    for plugin, modules in _MODULES.items():
        if config.pluginmanager.is_blocked(plugin):
            marked.difference_update(modules)
    cache = getattr(hook, "_marked_for_rewrite_cache", None)
    if isinstance(cache, dict):
        cache.clear()

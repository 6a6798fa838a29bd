"""The conformance plugin's opt-in switch (entry point ``bankid_conformance``).

Installing the package must not change anyone else's pytest sessions: this module, which pytest loads from the
entry point, adds no option, fixture or parametrization of its own. It loads the conformance plugin
(``harness.plugin``: ``--bankid-target``, the scenarios' fixtures, per-target parametrization) only when the
session asks for it, with ``-p bankid_conformance`` or a ``--bankid-target`` option (on the command line, in
``addopts`` or in ``PYTEST_ADDOPTS``, all of which pytest has merged into ``args`` by now).
"""

from __future__ import annotations

import pytest

PLUGIN = "harness.plugin"
NAME = "bankid_conformance"


def asked_for(args: list[str]) -> bool:
    for index, arg in enumerate(args):
        if arg == "--bankid-target" or arg.startswith("--bankid-target="):
            return True
        if arg == "-p" and index + 1 < len(args) and args[index + 1] == NAME:
            return True
        if arg in {f"-p{NAME}", f"-p={NAME}"}:
            return True
    return False


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list[str]) -> None:
    if asked_for(args) and not early_config.pluginmanager.has_plugin(PLUGIN):
        early_config.pluginmanager.import_plugin(PLUGIN)

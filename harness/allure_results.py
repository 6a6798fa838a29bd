"""The Allure results directory with one fixture container per scenario instead of one per fixture.

allure-pytest writes a ``*-container.json`` for every fixture of every scenario (~12 per scenario, ~2,000 in
the main job), and a new file with data costs 0.25-0.65 ms of kernel time on this project's machines (ext4):
the suite's Allure files cost ~2 s of its ~4 s CPU (1.9 s CPU without ``--alluredir``), and Allure's HTML
generator reads them all again. What the report shows of them is only the set-up and tear-down entries of the
test each container names as a child, so:

- a container with no child test is not written (Allure attaches it to nothing; pytest-bdd's step-definition
  fixtures, resolved after allure-pytest lists a test's fixtures, are all of this kind);
- the containers of one test (function-scoped fixtures: exactly one child) are written as one container with
  all of their set-ups and tear-downs, when that test's result is written;
- a container shared by several tests (module- or session-scoped fixtures) is written as it is.

Results, attachments and the other files are written exactly as allure-pytest's own file logger writes them:
this is that logger with ``report_container`` grouped, swapped in for the length of the session.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from uuid import uuid4

import allure_commons
import pytest
from allure_commons.logger import INDENT, AllureFileLogger
from allure_commons.model2 import TEST_GROUP_PATTERN, TestResultContainer
from attr import asdict


class GroupedFileLogger(AllureFileLogger):
    """allure-pytest's file logger, writing one container per test (module docstring)."""

    def __init__(self, report_dir: str) -> None:
        super().__init__(report_dir, clean=False)  # type: ignore[no-untyped-call]
        self._report_dir_path = Path(report_dir).absolute()
        # Each container as its file would have held it when reported: allure-pytest updates a tear-down
        # entry after reporting its container, and the file never saw that.
        self._per_test: dict[str, dict[str, Any]] = {}

    @allure_commons.hookimpl
    def report_container(self, container: TestResultContainer) -> None:
        children = list(container.children or [])
        if not children:
            return
        if len(children) > 1:
            self._report_item(container)  # type: ignore[no-untyped-call]
            return
        data = asdict(container, filter=lambda _, v: v or v is False)
        grouped = self._per_test.setdefault(children[0], data)
        if grouped is data:
            return
        for key in ("befores", "afters"):
            if data.get(key):
                grouped.setdefault(key, []).extend(data[key])
        for key, pick in (("start", min), ("stop", max)):
            values = [v for v in (grouped.get(key), data.get(key)) if v is not None]
            if values:
                grouped[key] = pick(values)

    @allure_commons.hookimpl
    def report_result(self, result: Any) -> None:
        self._report_item(result)  # type: ignore[no-untyped-call]
        self._write_group(result.uuid)

    def flush(self) -> None:
        """Containers whose test's result was written before them (a fixture finalised after its test)."""
        for uuid in list(self._per_test):
            self._write_group(uuid)

    def _write_group(self, uuid: str) -> None:
        """As ``AllureFileLogger._report_item`` writes a container: a uuid name, a temporary file, a rename."""
        data = self._per_test.pop(uuid, None)
        if data is None:
            return
        indent = INDENT if os.environ.get("ALLURE_INDENT_OUTPUT") else None
        final = self._report_dir_path / TEST_GROUP_PATTERN.format(prefix=uuid4())
        temporary = final.with_name(final.name + ".tmp")
        with temporary.open("w", encoding="utf8") as file:
            json.dump(data, file, indent=indent, ensure_ascii=False)
        os.replace(temporary, final)


def install(config: pytest.Config) -> None:
    """Swap allure-pytest's file logger (registered by its ``pytest_configure``) for the grouped one; at the end
    write what is left and put allure-pytest's logger back, so its own clean-up unregisters it as it expects."""
    manager = allure_commons.plugin_manager
    loggers = [plugin for plugin in manager.get_plugins() if type(plugin) is AllureFileLogger]
    report_dir = config.getoption("allure_report_dir", None)
    if len(loggers) != 1 or not report_dir:
        return
    [original] = loggers
    grouped = GroupedFileLogger(report_dir)
    manager.unregister(original)
    manager.register(grouped)

    def restore() -> None:
        grouped.flush()
        manager.unregister(grouped)
        manager.register(original)

    config.add_cleanup(restore)

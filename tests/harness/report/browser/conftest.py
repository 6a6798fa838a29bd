"""Debian's Chromium for the report browser test, launched as the mock's browser tests launch it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.mock_provider.browser.conftest import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.skip("browser test needs Debian's /usr/bin/chromium (apt-get install -y chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}

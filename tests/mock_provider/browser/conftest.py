"""A real server and Debian's Chromium for the browser test (TOOLCHAIN.md "A real browser").

Playwright is pointed at ``/usr/bin/chromium`` (``playwright install`` is never run). A sync Playwright test
leaves an event loop behind that breaks ``asyncio.run`` in the same process, so ``browser`` tests are moved to
the end of the run; ``pytest -m browser`` runs them alone.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from werkzeug.serving import make_server

from harness.login.browser import CHROMIUM, LOOPBACK_ONLY
from harness.login.browser import CHROMIUM_ARGS as BROWSER_ARGS
from mock_provider.app import create_app
from mock_provider.config import ClientConfig, Config
from mock_provider.seed import DEMO_SECRET

# The harness's browser driver and these tests launch Chromium the same way (TOOLCHAIN.md).
CHROMIUM_ARGS = [*BROWSER_ARGS, LOOPBACK_ONLY]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.skip("browser test needs Debian's /usr/bin/chromium (apt-get install -y chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def live_mock() -> Iterator[str]:
    """The mock on a real loopback HTTP server; yields its base URL. Its RP callback is a path on itself."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    client = ClientConfig(
        client_id="browser-bankid-current",
        client_secret=DEMO_SECRET,
        redirect_uris=(f"{base}/rp/callback",),
        scopes=("openid", "profile", "sign"),
        display_name="Nettleserbutikken AS",
        merchant_certificate_cn="Nettleserbutikken Merchant",
    )
    server = make_server("127.0.0.1", port, create_app(Config.local(base, clients=(client,))), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        thread.join(timeout=5)

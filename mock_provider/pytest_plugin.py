"""pytest fixtures for testing your own relying party against the BankID mock, without the network.

Opt in (installing the package changes no pytest session by itself)::

    # conftest.py
    pytest_plugins = ["mock_provider.pytest_plugin"]

Fixtures:

- ``bankid_mock``: the mock in-process, under BankID's own host names (``https://auth.current.bankid.no``),
  reached through ``bankid_mock.httpx_client()`` or ``bankid_mock.requests_session()`` (no socket, no TLS);
- ``bankid_mock_server``: the mock served on a free loopback port in a thread, ``http`` by default or ``https``
  with ``tls=True`` (``bankid_mock_server.ca_file`` is the CA bundle to verify it with).

Both give a ``MockHandle`` (``mock_provider.testing``): ``client`` (the client provisioned for the test, with its
secret), ``login(authorize_url, ...)`` (a headless TestBank login with outcomes ``cancel``, ``timeout``,
``blocked_certificate``, ``bis_step_up``, or ``idp="BIS"``), ``tokens(code, ...)``, ``issuer``, ``discovery_url``.

Per-test configuration with the ``bankid_mock`` marker::

    @pytest.mark.bankid_mock(client={"bis_enabled": True}, users=[...], faults=["id-token-tid"], tls=True)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mock_provider.app import create_app
from mock_provider.config import ClientConfig, Config
from mock_provider.running import serve_in_thread
from mock_provider.testing import MockHandle, new_client

MARKER = "bankid_mock"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(client=None, clients=(), users=None, faults=(), quirks=None, tls=False, **config): "
        "configure the BankID mock of this test (mock_provider.pytest_plugin)",
    )


def _options(request: pytest.FixtureRequest) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers(MARKER))):  # the closest marker wins
        options.update(marker.kwargs)
    return options


def _config_fields(options: dict[str, Any]) -> tuple[ClientConfig, dict[str, Any]]:
    """The test's client and the ``Config`` fields its marker asks for."""
    options = dict(options)
    options.pop("tls", None)
    client_option = options.pop("client", None)
    client = client_option if isinstance(client_option, ClientConfig) else new_client(**(client_option or {}))
    fields: dict[str, Any] = {"clients": (client, *options.pop("clients", ()))}
    if options.get("users") is not None:
        fields["users"] = tuple(options.pop("users"))
    else:
        options.pop("users", None)
    faults = tuple(options.pop("faults", ()))
    if faults:
        from mock_provider.faults import profile

        fields["faults"] = profile(*faults)
    quirks = options.pop("quirks", None)
    if quirks is not None:
        fields["quirks"] = quirks
    fields.update(options)
    return client, fields


@pytest.fixture
def bankid_mock(request: pytest.FixtureRequest) -> MockHandle:
    """The BankID mock in-process, under BankID's own host names."""
    client, fields = _config_fields(_options(request))
    config = Config(**fields)
    app = create_app(config)
    base = config.issuer_bases["current"]
    return MockHandle(base, client, transport=httpx.WSGITransport(app=app), app=app)


@pytest.fixture
def bankid_mock_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MockHandle]:
    """The BankID mock served on a free loopback port (``@pytest.mark.bankid_mock(tls=True)`` for https)."""
    options = _options(request)
    client, fields = _config_fields(options)
    data_dir = tmp_path_factory.mktemp("bankid-mock")
    with serve_in_thread(tls=bool(options.get("tls")), data_dir=data_dir, **fields) as running:
        ca_file = str(running.ca_file) if running.ca_file else None
        yield MockHandle(running.base_url, client, verify=running.verify, ca_file=ca_file)

"""Fixtures for the flow tests: one client, a configurable ``FaultProfile``, the app behind an httpx WSGI transport.

The clock is the root conftest's ``FakeClock``.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from flask import Flask

from mock_provider.app import create_app
from mock_provider.config import ClientConfig, Config, Quirks
from mock_provider.hooks import FaultProfile
from tests.conftest import FakeClock
from tests.mock_provider.mock_flow import CLIENT_ID, REDIRECT, SECRET, Flow

ADMIN_TOKEN = "admin-token-for-tests"


@pytest.fixture
def client_config() -> ClientConfig:
    return ClientConfig(
        client_id=CLIENT_ID,
        client_secret=SECRET,
        redirect_uris=(REDIRECT, "https://rp.example.no/other?x=1"),
        scopes=("openid", "profile", "nnin_altsub", "nnin"),
        display_name="Testbutikken AS",
        nnin_eligible=True,
    )


@pytest.fixture
def extra_clients() -> tuple[ClientConfig, ...]:
    return ()


@pytest.fixture
def faults() -> FaultProfile:
    return FaultProfile()


@pytest.fixture
def quirks() -> Quirks:
    return Quirks()


@pytest.fixture
def config(
    clock: FakeClock,
    client_config: ClientConfig,
    extra_clients: tuple[ClientConfig, ...],
    faults: FaultProfile,
    quirks: Quirks,
) -> Config:
    clients = (client_config, *extra_clients)
    return Config(clock=clock, clients=clients, faults=faults, quirks=quirks, admin_token=ADMIN_TOKEN)


@pytest.fixture
def app(config: Config) -> Flask:
    return create_app(config)


@pytest.fixture
def http(app: Flask) -> Iterator[httpx.Client]:
    transport = httpx.WSGITransport(app=app)
    with httpx.Client(transport=transport, base_url="https://auth.current.bankid.no") as client:
        yield client


@pytest.fixture
def flow(http: httpx.Client) -> Flow:
    return Flow(http)

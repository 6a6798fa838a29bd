"""Fixtures for the provisioning and RA tests: a mock with no seeded clients, an admin client (bearer token) and
a public client. Registered as a plugin in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from flask import Flask

from mock_provider.app import create_app
from mock_provider.config import Config, Quirks
from tests.conftest import FakeClock
from tests.mock_provider.provisioning_api import ADMIN_TOKEN

BASE_URL = "https://auth.current.bankid.no"


@pytest.fixture
def faker_locale() -> list[str]:
    return ["no_NO"]


@pytest.fixture
def faker_seed() -> int:
    return 2026


@pytest.fixture
def admin_quirks() -> Quirks:
    """The conformant quirks; a test parametrizes this to provision under another value."""
    return Quirks()


@pytest.fixture
def empty_mock(clock: FakeClock, admin_quirks: Quirks) -> Flask:
    return create_app(Config(clock=clock, admin_token=ADMIN_TOKEN, clients=(), quirks=admin_quirks))


@pytest.fixture
def admin(empty_mock: Flask) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    transport = httpx.WSGITransport(app=empty_mock)
    with httpx.Client(transport=transport, base_url=BASE_URL, headers=headers) as client:
        yield client


@pytest.fixture
def public(empty_mock: Flask) -> Iterator[httpx.Client]:
    with httpx.Client(transport=httpx.WSGITransport(app=empty_mock), base_url=BASE_URL) as client:
        yield client

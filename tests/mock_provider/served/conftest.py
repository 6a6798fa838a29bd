"""One served mock (``python -m mock_provider``: granian, TLS, 127.0.0.1) per module: for what only a real
server shows: percent-encoded non-Latin-1 paths (httpx's WSGI transport cannot carry them), concurrent
workers on one database file, file permissions and a log that must never block the workers.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import httpx
import pytest

from harness.server import ServedMock, served_mock
from tests.conftest import CLIENT_ID, CLIENT_SECRET, REDIRECT_URI

CLIENT = {
    "client_id": CLIENT_ID,
    "client_secret": CLIENT_SECRET,
    "redirect_uris": [REDIRECT_URI],
    "scopes": ["openid", "profile"],
}


@pytest.fixture(scope="module")
def served() -> Iterator[ServedMock]:
    with served_mock(CLIENT) as mock:
        yield mock


def client_for(served: ServedMock, *, admin: bool = False, timeout: float = 30.0) -> httpx.Client:
    headers = {"Authorization": f"Bearer {served.admin_token.reveal()}"} if admin else {}
    verify = ssl.create_default_context(cafile=str(served.ca_file))
    return httpx.Client(base_url=served.base_url, verify=verify, headers=headers, timeout=timeout)


@pytest.fixture
def public(served: ServedMock) -> Iterator[httpx.Client]:
    with client_for(served) as client:
        yield client


@pytest.fixture
def admin(served: ServedMock) -> Iterator[httpx.Client]:
    with client_for(served, admin=True) as client:
        yield client

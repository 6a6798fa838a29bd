"""Shared test fixtures: an injectable clock and an in-process mock with a known client.

Test doubles are ordinary objects with constructor knobs (``FakeClock(start=...)``), never monkeypatches.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from mock_provider import ClientConfig, Config, create_app

pytest_plugins = ["pytester", "tests.mock_provider.admin_fixtures"]

ISSUER = "https://auth.current.bankid.no/auth/realms/current"
CLIENT_ID = "webshop-bankid-current"
CLIENT_SECRET = "test-secret-0123456789abcdefghij"
REDIRECT_URI = "https://webshop.example.no/callback"


@dataclass
class FakeClock:
    """A clock that moves only when told to."""

    start: float = 1_796_000_000.0
    now: float = field(init=False)

    def __post_init__(self) -> None:
        self.now = self.start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_client(**overrides: object) -> ClientConfig:
    values: dict[str, object] = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": (REDIRECT_URI,),
        "scopes": ("openid", "profile", "signdoc/read_write"),
        "display_name": "Webshop AS",
    }
    values.update(overrides)
    return ClientConfig(**values)  # type: ignore[arg-type]


@pytest.fixture
def mock_config(clock: FakeClock) -> Config:
    return Config(clients=(make_client(),), clock=clock, admin_token="admin-token-for-tests")


@pytest.fixture
def provider_client(mock_config: Config) -> Iterator[httpx.Client]:
    """An httpx client talking to a fresh in-process mock."""
    app = create_app(mock_config)
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://auth.current.bankid.no") as client:
        yield client


def _cost(item: pytest.Item) -> float:
    marker = item.get_closest_marker("heavy")
    return float(marker.args[0]) if marker else 0.0


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``heavy`` run first, longest first; the rest keep their order.

    With ``--maxschedchunk 1`` (``scripts/test``) xdist gives a worker its next test when it finishes one, so
    the long tests go to whichever worker is free, longest first, and the short ones fill the gaps; a long test
    collected last would leave one worker running it alone at the end while the other idles.
    """
    items.sort(key=lambda item: -_cost(item))  # stable: unmarked tests keep their collected order

"""Signing-key rotation on a schedule the test's clock drives [S38]: a key is published one period before it
signs and stays published one period after; retired kids never come back; max-age never outlives a key."""

from __future__ import annotations

import httpx
import pytest

from mock_provider import Config, create_app
from tests.conftest import FakeClock

PERIOD = 3600.0
CERTS = "/auth/realms/current/protocol/openid-connect/certs"


@pytest.fixture
def http(clock: FakeClock) -> httpx.Client:
    app = create_app(Config(clock=clock, key_rotation_seconds=PERIOD, jwks_max_age=23269))
    return httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://auth.current.bankid.no")


def _sig_kids(http: httpx.Client) -> list[str]:
    return [k["kid"] for k in http.get(CERTS).json()["keys"] if k["use"] == "sig"]


def test_each_period_moves_every_key_one_step(http: httpx.Client, clock: FakeClock) -> None:
    nxt, current, previous = _sig_kids(http)
    clock.advance(PERIOD)
    new_next, new_current, new_previous = _sig_kids(http)
    assert (new_current, new_previous) == (nxt, current)
    assert new_next not in (nxt, current, previous)


def test_retired_kids_are_never_published_again(http: httpx.Client, clock: FakeClock) -> None:
    seen: list[str] = []
    for _ in range(6):
        kids = _sig_kids(http)
        seen.extend(k for k in kids if k not in seen)
        clock.advance(PERIOD)
    assert len(seen) == len(set(seen)) == 3 + 5


def test_a_long_pause_rotates_to_three_new_keys_on_the_same_schedule(http: httpx.Client, clock: FakeClock) -> None:
    before = set(_sig_kids(http))
    clock.advance(10 * PERIOD + 5)
    assert not before & set(_sig_kids(http))
    max_age = int(http.get(CERTS).headers["cache-control"].split("max-age=")[1].split(",")[0])
    assert max_age == PERIOD - 5  # the schedule did not slip by the pause


def test_max_age_never_outlives_the_previous_key(http: httpx.Client, clock: FakeClock) -> None:
    clock.advance(PERIOD - 100)
    assert "max-age=100," in http.get(CERTS).headers["cache-control"]


def test_a_period_shorter_than_a_token_lifetime_is_refused(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="key_rotation_seconds"):
        create_app(Config(clock=clock, key_rotation_seconds=60))


def test_without_a_schedule_keys_never_change(clock: FakeClock) -> None:
    app = create_app(Config(clock=clock))
    http = httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://auth.current.bankid.no")
    before = _sig_kids(http)
    clock.advance(365 * 86400)
    assert _sig_kids(http) == before


def test_two_workers_over_one_store_rotate_once_and_agree(tmp_path: object, clock: FakeClock) -> None:
    url = f"sqlite:///{tmp_path}/mock.sqlite3"
    workers = [
        httpx.Client(
            transport=httpx.WSGITransport(
                app=create_app(Config(database_url=url, clock=clock, key_rotation_seconds=PERIOD))
            ),
            base_url="https://auth.current.bankid.no",
        )
        for _ in range(2)
    ]
    before = _sig_kids(workers[0])
    clock.advance(PERIOD)
    first, second = _sig_kids(workers[0]), _sig_kids(workers[1])
    assert first == second and first[1:] == before[:2]  # one step, not two

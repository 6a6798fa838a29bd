"""Client-assertion lifetime as Keycloak decides it (``AbstractBaseJWTValidator.validateTokenActive``): BankID
documents no cap, so a fresh assertion with a distant ``exp`` is accepted and its jti is kept until ``exp``.
"""

from __future__ import annotations

from types import MappingProxyType

import httpx
import pytest
import sqlalchemy as sa
from flask import Flask
from joserfc import jwt
from joserfc.jwk import ECKey

from mock_provider.config import ClientConfig, Config
from mock_provider.hooks import FaultProfile
from mock_provider.oauth.assertion_lifetime import ALLOWED_CLOCK_SKEW, MAX_EXP
from mock_provider.provider import EXTENSION
from mock_provider.store import schema
from tests.conftest import FakeClock
from tests.mock_provider.mock_flow import REDIRECT
from tests.mock_provider.oauth.assertions import OMIT, claims_for, send

KEY = ECKey.generate_key("P-256", parameters={"kid": "ec-1"})
CLIENT = "pkjwt-client"


@pytest.fixture
def config(clock: FakeClock, faults: FaultProfile) -> Config:
    client = ClientConfig(
        client_id=CLIENT,
        redirect_uris=(REDIRECT,),
        token_endpoint_auth_methods=("private_key_jwt",),
        jwks=MappingProxyType({"keys": [KEY.as_dict(private=False)]}),
    )
    return Config(clock=clock, clients=(client,), faults=faults)


def assertion(now: float, lifetime: int, *, iat: bool = True) -> str:
    claims = claims_for(CLIENT, now, lifetime, **({} if iat else {"iat": OMIT}))
    return jwt.encode({"alg": "ES256", "kid": "ec-1"}, claims, KEY)


def refused(response: httpx.Response, words: str) -> bool:
    return response.status_code == 401 and words in response.json()["error_description"]


def used_jtis(app: Flask) -> int:
    with app.extensions[EXTENSION].store.begin() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(schema.used_assertions)).scalar_one())


def test_a_600_second_assertion_is_accepted_and_its_replay_refused(http: httpx.Client, clock: FakeClock) -> None:
    signed = assertion(clock.now, 600)
    assert send(http, signed).status_code == 200
    clock.advance(5)
    assert refused(send(http, signed), "already been used")


def test_a_fresh_assertion_is_usable_for_max_exp_after_iat_only(http: httpx.Client, clock: FakeClock) -> None:
    signed, late = assertion(clock.now, 600), assertion(clock.now, 600)
    clock.advance(MAX_EXP)
    assert send(http, signed).status_code == 200
    clock.advance(1)
    assert refused(send(http, late), "too far in the past")


def test_without_iat_exp_may_be_at_most_max_exp_ahead(http: httpx.Client, clock: FakeClock) -> None:
    assert send(http, assertion(clock.now, MAX_EXP, iat=False)).status_code == 200
    assert refused(send(http, assertion(clock.now, MAX_EXP + 1, iat=False)), "too far in the future")


def test_the_jti_is_kept_until_exp_then_pruned_and_the_replay_is_expired(
    app: Flask, http: httpx.Client, clock: FakeClock
) -> None:
    """Without iat the only bound is exp: the jti must outlive every moment the assertion is otherwise valid."""
    signed = assertion(clock.now, 50, iat=False)
    assert send(http, signed).status_code == 200
    clock.advance(50 + ALLOWED_CLOCK_SKEW)  # the last second it is still active (Keycloak's skew)
    assert refused(send(http, signed), "already been used")
    clock.advance(1)
    response = send(http, signed)  # the jti is pruned now, but the assertion itself has expired
    assert refused(response, "expired"), response.text
    assert send(http, assertion(clock.now, 30)).status_code == 200  # consuming a new jti prunes the old one
    assert used_jtis(app) == 1


def test_an_assertion_from_the_future_is_refused(http: httpx.Client, clock: FakeClock) -> None:
    assert refused(send(http, assertion(clock.now + ALLOWED_CLOCK_SKEW + 5, 30)), "issued in the future")

"""The example relying party against the BankID mock, through the integrators' fixtures, in-process and served.

Each test is what an integrator writes for their own app: log in with BankID, BIS fallback, a cancelled
login, nnin_altsub with and without eligibility, an expired access token.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient

from examples.flask_rp.app import BankIDSettings, create_app
from mock_provider.testing import MockHandle

KARI = "27034698436"  # the documented CURRENT example user [S78], seeded in every mock


class Clock:
    """The relying party's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["in-process", "served"])
def mock(request: pytest.FixtureRequest) -> MockHandle:
    fixture = "bankid_mock" if request.param == "in-process" else "bankid_mock_server"
    handle: MockHandle = request.getfixturevalue(fixture)
    return handle


def relying_party(mock: MockHandle, scope: str = "openid profile") -> FlaskClient:
    settings = BankIDSettings(
        discovery_url=mock.discovery_url,
        client_id=mock.client.client_id,
        client_secret=mock.client.client_secret or "",
        redirect_uri=mock.client.redirect_uris[0],
        scope=scope,
    )
    return create_app(settings, http=mock.requests_session).test_client()


def log_in(mock: MockHandle, app: FlaskClient, **choices: Any) -> Any:
    started = app.get("/login")
    assert started.status_code == 302
    callback = mock.login(started.headers["Location"], **choices)
    return app.get(f"/callback?{urlsplit(callback.url).query}" if "?" in callback.url else "/callback")


def test_bankid_login_gives_the_user_and_bankid_high(mock: MockHandle) -> None:
    answer = log_in(mock, relying_party(mock), nnin=KARI)
    assert answer.status_code == 200, answer.json
    assert answer.json["name"] == "Kari Nordmann"
    assert answer.json["acr"] == "urn:bankid:bid;LOA=4"


def test_userinfo_after_login(mock: MockHandle) -> None:
    app = relying_party(mock)
    log_in(mock, app, nnin=KARI)
    me = app.get("/me")
    assert me.status_code == 200
    assert me.json["family_name"] == "Nordmann"


def test_a_client_without_bis_falls_back_to_bankid_high(mock: MockHandle) -> None:
    answer = log_in(mock, relying_party(mock), nnin=KARI, idp="BIS")
    assert answer.json["acr"] == "urn:bankid:bid;LOA=4"


@pytest.mark.bankid_mock(client={"bis_enabled": True})
def test_a_client_with_bis_gets_biometrics(mock: MockHandle) -> None:
    answer = log_in(mock, relying_party(mock), nnin=KARI, idp="BIS")
    assert answer.json["acr"] == "urn:bankid:bis;LOA=3"


def test_a_cancelled_login_reaches_the_app_as_access_denied(mock: MockHandle) -> None:
    answer = log_in(mock, relying_party(mock), nnin=KARI, outcome="cancel")
    assert answer.status_code == 401
    assert answer.json == {"error": "access_denied", "detail": "bankid_error_codes:C301"}


def test_an_eligible_client_gets_nnin_altsub(mock: MockHandle) -> None:
    answer = log_in(mock, relying_party(mock, scope="openid nnin_altsub"), nnin=KARI)
    assert answer.json["claims"]["nnin_altsub"] == KARI


@pytest.mark.bankid_mock(client={"nnin_eligible": False})
def test_a_client_not_eligible_for_nnin_altsub_does_not_get_it(mock: MockHandle) -> None:
    answer = log_in(mock, relying_party(mock, scope="openid nnin_altsub"), nnin=KARI)
    assert answer.status_code == 200
    assert "nnin_altsub" not in answer.json["claims"]


@pytest.mark.bankid_mock(clock=Clock())
def test_an_expired_access_token_sends_the_user_back_to_log_in(
    mock: MockHandle, request: pytest.FixtureRequest
) -> None:
    clock: Clock = request.node.get_closest_marker("bankid_mock").kwargs["clock"]
    app = relying_party(mock)
    log_in(mock, app, nnin=KARI)
    clock.now += 301  # BankID's access tokens live 300 s [S21]
    me = app.get("/me")
    assert me.status_code == 401
    assert me.json == {"error": "session expired, log in again"}


ROTATION = 600


@pytest.mark.bankid_mock(clock=Clock(), key_rotation_seconds=ROTATION)
def test_logins_keep_working_across_a_signing_key_rotation(mock: MockHandle, request: pytest.FixtureRequest) -> None:
    """BankID rotates its signing keys [S38]; a relying party that reads the JWKS keeps verifying ID tokens."""
    clock: Clock = request.node.get_closest_marker("bankid_mock").kwargs["clock"]
    first = log_in(mock, relying_party(mock), nnin=KARI)
    clock.now += ROTATION + 1
    second = log_in(mock, relying_party(mock), nnin=KARI)
    assert first.status_code == second.status_code == 200
    assert first.json["kid"] != second.json["kid"]

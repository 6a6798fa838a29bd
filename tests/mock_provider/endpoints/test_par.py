"""Pushed authorization requests and ``authorization_details`` [S39][S40] (PROVIDER-FACTS §10 rules 39-41)."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import httpx
import pytest

from tests.mock_provider.mock_flow import ISSUER, Flow, callback_params, claims_of

PAR = f"{ISSUER}/protocol/openid-connect/ext/par/request"
STATEMENT = b"Pay 100 NOK to Testbutikken AS"
DETAILS = json.dumps([{"type": "payment.v1", "permission": base64.urlsafe_b64encode(STATEMENT).decode()}])


def push(flow: Flow, auth: tuple[str, str] | None = None, **overrides: str | None) -> httpx.Response:
    return flow.http.post(PAR, data=flow.params(**overrides), auth=auth or (flow.client_id, flow.secret))


def request_uri(flow: Flow, **overrides: str | None) -> str:
    response = push(flow, **overrides)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    assert body["expires_in"] == 60
    assert body["request_uri"].startswith("urn:ietf:params:oauth:request_uri:")
    return str(body["request_uri"])


def authorize_with(flow: Flow, uri: str) -> httpx.Response:
    params = {"client_id": flow.client_id, "request_uri": uri}
    return flow.http.get(f"{ISSUER}/precheck/auth", params=params)


def test_without_client_auth_is_401(flow: Flow) -> None:
    response = flow.http.post(PAR, data=flow.params())
    assert response.status_code == 401
    assert response.json()["error"] in ("invalid_client", "unauthorized_client")


def test_wrong_secret_is_401(flow: Flow) -> None:
    assert push(flow, auth=(flow.client_id, "wrong")).status_code == 401


def test_request_uri_starts_a_login_once(flow: Flow) -> None:
    uri = request_uri(flow)
    assert authorize_with(flow, uri).status_code == 303
    again = authorize_with(flow, uri)
    assert again.status_code == 400
    assert "Location" not in again.headers


def test_request_uri_expires(flow: Flow, clock: object) -> None:
    uri = request_uri(flow)
    clock.advance(61)  # type: ignore[attr-defined]
    assert authorize_with(flow, uri).status_code == 400


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"redirect_uri": "https://evil.example/cb"}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"scope": "profile"}, "invalid_scope"),
        ({"request_uri": "urn:x"}, "invalid_request"),
        ({"client_id": "someone-else"}, "invalid_request"),
        ({"authorization_details": "not json"}, "invalid_authorization_details"),
        ({"authorization_details": "[{}]"}, "invalid_authorization_details"),
    ],
)
def test_invalid_pushed_request_is_400_json(flow: Flow, overrides: dict[str, str], error: str) -> None:
    response = push(flow, **overrides)
    assert response.status_code == 400
    assert response.json()["error"] == error


def test_clear_nnin_login_hint_is_allowed_via_par_and_prefills(flow: Flow) -> None:
    location = authorize_with(flow, request_uri(flow, login_hint="BID:27034698436")).headers["Location"]
    assert 'value="27034698436"' in flow.http.get(location).text


def test_authorization_details_are_reflected_as_permission_digest(flow: Flow) -> None:
    location = authorize_with(flow, request_uri(flow, authorization_details=DETAILS)).headers["Location"]
    session = location.split("session=")[1]
    body = flow.token(callback_params(flow.submit(session))["code"]).json()
    digest = base64.urlsafe_b64encode(hashlib.sha256(STATEMENT).digest()).rstrip(b"=").decode()
    assert claims_of(body["id_token"])["permission_digest"] == digest
    access = claims_of(body["access_token"])
    assert access["permission_digest"] == digest
    assert access["authorization_details"] == json.loads(DETAILS)


def test_request_uri_of_another_client_is_refused(flow: Flow) -> None:
    uri = request_uri(flow)
    response = flow.http.get(f"{ISSUER}/precheck/auth", params={"client_id": "other", "request_uri": uri})
    assert response.status_code == 400

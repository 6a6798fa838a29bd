"""``grant_type=refresh_token`` with rotation and ``refresh_expires_in`` [S49][S73]."""

from __future__ import annotations

from typing import Any

import httpx

from tests.mock_provider.mock_flow import ISSUER, Flow, claims_of


def _refresh(flow: Flow, token: str, **extra: str) -> httpx.Response:
    data = {"grant_type": "refresh_token", "refresh_token": token, **extra}
    return flow.http.post(f"{ISSUER}/protocol/openid-connect/token", data=data, auth=(flow.client_id, flow.secret))


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_refresh_rotates_and_keeps_the_identity(flow: Flow) -> None:
    first = flow.tokens()
    second = _ok(_refresh(flow, first["refresh_token"]))
    assert second["refresh_token"] != first["refresh_token"]
    assert second["refresh_expires_in"] == 600
    assert claims_of(second["id_token"])["sub"] == claims_of(first["id_token"])["sub"]
    assert _ok(_refresh(flow, second["refresh_token"]))["access_token"]


def test_reusing_a_rotated_refresh_token_fails_and_revokes(flow: Flow) -> None:
    first = flow.tokens()
    second = _ok(_refresh(flow, first["refresh_token"]))
    assert _refresh(flow, first["refresh_token"]).json()["error"] == "invalid_grant"
    assert _refresh(flow, second["refresh_token"]).json()["error"] == "invalid_grant"


def test_refresh_token_expires(flow: Flow, clock: object) -> None:
    token = flow.tokens()["refresh_token"]
    clock.advance(601)  # type: ignore[attr-defined]
    assert _refresh(flow, token).json()["error"] == "invalid_grant"


def test_scope_may_narrow_but_not_widen(flow: Flow) -> None:
    first = flow.tokens()
    narrowed = _ok(_refresh(flow, first["refresh_token"], scope="openid"))
    assert narrowed["scope"] == "openid"
    assert "name" not in claims_of(narrowed["id_token"])
    widened = _refresh(flow, narrowed["refresh_token"], scope="openid nnin_altsub")
    assert widened.json()["error"] == "invalid_scope"


def test_unknown_refresh_token_is_invalid_grant(flow: Flow) -> None:
    response = _refresh(flow, "bogus")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"

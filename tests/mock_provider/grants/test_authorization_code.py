"""``grant_type=authorization_code``: bound, single use with revocation, 60 s, PKCE [S23][S25]
(PROVIDER-FACTS §10 rules 19, 44, 50)."""

from __future__ import annotations

import httpx
import pytest

from tests.mock_provider.mock_flow import ISSUER, Flow, claims_of

INTROSPECT = f"{ISSUER}/protocol/openid-connect/token/introspect"


def _active(flow: Flow, token: str) -> bool:
    data = {"token": token, "token_type_hint": "bid_access_token"}
    response = flow.http.post(INTROSPECT, data=data, auth=(flow.client_id, flow.secret))
    return bool(response.json()["active"])


def test_exchange_gives_the_documented_body(flow: Flow) -> None:
    body = flow.tokens()
    assert set(body) >= {"access_token", "id_token", "refresh_token", "expires_in", "refresh_expires_in"}
    assert body["expires_in"] == 300
    assert body["refresh_expires_in"] == 600
    assert body["token_type"] == "Bearer"
    assert body["scope"] == "openid profile"
    assert "session_state" not in body


def test_access_token_has_no_nonce_and_is_active(flow: Flow) -> None:
    body = flow.tokens()
    claims = claims_of(body["access_token"])
    assert "nonce" not in claims
    assert claims["typ"] == "Bearer"
    assert claims["exp"] - claims["iat"] == 300
    assert _active(flow, body["access_token"])


def test_second_use_is_invalid_grant_and_revokes_the_first_tokens(flow: Flow) -> None:
    code = flow.code()
    first = flow.token(code).json()
    again = flow.token(code)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    assert not _active(flow, first["access_token"])
    refreshed = flow.http.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
        auth=(flow.client_id, flow.secret),
    )
    assert refreshed.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    "overrides",
    [
        {"code_verifier": "wrong-" + "y" * 50},
        {"code_verifier": ""},
        {"redirect_uri": "https://rp.example.no/other?x=1"},
    ],
)
def test_binding_mismatch_is_invalid_grant(flow: Flow, overrides: dict[str, str]) -> None:
    response = flow.token(flow.code(), **overrides)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_unknown_code_is_invalid_grant(flow: Flow) -> None:
    flow.code()
    response = flow.token("bogus")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_a_failed_exchange_spends_the_code(flow: Flow) -> None:
    code = flow.code()
    assert flow.token(code, code_verifier="wrong-" + "y" * 50).status_code == 400
    assert flow.token(code).json()["error"] == "invalid_grant"


def test_code_expires_after_60_seconds(flow: Flow, clock: object) -> None:
    code = flow.code()
    clock.advance(61)  # type: ignore[attr-defined]
    assert flow.token(code).json()["error"] == "invalid_grant"


def test_code_within_60_seconds_works(flow: Flow, clock: object) -> None:
    code = flow.code()
    clock.advance(59)  # type: ignore[attr-defined]
    assert flow.token(code).status_code == 200


def test_bad_client_auth_is_a_client_error_not_a_grant_error(flow: Flow) -> None:
    response = flow.http.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={"grant_type": "authorization_code", "code": flow.code(), "redirect_uri": flow.redirect_uri},
        auth=(flow.client_id, "wrong"),
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_missing_code_is_invalid_request(http: httpx.Client, flow: Flow) -> None:
    response = flow.http.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={"grant_type": "authorization_code"},
        auth=(flow.client_id, flow.secret),
    )
    assert response.json()["error"] == "invalid_request"

"""End session like Keycloak's RP-initiated logout (PROVIDER-FACTS §2.6, INFERRED)."""

from __future__ import annotations

import httpx

from tests.mock_provider.mock_flow import ISSUER, REDIRECT, Flow

LOGOUT = f"{ISSUER}/protocol/openid-connect/logout"


def test_redirects_to_registered_uri_with_state_and_revokes(http: httpx.Client, flow: Flow) -> None:
    tokens = flow.tokens()
    params = {"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": REDIRECT, "state": "bye"}
    response = http.get(LOGOUT, params=params)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{REDIRECT}?state=bye"
    refreshed = http.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=(flow.client_id, flow.secret),
    )
    assert refreshed.json()["error"] == "invalid_grant"


def test_post_with_client_id_works_too(http: httpx.Client, flow: Flow) -> None:
    data = {"client_id": flow.client_id, "post_logout_redirect_uri": REDIRECT}
    assert http.post(LOGOUT, data=data).status_code == 302


def test_unregistered_redirect_is_an_error_page(http: httpx.Client, flow: Flow) -> None:
    params = {"client_id": flow.client_id, "post_logout_redirect_uri": "https://evil.example/"}
    response = http.get(LOGOUT, params=params)
    assert response.status_code == 400
    assert "Location" not in response.headers


def test_redirect_without_hint_or_client_is_an_error_page(http: httpx.Client) -> None:
    assert http.get(LOGOUT, params={"post_logout_redirect_uri": REDIRECT}).status_code == 400


def test_bad_hint_is_an_error_page(http: httpx.Client) -> None:
    assert http.get(LOGOUT, params={"id_token_hint": "garbage"}).status_code == 400


def test_plain_logout_shows_a_page(http: httpx.Client) -> None:
    response = http.get(LOGOUT)
    assert response.status_code == 200
    assert 'id="logged-out"' in response.text

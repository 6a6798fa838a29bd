"""The mock's introspection endpoint [S34][S35]."""

from __future__ import annotations

import httpx

from tests.conftest import CLIENT_ID, CLIENT_SECRET, FakeClock

INTROSPECT = "/auth/realms/current/protocol/openid-connect/token/introspect"


def _token(client: httpx.Client) -> str:
    reply = client.post(
        "/auth/realms/current/protocol/openid-connect/token",
        data={"grant_type": "client_credentials"},
        auth=(CLIENT_ID, CLIENT_SECRET),
    )
    return str(reply.json()["access_token"])


def _introspect(client: httpx.Client, token: str, hint: str = "bid_access_token") -> dict[str, object]:
    reply = client.post(INTROSPECT, data={"token": token, "token_type_hint": hint}, auth=(CLIENT_ID, CLIENT_SECRET))
    assert reply.status_code == 200
    return reply.json()  # type: ignore[no-any-return]


def test_live_token_is_active(provider_client: httpx.Client) -> None:
    body = _introspect(provider_client, _token(provider_client))
    assert body["active"] is True and body["client_id"] == CLIENT_ID


def test_expired_token_is_inactive(provider_client: httpx.Client, clock: FakeClock) -> None:
    token = _token(provider_client)
    clock.advance(301)
    assert _introspect(provider_client, token) == {"active": False}


def test_other_hint_is_inactive(provider_client: httpx.Client) -> None:
    assert _introspect(provider_client, _token(provider_client), hint="access_token") == {"active": False}


def test_token_from_other_realm_is_inactive(provider_client: httpx.Client) -> None:
    token = _token(provider_client)
    reply = provider_client.post(
        "/auth/realms/prod/protocol/openid-connect/token/introspect",
        data={"token": token},
        auth=(CLIENT_ID, CLIENT_SECRET),
    )
    assert reply.status_code == 401  # the CURRENT client does not exist in PROD


def test_without_client_auth_is_401(provider_client: httpx.Client) -> None:
    reply = provider_client.post(INTROSPECT, data={"token": "x"})
    assert reply.status_code == 401 and reply.json()["error"] == "invalid_client"
    assert reply.headers["www-authenticate"].startswith("Bearer")

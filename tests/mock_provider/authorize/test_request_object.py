"""Signed request objects verified against the client's registered keys [S43][S50] (RFC 9101)."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from mock_provider.config import ClientConfig
from tests.mock_provider.mock_flow import CLIENT_ID, ISSUER, REDIRECT, Flow, callback_params

KEY = ECKey.generate_key("P-256", parameters={"kid": "rp-request-key"})
FORGED = ECKey.generate_key("P-256", parameters={"kid": "rp-request-key"})


@pytest.fixture
def client_config(client_config: ClientConfig) -> ClientConfig:
    return dataclasses.replace(client_config, jwks=MappingProxyType({"keys": [KEY.as_dict(private=False)]}))


def _request_object(flow: Flow, key: ECKey = KEY, **claims: object) -> str:
    values: dict[str, object] = {**flow.params(), "iss": CLIENT_ID, "aud": ISSUER, "state": "from-object"}
    values.update(claims)
    return jwt.encode({"alg": "ES256", "kid": "rp-request-key"}, values, key)


def _authorize(http: httpx.Client, request: str, **query: str) -> httpx.Response:
    params = {"client_id": CLIENT_ID, "response_type": "code", "redirect_uri": REDIRECT, "request": request}
    params.update(query)
    return http.get(f"{ISSUER}/precheck/auth", params=params)


def test_signed_request_object_values_are_used(http: httpx.Client, flow: Flow) -> None:
    response = _authorize(http, _request_object(flow))
    assert response.status_code == 303
    session = response.headers["Location"].split("session=")[1]
    assert callback_params(flow.submit(session))["state"] == "from-object"


@pytest.mark.parametrize(
    ("key", "claims"),
    [(FORGED, {}), (KEY, {"aud": "https://evil.example"}), (KEY, {"iss": "other"}), (KEY, {"exp": 1})],
    ids=["forged", "wrong-aud", "wrong-iss", "expired"],
)
def test_bad_request_object_is_invalid_request_object(
    http: httpx.Client, flow: Flow, key: ECKey, claims: dict[str, object]
) -> None:
    params = callback_params(_authorize(http, _request_object(flow, key, **claims), state="query-state"))
    assert params["error"] == "invalid_request_object"
    assert params["state"] == "query-state"


def test_response_type_must_also_be_a_query_parameter(http: httpx.Client, flow: Flow) -> None:
    params = {"client_id": CLIENT_ID, "redirect_uri": REDIRECT, "request": _request_object(flow)}
    response = http.get(f"{ISSUER}/precheck/auth", params=params)
    assert callback_params(response)["error"] == "invalid_request"


def test_garbage_request_object_never_500s(http: httpx.Client) -> None:
    for garbage in ("x", "a.b.c", "....", "eyJhbGciOiJub25lIn0.e30."):
        assert _authorize(http, garbage).status_code == 303

"""The API-v4 ID token [S44][S45][S50] (PROVIDER-FACTS §5.2; §10 rules 45-48, 50)."""

from __future__ import annotations

import dataclasses
import re

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from mock_provider.config import ClientConfig
from tests.mock_provider.mock_flow import CLIENT_ID, ISSUER, USER_NNIN, Flow, claims_of


def _verified(http: httpx.Client, token: str) -> dict[str, object]:
    keys = KeySet.import_key_set(http.get(f"{ISSUER}/protocol/openid-connect/certs").json())
    decoded = jwt.decode(token, keys, algorithms=["ES256"])
    assert decoded.header["alg"] == "ES256"
    assert decoded.header["kid"] in {k.kid for k in keys.keys}
    return dict(decoded.claims)


def test_claims_of_the_v4_id_token(http: httpx.Client, flow: Flow) -> None:
    body = flow.tokens()
    claims = _verified(http, body["id_token"])
    assert claims["iss"] == ISSUER
    assert claims["aud"] == CLIENT_ID
    assert claims["azp"] == CLIENT_ID
    assert claims["typ"] == "ID"
    assert claims["nonce"] == "nonce-456"
    assert claims["api_ver"] == 4
    assert claims["exp"] - claims["iat"] == body["expires_in"] == 300  # type: ignore[operator]
    assert claims["amr"] == ["bid"]
    assert claims["acr"] == "urn:bankid:bid;LOA=4"
    assert re.fullmatch(r"9578-\d{4}-\d-\d+", str(claims["bankid_altsub"]))
    assert claims["at_hash"]
    for removed in ("tid", "additionalCertInfo", "session_state", "nnin_altsub"):
        assert removed not in claims


def test_profile_claims_only_with_profile(flow: Flow) -> None:
    with_profile = claims_of(flow.tokens()["id_token"])
    assert with_profile["name"] == "Kari Nordmann"
    assert with_profile["birthdate"] == "1946-03-27"
    without = claims_of(flow.tokens(scope="openid")["id_token"])
    for name in ("name", "given_name", "family_name", "birthdate"):
        assert name not in without


def test_nnin_altsub_with_scope_and_eligible_client(flow: Flow) -> None:
    claims = claims_of(flow.tokens(scope="openid nnin_altsub")["id_token"])
    assert claims["nnin_altsub"] == USER_NNIN


def test_sub_is_stable_per_user(flow: Flow) -> None:
    assert claims_of(flow.tokens()["id_token"])["sub"] == claims_of(flow.tokens()["id_token"])["sub"]


class TestIneligibleClient:
    @pytest.fixture
    def client_config(self, client_config: ClientConfig) -> ClientConfig:
        return dataclasses.replace(client_config, nnin_eligible=False)

    def test_no_nnin_altsub_even_when_asked(self, flow: Flow) -> None:
        assert "nnin_altsub" not in claims_of(flow.tokens(scope="openid nnin_altsub")["id_token"])

"""A client assertion whose ``aud`` lists several values, one of them this realm (quirk ``assertion-audiences``):
Keycloak from 26.2 refuses it ("Multiple audiences not allowed", AbstractBaseJWTValidator), older versions took
any list holding an expected audience. BankID's Keycloak version is not documented, so the mock shows both; a
single audience, as a string or a one-element list, is accepted either way [S14][S25]."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from mock_provider.config import ClientConfig, Config, Quirks
from tests.conftest import FakeClock
from tests.mock_provider.mock_flow import ISSUER, REDIRECT
from tests.mock_provider.oauth.assertions import TOKEN, claims_for, send

KEY = ECKey.generate_key("P-256", parameters={"kid": "aud-key"})
CLIENT = "audiences-bankid-current"
SINGLE = [TOKEN, [TOKEN], ISSUER]
SEVERAL = [[TOKEN, ISSUER], [TOKEN, "https://api.example.no"]]


@pytest.fixture
def config(clock: FakeClock, quirks: Quirks) -> Config:
    client = ClientConfig(
        client_id=CLIENT,
        redirect_uris=(REDIRECT,),
        token_endpoint_auth_methods=("private_key_jwt",),
        jwks=MappingProxyType({"keys": [KEY.as_dict(private=False)]}),
    )
    return Config(clock=clock, clients=(client,), quirks=quirks)


def _token(http: httpx.Client, clock: FakeClock, audience: object) -> httpx.Response:
    return send(http, jwt.encode({"alg": "ES256", "kid": "aud-key"}, claims_for(CLIENT, clock.now, aud=audience), KEY))


@pytest.mark.parametrize("quirks", [Quirks(), dataclasses.replace(Quirks(), several_assertion_audiences=True)])
@pytest.mark.parametrize("audience", SINGLE, ids=["token-endpoint", "one-element-list", "issuer"])
def test_a_single_audience_is_accepted_under_both_values(
    http: httpx.Client, clock: FakeClock, audience: object
) -> None:
    assert _token(http, clock, audience).status_code == 200


@pytest.mark.parametrize("audience", SEVERAL, ids=["token-and-issuer", "token-and-an-api"])
@pytest.mark.parametrize(
    ("quirks", "status"),
    [(Quirks(), 401), (dataclasses.replace(Quirks(), several_assertion_audiences=True), 200)],
    ids=["single", "several"],
)
def test_several_audiences_are_refused_unless_the_quirk_says_several(
    http: httpx.Client, clock: FakeClock, audience: object, status: int
) -> None:
    response = _token(http, clock, audience)
    assert response.status_code == status, response.text
    if status == 401:
        assert response.json() == {"error": "invalid_client", "error_description": "Multiple audiences not allowed"}


@pytest.mark.parametrize("quirks", [dataclasses.replace(Quirks(), several_assertion_audiences=True)])
def test_several_audiences_still_need_this_realm_among_them(http: httpx.Client, clock: FakeClock) -> None:
    assert _token(http, clock, ["https://evil.example/token", "https://api.example.no"]).status_code == 401

"""private_key_jwt at token, introspect and PAR, with a registered JWKS or a ``jwks_uri`` [S14][S25][S27]
(PROVIDER-FACTS §10 rule 24): unknown kid, bad signature, expired, wrong aud and a replayed jti all fail."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from types import MappingProxyType

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from mock_provider.config import ClientConfig, Config
from mock_provider.faults import profile
from mock_provider.hooks import FaultProfile
from tests.conftest import FakeClock
from tests.mock_provider.mock_flow import ISSUER, REDIRECT, Flow

TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
JWKS_URI = "https://rp.example.no/jwks.json"
TOKEN = f"{ISSUER}/protocol/openid-connect/token"
INTROSPECT = f"{TOKEN}/introspect"
PAR = f"{ISSUER}/protocol/openid-connect/ext/par/request"
KEY = ECKey.generate_key("P-256", parameters={"kid": "rp-key-1"})
OTHER = ECKey.generate_key("P-256", parameters={"kid": "rp-key-1"})
Sender = Callable[[str, dict[str, str]], httpx.Response]


def _client(client_id: str, **keys: object) -> ClientConfig:
    return ClientConfig(
        client_id=client_id, redirect_uris=(REDIRECT,), token_endpoint_auth_methods=("private_key_jwt",), **keys
    )  # type: ignore[arg-type]


@pytest.fixture(params=["jwks", "jwks_uri"])
def client_id(request: pytest.FixtureRequest) -> str:
    return f"pkjwt-{request.param}"


@pytest.fixture
def config(clock: FakeClock, faults: FaultProfile) -> Config:
    public = {"keys": [KEY.as_dict(private=False)]}
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, json=public) if str(request.url) == JWKS_URI else httpx.Response(404)
    )
    clients = (_client("pkjwt-jwks", jwks=MappingProxyType(public)), _client("pkjwt-jwks_uri", jwks_uri=JWKS_URI))
    return Config(clock=clock, clients=clients, faults=faults, outbound_transport=transport)


def assertion(client_id: str, now: float, key: ECKey = KEY, **claims: object) -> str:
    values: dict[str, object] = {
        "iss": client_id,
        "sub": client_id,
        "aud": TOKEN,
        "iat": int(now),
        "exp": int(now) + 30,
        "jti": str(uuid.uuid4()),
    }
    values.update(claims)
    return jwt.encode({"alg": "ES256", "kid": str(key.kid)}, values, key)


ENDPOINTS: dict[str, tuple[str, dict[str, str], int]] = {
    "token": (TOKEN, {"grant_type": "client_credentials"}, 200),
    "introspect": (INTROSPECT, {"token": "garbage", "token_type_hint": "bid_access_token"}, 200),
    "par": (PAR, Flow(httpx.Client()).params(client_id=None), 201),
}


@pytest.fixture(params=sorted(ENDPOINTS))
def endpoint(request: pytest.FixtureRequest) -> tuple[str, dict[str, str], int]:
    return ENDPOINTS[request.param]


def send(http: httpx.Client, endpoint: tuple[str, dict[str, str], int], signed: str) -> httpx.Response:
    url, body, _ = endpoint
    return http.post(url, data={**body, "client_assertion_type": TYPE, "client_assertion": signed})


def test_valid_assertion_is_accepted(http: httpx.Client, clock: FakeClock, client_id: str, endpoint: tuple) -> None:
    response = send(http, endpoint, assertion(client_id, clock.now, aud=endpoint[0]))
    assert response.status_code == endpoint[2], response.text


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "https://evil.example/token"},
        {"exp": 1_000, "iat": 900},
        {"iss": "someone-else"},
    ],
    ids=["wrong-aud", "expired", "wrong-iss"],
)
def test_bad_claims_are_client_auth_errors(
    http: httpx.Client, clock: FakeClock, client_id: str, endpoint: tuple, claims: dict[str, object]
) -> None:
    response = send(http, endpoint, assertion(client_id, clock.now, **claims))
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_bad_signature_is_refused(http: httpx.Client, clock: FakeClock, client_id: str, endpoint: tuple) -> None:
    response = send(http, endpoint, assertion(client_id, clock.now, key=OTHER, aud=endpoint[0]))
    assert response.status_code == 401


def test_unknown_kid_is_refused(http: httpx.Client, clock: FakeClock, client_id: str, endpoint: tuple) -> None:
    stranger = ECKey.generate_key("P-256", parameters={"kid": "unknown"})
    response = send(http, endpoint, assertion(client_id, clock.now, key=stranger, aud=endpoint[0]))
    assert response.status_code == 401


def test_replayed_jti_is_refused(http: httpx.Client, clock: FakeClock, client_id: str, endpoint: tuple) -> None:
    signed = assertion(client_id, clock.now, aud=endpoint[0])
    assert send(http, endpoint, signed).status_code == endpoint[2]
    assert send(http, endpoint, signed).status_code == 401


class TestFaults:
    @pytest.fixture
    def faults(self) -> FaultProfile:
        return profile("expired-assertion", "replayed-assertion")

    def test_expired_and_replayed_pass_under_the_faults(self, http: httpx.Client, clock: FakeClock) -> None:
        signed = assertion("pkjwt-jwks", clock.now - 600)
        endpoint = ENDPOINTS["token"]
        assert send(http, endpoint, signed).status_code == 200
        assert send(http, endpoint, signed).status_code == 200

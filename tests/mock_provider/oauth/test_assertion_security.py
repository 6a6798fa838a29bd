"""A client assertion is verified with the algorithms the client's registration allows, never the one the token
names; its time claims are finite numbers (RFC 7523 §3, RFC 8725 §3.1) [S25][S27]. Every refusal is the
documented client-authentication error JSON, never a 500.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from types import MappingProxyType

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from joserfc import jws
from joserfc.jwk import ECKey, OctKey, RSAKey

from mock_provider.config import ClientConfig, Config
from mock_provider.hooks import FaultProfile
from tests.conftest import FakeClock
from tests.mock_provider.mock_flow import REDIRECT
from tests.mock_provider.oauth.assertions import TOKEN, claims_for, send

KEY = ECKey.generate_key("P-256", parameters={"kid": "ec-1"})
RSA = RSAKey.generate_key(2048, parameters={"kid": "rsa-1"})
SECRET = "a-client-secret-of-sufficient-length-0123456789"
PKJWT, SECRET_JWT, RSA_CLIENT = "pkjwt-client", "secret-jwt-client", "rsa-client"


@pytest.fixture
def config(clock: FakeClock, faults: FaultProfile) -> Config:
    def client(client_id: str, methods: tuple[str, ...], **extra: object) -> ClientConfig:
        return ClientConfig(
            client_id=client_id, redirect_uris=(REDIRECT,), token_endpoint_auth_methods=methods, **extra
        )  # type: ignore[arg-type]

    clients = (
        client(PKJWT, ("private_key_jwt",), jwks=MappingProxyType({"keys": [KEY.as_dict(private=False)]})),
        client(RSA_CLIENT, ("private_key_jwt",), jwks=MappingProxyType({"keys": [RSA.as_dict(private=False)]})),
        client(SECRET_JWT, ("client_secret_jwt",), client_secret=SECRET),
    )
    return Config(clock=clock, clients=clients, faults=faults)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def payload(claims: dict[str, object]) -> bytes:
    # allow_nan: Python writes NaN/Infinity as bare words, exactly what an attacker would send.
    return json.dumps(claims, allow_nan=True).encode()


def signed(header: dict[str, object], claims: dict[str, object], key: ECKey | RSAKey | OctKey = KEY) -> str:
    return jws.serialize_compact(header, payload(claims), key, algorithms=[str(header["alg"])])


def hmac_signed(alg_bits: int, claims: dict[str, object], secret: bytes) -> str:
    """An HS* JWS made by hand, so no library can refuse an unusual key (the key-confusion attack)."""
    signing_input = f"{_b64(json.dumps({'alg': f'HS{alg_bits}'}).encode())}.{_b64(payload(claims))}"
    digest = getattr(hashlib, f"sha{alg_bits}")
    signature = hmac.new(secret, signing_input.encode(), digest).digest()
    return f"{signing_input}.{_b64(signature)}"


def assert_refused(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["error"] == "invalid_client"
    assert body["error_description"]


def test_a_properly_signed_assertion_is_accepted(http: httpx.Client, clock: FakeClock) -> None:
    """The control: without it every refusal below could be a broken set-up."""
    assert send(http, signed({"alg": "ES256", "kid": "ec-1"}, claims_for(PKJWT, clock.now))).status_code == 200
    assert (
        send(http, signed({"alg": "PS256", "kid": "rsa-1"}, claims_for(RSA_CLIENT, clock.now), RSA)).status_code == 200
    )
    secret_jwt = hmac_signed(256, claims_for(SECRET_JWT, clock.now), SECRET.encode())
    assert send(http, secret_jwt).status_code == 200


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
def test_an_unsigned_assertion_is_refused(http: httpx.Client, clock: FakeClock, alg: str) -> None:
    header = _b64(json.dumps({"alg": alg, "kid": "ec-1"}).encode())
    assert_refused(send(http, f"{header}.{_b64(payload(claims_for(PKJWT, clock.now)))}."))


def test_hs256_keyed_with_the_public_key_is_refused(http: httpx.Client, clock: FakeClock) -> None:
    """Key confusion: the public key is public, so an HMAC keyed with it proves nothing."""
    public_pem = KEY.public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    public_jwk = json.dumps(KEY.as_dict(private=False)).encode()
    for secret in (public_pem, public_jwk, KEY.get("x").encode()):
        assert_refused(send(http, hmac_signed(256, claims_for(PKJWT, clock.now), secret)))


def test_hs256_is_refused_for_a_private_key_jwt_client_even_with_a_secret(http: httpx.Client, clock: FakeClock) -> None:
    assert_refused(send(http, hmac_signed(256, claims_for(PKJWT, clock.now), SECRET.encode())))


def test_asymmetric_algorithms_are_refused_for_a_client_secret_jwt_client(http: httpx.Client, clock: FakeClock) -> None:
    assert_refused(send(http, signed({"alg": "ES256", "kid": "ec-1"}, claims_for(SECRET_JWT, clock.now))))


@pytest.mark.parametrize(
    ("client_id", "alg", "key"),
    [(PKJWT, "ES384", KEY), (PKJWT, "RS256", KEY), (RSA_CLIENT, "ES256", RSA), (PKJWT, "EdDSA", KEY)],
    ids=["ES384-with-P-256", "RS256-with-EC", "ES256-with-RSA", "EdDSA-with-EC"],
)
def test_an_algorithm_that_does_not_fit_the_key_type_is_refused(
    http: httpx.Client, clock: FakeClock, client_id: str, alg: str, key: ECKey | RSAKey
) -> None:
    header = _b64(json.dumps({"alg": alg, "kid": str(key.kid)}).encode())
    body = _b64(payload(claims_for(client_id, clock.now)))
    assert_refused(send(http, f"{header}.{body}.{_b64(b'not-a-signature')}"))


NOT_NUMBERS = [float("nan"), float("inf"), float("-inf"), True, False, "1796000030", None, [1], {"n": 1}, 10**400]


@pytest.mark.parametrize("claim", ["exp", "iat", "nbf"])
@pytest.mark.parametrize("value", NOT_NUMBERS, ids=repr)
def test_time_claims_must_be_finite_numbers(http: httpx.Client, clock: FakeClock, claim: str, value: object) -> None:
    claims = claims_for(PKJWT, clock.now, **{claim: value})
    if value is None and claim != "exp":
        return  # an absent iat or nbf is allowed (and absent exp is covered by None for exp)
    assert_refused(send(http, signed({"alg": "ES256", "kid": "ec-1"}, claims)))


def test_a_huge_exponent_is_not_infinity_in_disguise(http: httpx.Client, clock: FakeClock) -> None:
    text = payload(claims_for(PKJWT, clock.now)).replace(f'"exp": {int(clock.now) + 30}'.encode(), b'"exp": 1e400')
    assertion = jws.serialize_compact({"alg": "ES256", "kid": "ec-1"}, text, KEY, algorithms=["ES256"])
    assert_refused(send(http, assertion))


@pytest.mark.parametrize(
    "overrides",
    [{"aud": [{}]}, {"aud": [[TOKEN]]}, {"jti": {"x": 1}}, {"jti": ""}, {"jti": "j" * 1000}, {"iss": 7, "sub": 7}],
    ids=["aud-object", "aud-nested", "jti-object", "jti-empty", "jti-huge", "iss-number"],
)
def test_malformed_claims_are_client_auth_errors(
    http: httpx.Client, clock: FakeClock, overrides: dict[str, object]
) -> None:
    assert_refused(send(http, signed({"alg": "ES256", "kid": "ec-1"}, claims_for(PKJWT, clock.now, **overrides))))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.dictionaries(st.sampled_from(["alg", "kid", "typ"]), _json_values),
    claims=st.dictionaries(st.sampled_from(["iss", "sub", "aud", "exp", "iat", "nbf", "jti"]), _json_values),
)
def test_any_signed_header_and_claims_never_500(
    http: httpx.Client, header: dict[str, object], claims: dict[str, object]
) -> None:
    encoded = f"{_b64(json.dumps(header).encode())}.{_b64(payload(claims))}.{_b64(b'sig')}"
    response = send(http, encoded)
    assert response.status_code in (400, 401), response.text
    assert response.json()["error"]

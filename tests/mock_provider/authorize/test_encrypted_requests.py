"""Encrypted request objects and encrypted login hints [S42][S43]: a JWE to the realm's ``use=enc`` key,
decrypted by the mock; a nnin inside never travelled in clear, so API v4 lets it through [S50][S52]."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from joserfc import jwe, jwt
from joserfc.jwk import ECKey, KeySet, RSAKey

from mock_provider.authorize.encryption import REQUEST_OBJECT_ALGS, REQUEST_OBJECT_ENCS
from mock_provider.config import ClientConfig
from tests.mock_provider.mock_flow import CLIENT_ID, ISSUER, REDIRECT, USER_NNIN, Flow, callback_params

KEY = ECKey.generate_key("P-256", parameters={"kid": "rp-request-key"})
ALLOWED = [*REQUEST_OBJECT_ALGS, *REQUEST_OBJECT_ENCS, "ECDH-ES"]


@pytest.fixture
def client_config(client_config: ClientConfig) -> ClientConfig:
    return dataclasses.replace(client_config, jwks=MappingProxyType({"keys": [KEY.as_dict(private=False)]}))


def _enc_key(http: httpx.Client, kty: str, path: str = "certs") -> RSAKey | ECKey:
    keys = http.get(f"{ISSUER}/protocol/openid-connect/{path}").json()["keys"]
    jwk = next(k for k in keys if k["use"] == "enc" and k["kty"] == kty)
    key = KeySet.import_key_set({"keys": [{k: v for k, v in jwk.items() if k != "x5c"}]}).keys[0]
    assert isinstance(key, RSAKey | ECKey)
    return key


def _signed(flow: Flow, **claims: object) -> str:
    values: dict[str, object] = {**flow.params(), "iss": CLIENT_ID, "aud": ISSUER, "state": "from-object"}
    values.update(claims)
    return jwt.encode({"alg": "ES256", "kid": "rp-request-key"}, values, KEY)


def _encrypt(key: RSAKey | ECKey, plaintext: str, alg: str = "RSA-OAEP-256", enc: str = "A256GCM") -> str:
    header = {"alg": alg, "enc": enc, "kid": key.kid, "cty": "JWT"}
    return jwe.encrypt_compact(header, plaintext.encode(), key, algorithms=ALLOWED)


def _authorize(http: httpx.Client, request: str, **query: str) -> httpx.Response:
    params = {"client_id": CLIENT_ID, "response_type": "code", "scope": "openid", "request": request, **query}
    return http.get(f"{ISSUER}/precheck/auth", params=params)


@pytest.mark.parametrize("alg", REQUEST_OBJECT_ALGS)
@pytest.mark.parametrize("enc", REQUEST_OBJECT_ENCS)
def test_an_encrypted_signed_request_object_is_used(http: httpx.Client, flow: Flow, alg: str, enc: str) -> None:
    request = _encrypt(_enc_key(http, "RSA"), _signed(flow, login_hint=f"BID:{USER_NNIN}"), alg, enc)
    response = _authorize(http, request)
    assert response.status_code == 303, response.text
    session = response.headers["Location"].split("session=")[1]
    assert callback_params(flow.submit(session))["state"] == "from-object"


def test_the_same_nnin_hint_in_a_signed_but_clear_object_is_refused(http: httpx.Client, flow: Flow) -> None:
    params = callback_params(_authorize(http, _signed(flow, login_hint=f"BID:{USER_NNIN}")))
    assert params["error"] == "invalid_request" and "nnin" in params["error_description"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda h, f: _encrypt(_enc_key(h, "RSA"), '{"state": "unsigned"}'), "nested JWT"),
        (lambda h, f: _encrypt(RSAKey.generate_key(2048, parameters={"kid": "x"}), _signed(f)), "kid"),
        (lambda h, f: _encrypt(_enc_key(h, "EC"), _signed(f), "ECDH-ES", "A128GCM"), "not supported"),
        (lambda h, f: "a.b.c.d.e", "header"),
    ],
    ids=["unsigned-inside", "unknown-key", "ecdh-es-not-for-request-objects", "garbage"],
)
def test_a_bad_encrypted_request_object_is_invalid_request_object(
    http: httpx.Client, flow: Flow, make: object, reason: str
) -> None:
    request = make(http, flow)  # type: ignore[operator]
    params = callback_params(_authorize(http, request, redirect_uri=REDIRECT, state="query-state"))
    assert params["error"] == "invalid_request_object" and reason in params["error_description"]
    assert params["state"] == "query-state"


@pytest.mark.parametrize(("kty", "alg", "enc"), [("EC", "ECDH-ES", "A128GCM"), ("RSA", "RSA-OAEP", "A128CBC-HS256")])
def test_an_encrypted_nnin_login_hint_is_accepted(flow: Flow, http: httpx.Client, kty: str, alg: str, enc: str) -> None:
    hint = _encrypt(_enc_key(http, kty, "certs/enc"), f"BID:{USER_NNIN}", alg, enc)
    session = flow.session(login_hint=hint)
    page = http.get(f"{ISSUER}/login-actions/authenticate?session={session}")
    assert f'value="{USER_NNIN}"' in page.text  # the dialog is prefilled from the decrypted hint


def test_an_encrypted_login_hint_with_another_enc_is_refused(flow: Flow, http: httpx.Client) -> None:
    hint = _encrypt(_enc_key(http, "RSA", "certs/enc"), f"BID:{USER_NNIN}", "RSA-OAEP", "A256GCM")
    params = callback_params(flow.authorize(login_hint=hint))
    assert params["error"] == "invalid_request" and "login_hint" in params["error_description"]


_B64URL = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", max_size=40)
_HEADERS = st.sampled_from(
    [
        "",
        "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0",  # {"alg":"RSA-OAEP-256","enc":"A256GCM"}
        "eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTEyOEdDTSJ9",  # {"alg":"ECDH-ES","enc":"A128GCM"}
        "bnVsbA",  # null
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=_HEADERS, parts=st.lists(_B64URL, min_size=4, max_size=4))
def test_any_five_part_value_is_refused_with_the_documented_error(
    http: httpx.Client, flow: Flow, header: str, parts: list[str]
) -> None:
    value = ".".join([header, *parts])
    params = callback_params(_authorize(http, value, redirect_uri=REDIRECT, state="s"))
    assert params["error"] == "invalid_request_object"
    hint = callback_params(flow.authorize(login_hint=value))
    assert hint["error"] == "invalid_request" and "login_hint" in hint["error_description"]


def test_discovery_advertises_exactly_the_algorithms_that_decrypt(http: httpx.Client) -> None:
    """Each pair advertised is exercised by ``test_an_encrypted_signed_request_object_is_used``; nothing more."""
    document = http.get(f"{ISSUER}/.well-known/openid-configuration").json()
    assert document["request_object_encryption_alg_values_supported"] == list(REQUEST_OBJECT_ALGS)
    assert document["request_object_encryption_enc_values_supported"] == list(REQUEST_OBJECT_ENCS)
    assert "sign" in document["scopes_supported"]  # exercised by tests/mock_provider/sign

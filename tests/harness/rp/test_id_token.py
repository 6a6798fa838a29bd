"""OIDC Core §3.1.3.7 validation: a good token passes, and each broken claim fails at its own step."""

from __future__ import annotations

from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from harness.rp.id_token import Expectations, StepError, validate

ISSUER = "https://op.example/auth/realms/current"
NOW = 1_796_000_000
KEY = ECKey.generate_key("P-256", parameters={"alg": "ES256", "use": "sig", "kid": "k1"})


def token(**changes: Any) -> str:
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": "client",
        "azp": "client",
        "exp": NOW + 300,
        "iat": NOW,
        "nonce": "n1",
        "acr": "urn:bankid:bid;LOA=4",
    }
    claims.update(changes)
    return jwt.encode({"alg": "ES256", "kid": "k1"}, {k: v for k, v in claims.items() if v is not None}, KEY)


def want(**changes: Any) -> Expectations:
    values: dict[str, Any] = {
        "issuer": ISSUER,
        "client_id": "client",
        "nonce": "n1",
        "acr_values": ("urn:bankid:bid",),
        "jwks": {"keys": [KEY.as_dict(private=False)]},
        "now": lambda: NOW + 10,
    }
    values.update(changes)
    return Expectations(**values)


def test_a_good_token_validates() -> None:
    assert validate(token(), want()).claims["aud"] == "client"


@pytest.mark.parametrize(
    ("raw_changes", "step"),
    [
        ({"iss": "https://evil.example"}, 2),
        ({"aud": ["client", "other"]}, 3),
        ({"azp": "other"}, 5),
        ({"exp": NOW - 600}, 9),
        ({"iat": NOW - 3600}, 10),
        ({"nonce": "n2"}, 11),
        ({"nonce": None}, 11),
        ({"acr": "urn:bankid:bis;LOA=3"}, 12),
    ],
)
def test_each_broken_claim_fails_its_step(raw_changes: dict[str, Any], step: int) -> None:
    with pytest.raises(StepError) as failed:
        validate(token(**raw_changes), want())
    assert failed.value.step == step


def test_an_unpublished_key_fails_step_6() -> None:
    other = ECKey.generate_key("P-256", parameters={"alg": "ES256", "use": "sig", "kid": "k2"})
    with pytest.raises(StepError) as failed:
        validate(token(), want(jwks={"keys": [other.as_dict(private=False)]}))
    assert failed.value.step == 6


def test_a_jwe_shaped_token_fails_step_1() -> None:
    with pytest.raises(StepError) as failed:
        validate("a.b.c.d.e", want())
    assert failed.value.step == 1

"""ES256 compact JWS on ``cryptography`` (``mock_provider.keys.compact``): joserfc reads what it signs, and
untrusted text is refused, never raised on (RFC 7515 §7.1, RFC 7518 §3.4)."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import given
from hypothesis import strategies as st
from joserfc import jwt
from joserfc.jwk import ECKey

from mock_provider.keys.compact import json_segment, sign_es256, verified_es256

PRIVATE = ec.derive_private_key(0x5EED, ec.SECP256R1())
OTHER = ec.derive_private_key(0xBAD, ec.SECP256R1())
CLAIMS = {"iss": "https://auth.current.bankid.no/auth/realms/current", "name": "Åse Øvrebø", "exp": 1}


def test_joserfc_verifies_the_token_and_reads_its_header_and_claims() -> None:
    token = sign_es256(PRIVATE, "kid-1", CLAIMS, typ="ID")
    decoded = jwt.decode(token, ECKey.import_key(PRIVATE.public_key()), algorithms=["ES256"])
    assert decoded.header == {"typ": "ID", "alg": "ES256", "kid": "kid-1"}
    assert decoded.claims == CLAIMS
    assert json_segment(token, 0) == decoded.header and json_segment(token, 1) == CLAIMS


def test_only_the_signing_key_verifies_and_only_the_signed_bytes() -> None:
    token = sign_es256(PRIVATE, "kid-1", CLAIMS)
    head, _, signature = token.rpartition(".")
    assert verified_es256(PRIVATE.public_key(), token)
    assert not verified_es256(OTHER.public_key(), token)
    other_claims = sign_es256(PRIVATE, "kid-1", {**CLAIMS, "exp": 2}).split(".")[1]
    assert not verified_es256(PRIVATE.public_key(), f"{head.split('.')[0]}.{other_claims}.{signature}")


@given(st.text(max_size=300))
def test_any_text_is_refused_or_read_never_raised_on(text: str) -> None:
    assert not verified_es256(PRIVATE.public_key(), text)
    json_segment(text, 0)
    json_segment(text, 1)

"""Verifying detached CMS signatures: the mock's DER output, BER with indefinite lengths (as BankID's encoder
emits; ``ber_signed_hei.der`` was made by ``openssl cms -sign -binary -stream`` over the bytes ``hei``), a
tampered content or signature, and arbitrary bytes, which must give ``CmsError`` and nothing else."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.rp.cms import CmsError, read, verify_detached
from mock_provider.keys.authority import CertificateAuthority
from mock_provider.sign.cms import sign_detached

NOW = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
BER = (Path(__file__).parent / "ber_signed_hei.der").read_bytes()


@pytest.fixture(scope="module")
def signed() -> bytes:
    ca = CertificateAuthority.generate(now=NOW)
    return sign_detached(ca, b"Jeg godkjenner", common_name="Kari Nordmann", organisation="Bank", now=NOW)


def test_a_der_signature_verifies_with_its_chain(signed: bytes) -> None:
    signer = verify_detached(signed, b"Jeg godkjenner")
    assert signer.subject.startswith("CN=Kari Nordmann") and "Utility CA 3" in signer.root


def test_ber_with_indefinite_lengths_is_read() -> None:
    assert read(BER).body_end < read(BER).end  # the outer SEQUENCE ends with an end-of-contents marker
    assert verify_detached(BER, b"hei").subject == "CN=ber"


def test_other_content_is_refused(signed: bytes) -> None:
    with pytest.raises(CmsError, match="messageDigest"):
        verify_detached(signed, b"Jeg godkjenner ikke")


def test_a_flipped_signature_byte_is_refused(signed: bytes) -> None:
    tampered = bytearray(signed)
    tampered[-5] ^= 0x01  # inside the ECDSA signature, the last field of the SignerInfo
    with pytest.raises(CmsError):
        verify_detached(bytes(tampered), b"Jeg godkjenner")


@given(st.binary(max_size=300))
def test_garbage_is_a_cms_error(data: bytes) -> None:
    with pytest.raises(CmsError):
        verify_detached(data, b"x")


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=255))
def test_a_mutated_der_signature_never_crashes(signed: bytes, position: int, value: int) -> None:
    mutated = bytearray(signed)
    mutated[position % len(mutated)] = value
    with contextlib.suppress(CmsError):
        verify_detached(bytes(mutated), b"Jeg godkjenner")

"""The .bid keystore: PKCS#12 with the pre-set password, activation marker and validity [S1][S61]."""

from __future__ import annotations

import datetime as dt

import pytest

from bankid_provisioning import PRESET_PASSWORD, KeystoreError, MerchantCA, MerchantSubject, read_bid


def test_an_activated_bid_opens_with_the_preset_password(
    merchant_ca: MerchantCA, subject: MerchantSubject, now: dt.datetime
) -> None:
    keystore = read_bid(merchant_ca.bid(subject, now=now), PRESET_PASSWORD)
    assert keystore.common_name == subject.common_name
    assert keystore.activated
    assert not keystore.expired(now)
    assert "BankID - PreProd" in keystore.issuer
    assert keystore.chain == (merchant_ca.certificate,)
    assert len(keystore.fingerprint.split(":")) == 32


def test_an_unactivated_certificate_has_no_activation_marker(
    merchant_ca: MerchantCA, subject: MerchantSubject, now: dt.datetime
) -> None:
    assert not read_bid(merchant_ca.bid(subject, now=now, activated=False), PRESET_PASSWORD).activated


def test_validity_encodes_expiry(merchant_ca: MerchantCA, subject: MerchantSubject, now: dt.datetime) -> None:
    keystore = read_bid(merchant_ca.bid(subject, now=now, validity=dt.timedelta(days=1)), PRESET_PASSWORD)
    assert keystore.expired(now + dt.timedelta(days=2))


def test_a_wrong_password_is_a_keystore_error(
    merchant_ca: MerchantCA, subject: MerchantSubject, now: dt.datetime
) -> None:
    with pytest.raises(KeystoreError, match="password"):
        read_bid(merchant_ca.bid(subject, now=now), "qwert1234")


def test_garbage_is_a_keystore_error() -> None:
    with pytest.raises(KeystoreError):
        read_bid(b"not a keystore", PRESET_PASSWORD)

"""BID-P rules judged on crafted answers: each can fail, and none echoes an issued secret."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

from harness.http import Reply
from harness.rules import Outcome, Violation, collecting
from harness.rules.bankid import credentials, merchant_certificate, provisioning

SECRET = "s3cr3t-never-to-be-printed-0123456789"


def reply(status: int, body: Any = None, *, raw: bytes | None = None, location: str | None = None) -> Reply:
    headers = {"content-type": "application/json"}
    if location:
        headers["location"] = location
    data = raw if raw is not None else json.dumps(body).encode()
    return Reply(status, headers, data, "https://mock.example/admin/provisioning/prod/clients")


GRANTED = {"client_id": "conf-bankid-prod", "client_secret": SECRET, "merchant_certificate": {"kind": "shared"}}


def test_prod_request_granted_through_the_service_desk_is_a_violation() -> None:
    with pytest.raises(Violation) as raised:
        provisioning.prod_needs_agreement(reply(201, GRANTED), "channel")
    assert raised.value.rule.id == "BID-P24"
    assert SECRET not in str(raised.value)


def test_refusal_that_names_another_field_is_a_violation() -> None:
    refusal = {"error": "invalid_request", "errors": [{"field": "display_name", "message": "is required"}]}
    with pytest.raises(Violation, match="BID-P18"):
        provisioning.incomplete_refused(reply(422, refusal), "redirect_uris")
    provisioning.incomplete_refused(reply(422, refusal), "display_name")


def test_answer_without_a_secret_issues_no_credentials() -> None:
    with pytest.raises(Violation) as raised:
        provisioning.credentials_issued(reply(201, {"client_id": "conf-bankid-current"}))
    assert raised.value.expected == "a client_secret"


def test_service_desk_answer_without_the_support_notice_is_a_violation() -> None:
    with pytest.raises(Violation, match="BID-P23"):
        provisioning.no_customer_support(reply(201, {**GRANTED, "advice": [{"field": "x", "message": "hello"}]}))


def test_getting_started_is_advisory_a_warning_not_a_failure() -> None:
    with collecting() as verdicts:
        provisioning.points_to_getting_started(reply(201, {**GRANTED, "advice": []}))
    assert [v.outcome for v in verdicts] == [Outcome.WARNING]


def test_other_environment_accepting_the_client_is_a_violation() -> None:
    with pytest.raises(Violation, match="BID-P12"):
        credentials.other_environment_refused(reply(200, {"access_token": "eyJ.x.y"}))


def test_error_redirect_for_the_registered_redirect_uri_is_a_violation() -> None:
    back = "https://rp.example/cb?error=invalid_request&state=s"
    with pytest.raises(Violation, match="BID-P19"):
        credentials.redirect_uri_registered(reply(303, {}, location=back), "https://rp.example/cb")


def test_answer_handing_back_the_keystore_is_a_violation() -> None:
    leaked = {**GRANTED, "merchant_certificate": {"kind": "dedicated", "bid_base64": "AAAA"}}
    with pytest.raises(Violation) as raised:
        merchant_certificate.bankid_hosts_dedicated(reply(201, leaked))
    assert raised.value.seen == ["bid_base64"]


def _bid(password: str, common_name: str) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"m", key, certificate, None, BestAvailableEncryption(password.encode())
    )


def test_bid_with_another_password_is_a_violation() -> None:
    merchant_certificate.bid_opens_with_preset_password(reply(200, raw=_bid("qwer1234", "Shop AS")), "Shop AS")
    with pytest.raises(Violation, match="BID-P32"):
        merchant_certificate.bid_opens_with_preset_password(reply(200, raw=_bid("other", "Shop AS")), "Shop AS")


@pytest.mark.parametrize(
    ("judge", "rule_id"),
    [
        (lambda answer: credentials.credentials_suffice(answer), "BID-P8"),
        (
            lambda answer: credentials.jwt_auth_after_registration(reply(401, {"error": "invalid_client"}), answer),
            "BID-P13",
        ),
    ],
)
def test_p8_and_p13_fail_as_themselves_not_as_p5(judge: Any, rule_id: str) -> None:
    """A refused first request is recorded (and raised) under P8/P13, so each can fail as itself."""
    with collecting() as verdicts, pytest.raises(Violation) as raised:
        judge(reply(401, {"error": "unauthorized_client"}))
    assert raised.value.rule.id == rule_id
    assert [(v.rule.id, v.outcome) for v in verdicts] == [(rule_id, Outcome.FAILED)]


@pytest.mark.parametrize(
    ("judge", "rule_id", "outcome"),
    [
        (lambda a: provisioning.environment_required(a), "BID-P3", Outcome.FAILED),
        (lambda a: provisioning.environment_offered(a), "BID-P3a", Outcome.WARNING),
        (lambda a: provisioning.incomplete_refused(a, "environment"), "BID-P18", Outcome.FAILED),
        (lambda a: provisioning.incomplete_newer_refused(a, "environment"), "BID-P18a", Outcome.WARNING),
        (lambda a: credentials.rotated_secret_refused(a), "BID-P10", Outcome.WARNING),
    ],
)
def test_a_granted_request_fails_the_confirmed_rules_and_warns_the_unclear_ones(
    judge: Any, rule_id: str, outcome: Outcome
) -> None:
    """P3a (PREPROD not offered), P18a (items no earlier list asks for) and P10 (rotation) rest on UNCLEAR
    facts: a provider that grants anyway gets a warning; P3 and P18 stay MUST."""
    with collecting() as verdicts, contextlib.suppress(Violation):
        judge(reply(201, GRANTED))
    assert [(v.rule.id, v.outcome) for v in verdicts] == [(rule_id, outcome)]
    assert SECRET not in repr(verdicts)

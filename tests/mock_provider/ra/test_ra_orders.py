"""The RA self-service: order → activate → download the .bid (password qwer1234) [S1][S61]."""

from __future__ import annotations

import httpx
import pytest
from cryptography import x509

from bankid_provisioning import PRESET_PASSWORD, is_valid_organisation_number, read_bid

ORDERS = "/admin/ra/merchant-orders"


def order(admin: httpx.Client, **body: object) -> dict[str, object]:
    payload = {"organisation_name": "Nettbutikken Demo AS", "common_name": "Nettbutikken Demo", **body}
    reply = admin.post(ORDERS, json=payload)
    assert reply.status_code == 201, reply.text
    answer: dict[str, object] = reply.json()
    return answer


def test_an_order_starts_ordered_with_a_generated_organisation_number(admin: httpx.Client) -> None:
    created = order(admin)
    assert created["status"] == "ordered"
    assert is_valid_organisation_number(str(created["organisation_number"]))
    assert admin.get(f"{ORDERS}/{created['certificate_id']}").json() == created


def test_the_bid_cannot_be_downloaded_before_activation(admin: httpx.Client) -> None:
    created = order(admin)
    reply = admin.get(f"{ORDERS}/{created['certificate_id']}/bid")
    assert reply.status_code == 409
    assert "activate" in reply.json()["error_description"]


def test_an_activated_order_downloads_as_a_bid(admin: httpx.Client) -> None:
    created = order(admin, organisation_number="998877660")
    activated = admin.post(f"{ORDERS}/{created['certificate_id']}/activate").json()
    assert activated["status"] == "activated"
    reply = admin.get(f"{ORDERS}/{created['certificate_id']}/bid")
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/x-pkcs12"
    keystore = read_bid(reply.content, PRESET_PASSWORD)
    assert keystore.activated
    assert keystore.common_name == "Nettbutikken Demo"
    assert "BankID - PreProd" in keystore.issuer
    assert keystore.fingerprint == activated["fingerprint_sha256"]


def test_the_bid_chains_to_the_published_merchant_ca(admin: httpx.Client) -> None:
    created = order(admin)
    admin.post(f"{ORDERS}/{created['certificate_id']}/activate")
    keystore = read_bid(admin.get(f"{ORDERS}/{created['certificate_id']}/bid").content, PRESET_PASSWORD)
    ca = x509.load_pem_x509_certificate(admin.get("/admin/ra/ca.pem").content)
    keystore.certificate.verify_directly_issued_by(ca)


def test_an_order_activates_once(admin: httpx.Client) -> None:
    created = order(admin)
    assert admin.post(f"{ORDERS}/{created['certificate_id']}/activate").status_code == 200
    assert admin.post(f"{ORDERS}/{created['certificate_id']}/activate").status_code == 409


def test_validity_days_set_the_expiry(admin: httpx.Client) -> None:
    created = order(admin, validity_days=1)
    activated = admin.post(f"{ORDERS}/{created['certificate_id']}/activate").json()
    assert str(activated["not_after"]) < "2027"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"common_name": "X"}, "organisation_name"),
        ({"organisation_name": "X", "common_name": " "}, "common_name"),
        ({"organisation_name": "X", "common_name": "X", "organisation_number": "123456789"}, "organisation_number"),
        ({"organisation_name": "X", "common_name": "X", "validity_days": 0}, "validity_days"),
        ({"organisation_name": "X", "common_name": "X", "validity_days": True}, "validity_days"),
        ({"organisation_name": "X", "common_name": "X", "colour": "red"}, "colour"),
    ],
)
def test_a_bad_order_names_the_field(admin: httpx.Client, body: dict[str, object], field: str) -> None:
    reply = admin.post(ORDERS, json=body)
    assert reply.status_code == 422
    assert field in {e["field"] for e in reply.json()["errors"]}


def test_an_unknown_order_is_a_404(admin: httpx.Client) -> None:
    assert admin.get(f"{ORDERS}/nope").status_code == 404
    assert admin.post(f"{ORDERS}/nope/activate").status_code == 404
    assert admin.get(f"{ORDERS}/nope/bid").status_code == 404


def test_the_number_generator_gives_valid_numbers(admin: httpx.Client) -> None:
    numbers = {admin.post("/admin/ra/organisation-numbers").json()["organisation_number"] for _ in range(5)}
    assert all(is_valid_organisation_number(n) for n in numbers)

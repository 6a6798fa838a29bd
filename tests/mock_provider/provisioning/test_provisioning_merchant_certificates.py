"""Merchant certificates on provisioned clients: shared by default, dedicated on request [S1]."""

from __future__ import annotations

import datetime as dt

import httpx
from flask import Flask

from bankid_provisioning import MerchantCA, MerchantSubject
from tests.conftest import FakeClock
from tests.mock_provider.provisioning_api import example, provision, with_bid

CLIENTS = "/admin/provisioning/current/clients"
ORDERS = "/admin/ra/merchant-orders"


def ra_bid(admin: httpx.Client, common_name: str = "Nettbutikken Signering", *, activate: bool = True) -> bytes:
    created = admin.post(ORDERS, json={"organisation_name": "Nettbutikken Demo AS", "common_name": common_name})
    order_id = created.json()["certificate_id"]
    if activate:
        admin.post(f"{ORDERS}/{order_id}/activate")
    return admin.get(f"{ORDERS}/{order_id}/bid").content


def client_config(app: Flask, client_id: str, realm: str = "current") -> object:
    return app.extensions["bankid_mock"].clients.get(client_id, realm).config


def test_the_default_is_the_shared_certificate(admin: httpx.Client, empty_mock: Flask) -> None:
    answer = provision(admin)
    assert answer["merchant_certificate"]["kind"] == "shared"
    assert answer["merchant_certificate"]["common_name"] == "BankID OIDC Shared Merchant"
    assert client_config(empty_mock, answer["client_id"]).merchant_certificate_cn is None  # type: ignore[attr-defined]


def test_a_dedicated_current_certificate_comes_from_the_ra_bid(admin: httpx.Client, empty_mock: Flask) -> None:
    body = with_bid(example("current-dedicated.toml"), ra_bid(admin))
    reply = admin.post(CLIENTS, json=body)
    assert reply.status_code == 201, reply.text
    certificate = reply.json()["merchant_certificate"]
    assert certificate["kind"] == "dedicated"
    assert certificate["common_name"] == "Nettbutikken Signering"
    assert "BankID - PreProd" in certificate["issuer"]
    assert {"fingerprint_sha256", "not_after"} <= set(certificate)
    config = client_config(empty_mock, "webshop-signing-bankid-current")
    assert config.merchant_certificate_cn == "Nettbutikken Signering"  # type: ignore[attr-defined]
    read = admin.get(f"{CLIENTS}/webshop-signing-bankid-current").json()["merchant_certificate"]
    assert read == certificate
    assert "bid" not in str(admin.get(f"{CLIENTS}/webshop-signing-bankid-current").json()["merchant_certificate"])


def test_the_ra_cannot_be_bypassed_with_a_foreign_ca(admin: httpx.Client, clock: FakeClock) -> None:
    now = dt.datetime.fromtimestamp(clock.now, dt.UTC)
    foreign = MerchantCA.generate(now=now).bid(MerchantSubject("X AS", "998877660", "X"), now=now)
    reply = admin.post(CLIENTS, json=with_bid(example("current-dedicated.toml"), foreign))
    assert reply.status_code == 422
    assert "merchant CA" in reply.json()["errors"][0]["message"]


def test_an_expired_bid_is_refused(admin: httpx.Client, clock: FakeClock) -> None:
    created = admin.post(ORDERS, json={"organisation_name": "A AS", "common_name": "A", "validity_days": 1}).json()
    admin.post(f"{ORDERS}/{created['certificate_id']}/activate")
    bid = admin.get(f"{ORDERS}/{created['certificate_id']}/bid").content
    clock.advance(3 * 86400)
    reply = admin.post(CLIENTS, json=with_bid(example("current-dedicated.toml"), bid))
    assert reply.status_code == 422
    assert "not valid now" in reply.json()["errors"][0]["message"]


def test_a_wrong_bid_password_is_refused(admin: httpx.Client) -> None:
    reply = admin.post(CLIENTS, json=with_bid(example("current-dedicated.toml"), ra_bid(admin), "qwert1234"))
    assert reply.status_code == 422
    assert reply.json()["errors"][0]["field"] == "merchant_certificate.bid_password"


def test_a_dedicated_prod_certificate_is_ordered_by_bankid(admin: httpx.Client, empty_mock: Flask) -> None:
    answer = provision(admin, "prod", merchant_certificate={"kind": "dedicated", "common_name": "Nettbutikken"})
    certificate = answer["merchant_certificate"]
    assert certificate["kind"] == "dedicated"
    assert certificate["source"] == "bankid-order"
    assert certificate["common_name"] == "Nettbutikken"
    assert certificate["organisation_number"] == "998877660"
    assert "PreProd" not in certificate["issuer"]
    assert client_config(empty_mock, answer["client_id"], "prod").merchant_certificate_cn == "Nettbutikken"  # type: ignore[attr-defined]


def test_the_stored_request_keeps_neither_bid_nor_password(admin: httpx.Client, empty_mock: Flask) -> None:
    bid = ra_bid(admin)
    assert admin.post(CLIENTS, json=with_bid(example("current-dedicated.toml"), bid)).status_code == 201
    store = empty_mock.extensions["bankid_mock"].store
    with store.begin() as connection:
        rows = connection.exec_driver_sql("SELECT request_json FROM provisioning_requests").all()
    stored = " ".join(str(row[0]) for row in rows)
    assert "qwer1234" not in stored
    assert '"bid_attached": true' in stored

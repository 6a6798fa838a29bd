"""Quirk ``preprod``: PREPROD is in connector configuration only [S10][S12], and the provisioning pages list CURRENT
and PROD [S1][S2] (PROVIDER-FACTS §1.1: treat it as not offered). Refused by default: no such provisioning, no
such realm. Offered: a third realm, provisioned as CURRENT is, whose clients live there only."""

from __future__ import annotations

import httpx
import pytest

from mock_provider.config import Quirks
from tests.mock_provider.provisioning_api import example, token, with_bid

OFFERED = Quirks(preprod_offered=True)
PREPROD = "/admin/provisioning/preprod/clients"
DISCOVERY = "/auth/realms/preprod/.well-known/openid-configuration"


def _request(**changes: object) -> dict[str, object]:
    return example(environment="PREPROD", flows=["authorization_code", "client_credentials"], **changes)


def test_by_default_there_is_no_preprod_provisioning_nor_realm(admin: httpx.Client, public: httpx.Client) -> None:
    reply = admin.post(PREPROD, json=_request())
    assert reply.status_code == 404
    assert reply.json()["error"] == "not_found" and "use current or prod" in reply.text
    assert public.get(DISCOVERY).status_code == 404


def test_by_default_the_preprod_userinfo_host_is_not_served(public: httpx.Client) -> None:
    """No realm, no userinfo host: the host map names one for PREPROD [S10], served only under the quirk."""
    reply = public.get("https://userinfo.preprod.bankid.no/userinfo", headers={"Authorization": "Bearer x"})
    assert (reply.status_code, reply.json()["error"]) == (404, "not_found")


@pytest.mark.parametrize("admin_quirks", [OFFERED])
def test_offered_preprod_serves_its_userinfo_host(public: httpx.Client) -> None:
    reply = public.get("https://userinfo.preprod.bankid.no/userinfo", headers={"Authorization": "Bearer x"})
    assert (reply.status_code, reply.json()["error"]) == (401, "invalid_token")


def test_by_default_a_preprod_request_sent_to_current_is_refused_naming_the_environment(admin: httpx.Client) -> None:
    reply = admin.post("/admin/provisioning/current/clients", json=_request())
    assert reply.status_code == 422
    messages = [e["message"] for e in reply.json()["errors"] if e["field"] == "environment"]
    assert any(m.startswith("PREPROD is not offered: BankID provisions CURRENT or PROD") for m in messages)


@pytest.mark.parametrize("admin_quirks", [OFFERED])
def test_offered_preprod_provisions_like_current_into_its_own_realm(admin: httpx.Client, public: httpx.Client) -> None:
    reply = admin.post(PREPROD, json=_request())
    assert reply.status_code == 201, reply.text
    answer = reply.json()
    assert (answer["client_id"], answer["realm"]) == ("webshop-bankid-preprod", "preprod")
    assert answer["issuer"] == "https://auth.preprod.bankid.no/auth/realms/preprod"
    assert token(public, "preprod", answer["client_id"], answer["client_secret"]).status_code == 200
    for other in ("current", "prod"):
        assert token(public, other, answer["client_id"], answer["client_secret"]).status_code == 401
    discovery = public.get(DISCOVERY, headers={"Host": "auth.preprod.bankid.no"})
    assert discovery.status_code == 200
    assert discovery.json()["issuer"] == "https://auth.preprod.bankid.no/auth/realms/preprod"


@pytest.mark.parametrize("admin_quirks", [OFFERED])
def test_offered_preprod_takes_the_service_desk_and_a_preprod_bid_as_current_does(admin: httpx.Client) -> None:
    desk = admin.post(PREPROD, json=_request(client_name="desk", channel="service-desk", partner=None))
    assert desk.status_code == 201, desk.text
    order = admin.post("/admin/ra/merchant-orders", json={"organisation_name": "Demo AS", "common_name": "Demo"})
    order_id = order.json()["certificate_id"]
    admin.post(f"/admin/ra/merchant-orders/{order_id}/activate")
    bid = admin.get(f"/admin/ra/merchant-orders/{order_id}/bid").content
    dedicated = admin.post(PREPROD, json=with_bid(_request(client_name="dedicated"), bid))
    assert dedicated.status_code == 201, dedicated.text
    assert dedicated.json()["merchant_certificate"]["kind"] == "dedicated"
    shared = admin.get(f"{PREPROD}/desk-bankid-preprod").json()["merchant_certificate"]
    assert shared["kind"] == "shared" and "PreProd" in shared["issuer"]
